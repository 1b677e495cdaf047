import { Card, Group, SimpleGrid, Text, Title } from '@mantine/core';
import type { Scorecard } from '../../api/scorecard-api';
import { BandBadge } from '../../ui/band-badge';
import { type CompactColumn, CompactTable } from '../../ui/compact-table';
import { formatPercentNumber, formatScore, type NumberFormat, perspectiveName } from '../../ui/format';
import { ScoreValue } from '../../ui/score-value';

type Objective = Scorecard['perspectives'][number]['objectives'][number];

const OBJECTIVE_COLUMNS = (fmt: NumberFormat): CompactColumn<Objective>[] => [
  { header: 'Objective', cell: (o) => o.name },
  { header: 'Score', numeric: true, cell: (o) => formatScore(o.score, fmt) },
  { header: 'Band', cell: (o) => <BandBadge band={o.band} /> },
];

/** One card per perspective: its score and band, and its objectives' scores and bands. */
export function PerspectiveCards({ scorecard, fmt }: { scorecard: Scorecard; fmt: NumberFormat }) {
  return (
    <section aria-label="Perspectives">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" my="md">
        {scorecard.perspectives.map((p) => (
          <Card key={p.perspective} withBorder radius="md" padding="md">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Title order={2} size="h4">
                {perspectiveName(p.perspective)}
              </Title>
              <BandBadge band={p.band} />
            </Group>
            <Text size="sm" c="dimmed">
              Weight {formatPercentNumber(p.weight, fmt)}
              {p.effectiveWeight !== p.weight ? ` → ${formatPercentNumber(p.effectiveWeight, fmt)}` : ''}
            </Text>
            <ScoreValue score={p.score} fmt={fmt} size="xl" />
            <CompactTable
              label={`${perspectiveName(p.perspective)} objectives`}
              columns={OBJECTIVE_COLUMNS(fmt)}
              rows={p.objectives}
              rowKey={(o) => o.id}
            />
          </Card>
        ))}
      </SimpleGrid>
    </section>
  );
}
