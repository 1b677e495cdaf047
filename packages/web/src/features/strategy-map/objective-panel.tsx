import { Anchor, CloseButton, Group, Paper, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { Scorecard, ScoredKpi } from '../../api/scorecard-api';
import { BandBadge } from '../../ui/band-badge';
import { formatScore, formatValue, type NumberFormat, perspectiveName } from '../../ui/format';
import { kpiPath } from '../../ui/paths';
import { type CompactColumn, CompactTable } from '../../ui/compact-table';

const kpiColumns = (node: string, period: string, fmt: NumberFormat): CompactColumn<ScoredKpi>[] => [
  {
    header: 'KPI',
    cell: (k) => (
      <Anchor component={Link} to={kpiPath(k.kpiId, node, period)} size="sm">
        {k.name}
      </Anchor>
    ),
  },
  { header: 'Actual', numeric: true, cell: (k) => formatValue(k.actual.value, k.unit, fmt) },
  { header: 'Band', cell: (k) => <BandBadge band={k.band} /> },
];

/** The chosen objective's score and its KPIs (from the node's scorecard), each linking to its detail. */
export function ObjectivePanel(props: {
  objectiveId: string | null;
  scorecard: Scorecard | null;
  node: string;
  period: string;
  fmt: NumberFormat;
  onClose: () => void;
}) {
  const { objectiveId, scorecard, node, period, fmt } = props;
  if (!objectiveId) {
    return (
      <Paper withBorder p="md" radius="md">
        <Text size="sm" c="dimmed">
          Choose an objective on the map (click it, or Tab to it and press Enter) to see its KPIs.
        </Text>
      </Paper>
    );
  }
  const found = scorecard?.perspectives
    .flatMap((p) => p.objectives.map((o) => ({ perspective: p.perspective, objective: o })))
    .find((x) => x.objective.id === objectiveId);
  return (
    <Paper withBorder p="md" radius="md" aria-live="polite">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Title order={2} size="h4">
          {found?.objective.name ?? objectiveId}
        </Title>
        <CloseButton aria-label="Close objective" onClick={props.onClose} />
      </Group>
      {!found ? (
        <Text size="sm" c="dimmed">
          This objective is not on the node's scorecard for {period}.
        </Text>
      ) : (
        <>
          <Group gap="xs" my="xs">
            <Text size="sm">
              {perspectiveName(found.perspective)} · score {formatScore(found.objective.score, fmt)}
            </Text>
            <BandBadge band={found.objective.band} />
          </Group>
          <CompactTable
            label={`KPIs of ${found.objective.name}`}
            columns={kpiColumns(node, period, fmt)}
            rows={found.objective.kpis}
            rowKey={(k) => k.kpiId}
          />
        </>
      )}
    </Paper>
  );
}
