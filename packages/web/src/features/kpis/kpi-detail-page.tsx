import { Anchor, Badge, Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { fetchAnnotations } from '../../api/annotation-api';
import { fetchKpiDetail, fetchKpiValues, type Grain } from '../../api/kpi-api';
import { browserLocale, type NumberFormat, UNKNOWN_CURRENCY } from '../../ui/format';
import { kindLabel, parseNodeParam } from '../../ui/node-ref';
import { scorecardPath } from '../../ui/paths';
import { useDefaultParam } from '../../ui/use-default-param';
import { ErrorState, LoadingState, QueryState } from '../../ui/states';
import { useMe } from '../auth/use-me';
import { useMyNode } from '../home/use-my-node';
import { PeriodGate } from '../scorecards/period-gate';
import { useScorecard } from '../scorecards/scorecard-view';
import { PeriodPicker } from '../shell/period-picker';
import { GRAIN_LABELS, GRAINS, grainOfPeriod } from '../shell/use-periods';
import { AnnotationPanel } from './annotation-panel';
import { BreakdownSection } from './breakdown-section';
import { ExplainPanel } from './explain-panel';
import { KpiDefinitionSection } from './kpi-definition-section';
import { TrendSection } from './trend-section';

/** `/kpis/:id?node=&period=&grain=`: a KPI for one node — trend, annotations, explain, definition. Without a node, the viewer's own. */
export function KpiDetailPage() {
  const id = useParams().id ?? '';
  const [params] = useSearchParams();
  const me = useMe();
  const myNode = useMyNode(params.get('node') ? null : (me.data?.viewer ?? null));
  const node = useDefaultParam('node', myNode.data ?? null);
  if (!node) {
    if (myNode.isError) return <ErrorState error={myNode.error} retry={() => void myNode.refetch()} />;
    return <LoadingState label="your node" />;
  }
  return <PeriodGate node={node}>{(period) => <KpiDetail id={id} node={node} period={period} />}</PeriodGate>;
}

function KpiDetail({ id, node, period }: { id: string; node: string; period: string }) {
  const [params, setParams] = useSearchParams();
  const grainParam = params.get('grain');
  const grain: Grain = (GRAINS as readonly string[]).includes(grainParam ?? '')
    ? (grainParam as Grain)
    : (grainOfPeriod(period) ?? 'month');
  const detail = useQuery({ queryKey: ['kpi', id], queryFn: ({ signal }) => fetchKpiDetail(id, signal) });
  const trend = useQuery({ queryKey: ['kpi-values', id, node, grain], queryFn: ({ signal }) => fetchKpiValues(id, node, grain, signal) });
  const annotations = useQuery({
    queryKey: ['annotations', id, node, grain],
    queryFn: ({ signal }) => fetchAnnotations(id, node, grain, signal),
  });
  // The reporting currency comes with the node's scorecard; without one, amounts show with the "no currency" sign.
  const scorecard = useScorecard(node, period);
  const fmt: NumberFormat = { currency: scorecard.data?.currency ?? UNKNOWN_CURRENCY, locale: browserLocale() };
  const [explainOpen, setExplainOpen] = useState(false);
  const explainId = useId();
  const ref = parseNodeParam(node);
  const nodeName = scorecard.data?.scorecard.node.name ?? ref?.id ?? node;

  return (
    <QueryState query={detail} label="the KPI">
      {(kpi) => (
        <Stack gap="md">
          <div>
            <Anchor component={Link} to={scorecardPath(node, period)} size="sm">
              ← Scorecard of {nodeName}
            </Anchor>
            <Group gap="sm" align="center" mt={4}>
              <Title order={1}>{kpi.definition.name}</Title>
              <Badge variant="light">{kpi.definition.status}</Badge>
            </Group>
            <Text c="dimmed" size="sm">
              {ref ? kindLabel(ref.kind) : 'Node'} {nodeName} · {period}
            </Text>
          </div>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <PeriodPicker node={node} period={period} />
            <NativeSelect
              label="Chart grain"
              size="sm"
              value={grain}
              onChange={(e) =>
                setParams((p) => {
                  p.set('grain', e.currentTarget.value);
                  return p;
                })
              }
              data={GRAINS.map((g) => ({ value: g, label: GRAIN_LABELS[g] }))}
            />
          </Group>
          <QueryState query={trend} label="the trend">
            {(t) => (
              <TrendSection
                kpiId={id}
                kpiName={kpi.definition.name}
                unit={kpi.definition.unit}
                trend={t}
                annotations={annotations.data ?? []}
                fmt={fmt}
                grain={grain}
              />
            )}
          </QueryState>
          <AnnotationPanel kpiId={id} node={node} period={period} annotations={annotations.data ?? []} locale={fmt.locale} />
          <BreakdownSection
            kpiId={id}
            unit={kpi.definition.unit}
            node={node}
            period={period}
            dimensions={kpi.definition.breakdowns}
            fmt={fmt}
          />
          <section aria-labelledby={`${explainId}-heading`}>
            <Group gap="sm">
              <Title order={2} size="h4" id={`${explainId}-heading`}>
                Explain {period}
              </Title>
              <Button
                size="xs"
                variant="light"
                aria-expanded={explainOpen}
                aria-controls={explainId}
                onClick={() => setExplainOpen((o) => !o)}
              >
                {explainOpen ? 'Hide explain' : 'Explain'}
              </Button>
            </Group>
            <div id={explainId}>
              {explainOpen ? (
                <ExplainPanel kpiId={id} node={node} period={period} fmt={fmt} />
              ) : (
                <Text size="sm" c="dimmed">
                  The value's numerator and denominator, formula, SQL and the rows behind it (deals, order lines…).
                </Text>
              )}
            </div>
          </section>
          <KpiDefinitionSection detail={kpi} locale={fmt.locale} />
        </Stack>
      )}
    </QueryState>
  );
}
