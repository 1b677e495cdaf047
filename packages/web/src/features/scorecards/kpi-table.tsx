import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Scorecard, ScoredKpi } from '../../api/scorecard-api';
import { BandBadge, bandLabel } from '../../ui/band-badge';
import { type Column, DataTable } from '../../ui/data-table';
import { formatPercentNumber, formatScore, formatValue, type NumberFormat, perspectiveName } from '../../ui/format';
import { kpiPath } from '../../ui/paths';
import { OutlierCell, outlierExportText } from './outlier-cell';
import { TargetCell, targetExportText } from './target-cell';

interface KpiRow {
  where: string;
  kpi: ScoredKpi;
}

function weightText(kpi: ScoredKpi, fmt: NumberFormat): string {
  const template = formatPercentNumber(kpi.weight, fmt);
  return kpi.weight === kpi.effectiveWeight ? template : `${template} → ${formatPercentNumber(kpi.effectiveWeight, fmt)}`;
}

function notesText(kpi: ScoredKpi): string {
  return [kpi.noDataReason ? `No data: ${kpi.noDataReason}` : '', outlierExportText(kpi)].filter(Boolean).join('; ');
}

/** Every KPI of the scorecard with actual, target, attainment, score, band and weights; a KPI's name opens its detail. */
export function KpiTable({ scorecard, node, period, fmt }: { scorecard: Scorecard; node: string; period: string; fmt: NumberFormat }) {
  const rows: KpiRow[] = scorecard.perspectives.flatMap((p) =>
    p.objectives.flatMap((o) => o.kpis.map((kpi) => ({ where: `${perspectiveName(p.perspective)} › ${o.name}`, kpi }))),
  );
  const columns: Column<KpiRow>[] = [
    {
      header: 'KPI',
      cell: (r) => (
        <Anchor component={Link} to={kpiPath(r.kpi.kpiId, node, period)} size="sm" fw={500}>
          {r.kpi.name}
        </Anchor>
      ),
      exportValue: (r) => r.kpi.name,
    },
    { header: 'Objective', cell: (r) => <Text size="sm">{r.where}</Text>, exportValue: (r) => r.where },
    {
      header: 'Actual',
      numeric: true,
      cell: (r) => formatValue(r.kpi.actual.value, r.kpi.unit, fmt),
      exportValue: (r) => formatValue(r.kpi.actual.value, r.kpi.unit, fmt),
    },
    {
      header: 'Target',
      numeric: true,
      cell: (r) => <TargetCell kpi={r.kpi} fmt={fmt} />,
      exportValue: (r) => targetExportText(r.kpi, fmt),
    },
    {
      header: 'Attainment',
      numeric: true,
      cell: (r) => formatPercentNumber(r.kpi.attainmentPct, fmt),
      exportValue: (r) => formatPercentNumber(r.kpi.attainmentPct, fmt),
    },
    { header: 'Score', numeric: true, cell: (r) => formatScore(r.kpi.score, fmt), exportValue: (r) => formatScore(r.kpi.score, fmt) },
    { header: 'Band', cell: (r) => <BandBadge band={r.kpi.band} />, exportValue: (r) => bandLabel(r.kpi.band) },
    { header: 'Weight', numeric: true, cell: (r) => weightText(r.kpi, fmt), exportValue: (r) => weightText(r.kpi, fmt) },
    {
      header: 'Notes',
      cell: (r) => (
        <Stack gap={4} align="flex-start">
          {r.kpi.noDataReason && (
            <Text size="sm" c="dimmed">
              No data: {r.kpi.noDataReason}
            </Text>
          )}
          <OutlierCell kpi={r.kpi} fmt={fmt} />
        </Stack>
      ),
      exportValue: (r) => notesText(r.kpi),
    },
  ];
  return (
    <DataTable
      title="KPIs"
      description="Weight: the template's weight → the effective weight after a sibling without data passed its weight on."
      columns={columns}
      rows={rows}
      rowKey={(r) => r.kpi.kpiId}
      fileName={`kpis-${node}-${period}`}
      emptyText="This scorecard has no KPIs."
    />
  );
}
