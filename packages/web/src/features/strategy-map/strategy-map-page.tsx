import { Grid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Navigate, useParams, useSearchParams } from 'react-router';
import { fetchStrategyMap } from '../../api/scorecard-api';
import { browserLocale, type NumberFormat, UNKNOWN_CURRENCY } from '../../ui/format';
import { kindLabel, parseNodeParam } from '../../ui/node-ref';
import { strategyMapPath } from '../../ui/paths';
import { EmptyState, QueryState } from '../../ui/states';
import { useMe } from '../auth/use-me';
import { useMyNode } from '../home/use-my-node';
import { PeriodGate } from '../scorecards/period-gate';
import { useScorecard } from '../scorecards/scorecard-view';
import { PeriodPicker } from '../shell/period-picker';
import { LinkTable } from './link-table';
import { ObjectivePanel } from './objective-panel';
import { StrategyMapSvg } from './strategy-map-svg';

/** `/strategy-map`: the viewer's own node's map. */
export function MyStrategyMapPage() {
  const me = useMe();
  const [params] = useSearchParams();
  const myNode = useMyNode(me.data?.viewer ?? null);
  return (
    <QueryState
      query={myNode}
      label="your strategy map"
      isEmpty={(n) => n === null}
      empty={<EmptyState title="No strategy map yet">There is no organisation loaded yet.</EmptyState>}
    >
      {(node) => node && <Navigate to={strategyMapPath(node, params.get('period'))} replace />}
    </QueryState>
  );
}

/** `/strategy-map/:node?period=`: the map, its objectives clickable through to their KPIs, and the checked links. */
export function StrategyMapPage() {
  const node = useParams().node ?? '';
  if (!parseNodeParam(node))
    return <EmptyState title="Unknown node">Strategy map addresses name a node as kind:id, for example team:T1.</EmptyState>;
  return <PeriodGate node={node}>{(period) => <StrategyMapView key={`${node}|${period}`} node={node} period={period} />}</PeriodGate>;
}

function StrategyMapView({ node, period }: { node: string; period: string }) {
  const map = useQuery({ queryKey: ['strategy-map', node, period], queryFn: ({ signal }) => fetchStrategyMap(node, period, signal) });
  const scorecard = useScorecard(node, period);
  const [selected, setSelected] = useState<string | null>(null);
  const fmt: NumberFormat = { currency: scorecard.data?.currency ?? UNKNOWN_CURRENCY, locale: browserLocale() };
  const names = useMemo(() => new Map((map.data?.model.objectives ?? []).map((o) => [o.id, o.name])), [map.data]);
  const ref = parseNodeParam(node);
  const nodeName = scorecard.data?.scorecard.node.name ?? ref?.id ?? node;
  return (
    <>
      <Title order={1}>Strategy map · {nodeName}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {ref ? kindLabel(ref.kind) : ''} {nodeName} · {period}
      </Text>
      <PeriodPicker node={node} period={period} />
      <QueryState
        query={map}
        label="the strategy map"
        isEmpty={(m) => m.model.objectives.length === 0}
        empty={<EmptyState title="No objectives to draw">This node's scorecard template has no objectives for {period}.</EmptyState>}
      >
        {(m) => (
          <>
            <Grid mt="md" gap="md">
              <Grid.Col span={{ base: 12, lg: 8 }}>
                <StrategyMapSvg svg={m.svg} objectiveNames={names} selected={selected} onSelect={setSelected} />
                <Text size="xs" c="dimmed" mt={4}>
                  Links are checked across {m.checkedAcross.level}s by {m.checkedAcross.grain}: solid when the data support them, dashed
                  when not.
                </Text>
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 4 }}>
                <ObjectivePanel
                  objectiveId={selected}
                  scorecard={scorecard.data?.scorecard ?? null}
                  node={node}
                  period={period}
                  fmt={fmt}
                  onClose={() => setSelected(null)}
                />
              </Grid.Col>
            </Grid>
            <LinkTable
              title="Cause-and-effect links"
              links={m.links}
              names={names}
              fmt={fmt}
              fileName={`strategy-map-links-${node}-${period}`}
            />
            {m.crossSellChecks.length > 0 && (
              <LinkTable
                title="Cross-sell checks"
                links={m.crossSellChecks}
                names={names}
                fmt={fmt}
                fileName={`cross-sell-checks-${node}-${period}`}
              />
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
