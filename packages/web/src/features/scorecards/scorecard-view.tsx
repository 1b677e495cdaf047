import { Anchor, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fetchScorecard } from '../../api/scorecard-api';
import { BandBadge } from '../../ui/band-badge';
import { browserLocale, type NumberFormat } from '../../ui/format';
import { kindLabel } from '../../ui/node-ref';
import { strategyMapPath } from '../../ui/paths';
import { ScoreValue } from '../../ui/score-value';
import { EmptyState, QueryState } from '../../ui/states';
import { PeriodPicker } from '../shell/period-picker';
import { ChildrenTable } from './children-table';
import { KpiTable } from './kpi-table';
import { NodeBreadcrumbs } from './node-breadcrumbs';
import { PerspectiveCards } from './perspective-cards';

export function useScorecard(node: string, period: string) {
  return useQuery({ queryKey: ['scorecard', node, period], queryFn: ({ signal }) => fetchScorecard(node, period, signal) });
}

/** A node's scorecard for a period: overall score, perspectives, KPIs, and the children to drill into. */
export function ScorecardView({ node, period, heading }: { node: string; period: string; heading?: string }) {
  const query = useScorecard(node, period);
  return (
    <QueryState query={query} label="the scorecard">
      {(view) => {
        const sc = view.scorecard;
        const fmt: NumberFormat = { currency: view.currency, locale: browserLocale() };
        return (
          <Stack gap="sm">
            <NodeBreadcrumbs node={sc.node} parent={view.parent} period={period} />
            <Group justify="space-between" align="flex-end" wrap="wrap">
              <div>
                {heading && (
                  <Text size="sm" c="dimmed" fw={600} tt="uppercase">
                    {heading}
                  </Text>
                )}
                <Title order={1}>{sc.node.name}</Title>
                <Text c="dimmed" size="sm">
                  {kindLabel(sc.node.kind)} scorecard · {view.period.label} ({view.period.start} to {view.period.end}) · template{' '}
                  {sc.templateId} v{sc.templateVersion} · amounts in {view.currency}
                </Text>
              </div>
              <PeriodPicker node={node} period={period} />
            </Group>
            <Paper withBorder radius="md" p="md">
              <Group gap="lg" wrap="wrap">
                <div>
                  <Text size="sm" c="dimmed">
                    Overall score
                  </Text>
                  <ScoreValue score={sc.score} fmt={fmt} size="2rem" />
                </div>
                <BandBadge band={sc.band} />
                <Anchor component={Link} to={strategyMapPath(node, period)} size="sm">
                  Strategy map of {sc.node.name}
                </Anchor>
              </Group>
            </Paper>
            {sc.perspectives.length === 0 ? (
              <EmptyState title="Nothing scored for this period">
                This node has no scored KPIs in {view.period.label}. Pick another period, or run <code>cairn compute</code> after importing
                data.
              </EmptyState>
            ) : (
              <>
                <PerspectiveCards scorecard={sc} fmt={fmt} />
                {sc.redistributions.length > 0 && (
                  <section aria-labelledby="redistributions">
                    <Title order={2} size="h5" id="redistributions">
                      Weight passed on from KPIs without data
                    </Title>
                    <List size="sm">
                      {sc.redistributions.map((note) => (
                        <List.Item key={note}>{note}</List.Item>
                      ))}
                    </List>
                  </section>
                )}
                <KpiTable scorecard={sc} node={node} period={period} fmt={fmt} />
              </>
            )}
            {view.children.length > 0 && <ChildrenTable view={view} period={period} fmt={fmt} />}
          </Stack>
        );
      }}
    </QueryState>
  );
}
