import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ScorecardView } from '../../api/scorecard-api';
import { BandBadge, bandLabel } from '../../ui/band-badge';
import { type Column, DataTable } from '../../ui/data-table';
import { formatFraction, formatScore, formatValue, type NumberFormat } from '../../ui/format';
import { kindLabel, nodeParam } from '../../ui/node-ref';
import { scorecardPath } from '../../ui/paths';

type Child = ScorecardView['children'][number];

/** The node's children (divisions, regions, teams or reps) with their scores and each KPI's value and share of this node; a name drills down. */
export function ChildrenTable({ view, period, fmt }: { view: ScorecardView; period: string; fmt: NumberFormat }) {
  const kpis = view.scorecard.perspectives.flatMap((p) => p.objectives.flatMap((o) => o.kpis));
  const kpiById = new Map(kpis.map((k) => [k.kpiId, k]));
  const kpiIds = [...new Set(view.children.flatMap((c) => c.kpis.map((k) => k.kpiId)))];
  const kindOfChildren = view.children[0] ? `${kindLabel(view.children[0].node.kind)}s` : 'Children';
  const valueText = (child: Child, kpiId: string): string => {
    const v = child.kpis.find((k) => k.kpiId === kpiId);
    if (!v) return '—';
    const value = formatValue(v.value, kpiById.get(kpiId)?.unit ?? 'count', fmt);
    return v.shareOfParent === null ? value : `${value} (${formatFraction(v.shareOfParent, fmt)})`;
  };
  const columns: Column<Child>[] = [
    {
      header: 'Name',
      cell: (c) => (
        <Anchor component={Link} to={scorecardPath(nodeParam(c.node), period)} size="sm" fw={500}>
          {c.node.name}
        </Anchor>
      ),
      exportValue: (c) => c.node.name,
    },
    { header: 'Kind', cell: (c) => kindLabel(c.node.kind), exportValue: (c) => kindLabel(c.node.kind) },
    { header: 'Score', numeric: true, cell: (c) => formatScore(c.score, fmt), exportValue: (c) => formatScore(c.score, fmt) },
    { header: 'Band', cell: (c) => <BandBadge band={c.band} />, exportValue: (c) => bandLabel(c.band) },
    ...kpiIds.map(
      (kpiId): Column<Child> => ({
        header: kpiById.get(kpiId)?.name ?? kpiId,
        numeric: true,
        cell: (c) => <Text size="sm">{valueText(c, kpiId)}</Text>,
        exportValue: (c) => valueText(c, kpiId),
      }),
    ),
  ];
  return (
    <DataTable
      title={kindOfChildren}
      description="Each KPI's value, and in brackets its share of this node's value (for ratios, of the numerator)."
      columns={columns}
      rows={view.children}
      rowKey={(c) => nodeParam(c.node)}
      fileName={`children-${nodeParam(view.scorecard.node)}-${period}`}
      emptyText="No scored children in this period."
    />
  );
}
