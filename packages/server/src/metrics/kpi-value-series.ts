/**
 * One KPI's stored values for one node over a range of periods of one grain,
 * with the target and band the stored scorecards gave each point: what a
 * trend chart plots. Nothing is computed here; bands come from scoring.
 */
import type { NodeKind } from '@cairn/core/metrics';
import type { SummaryKpi } from '@cairn/core/scorecards';
import { param, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';
import { readStoredSummaries } from '../scorecards/scorecard-layouts';

export interface KpiValuePoint {
  periodLabel: string;
  periodStart: string;
  value: number | null;
  numerator: string | null;
  denominator: string | null;
  definitionVersion: number;
  computedAt: string;
  target: number | null;
  band: 'green' | 'amber' | 'red' | 'no_data' | null;
}

export async function kpiValueSeries(
  store: Store,
  q: { kpiId: string; node: { kind: NodeKind; id: string }; grain: 'month' | 'quarter' | 'year'; from?: string; to?: string },
): Promise<KpiValuePoint[]> {
  const rows = await store.query<{
    period_label: string;
    period_start: string;
    value: number | null;
    numerator: string | null;
    denominator: string | null;
    definition_version: number;
    computed_at: string;
  }>(sql`SELECT period_label, CAST(period_start AS VARCHAR) AS period_start, value, CAST(numerator AS VARCHAR) AS numerator,
      CAST(denominator AS VARCHAR) AS denominator, definition_version, CAST(computed_at AS VARCHAR) AS computed_at
    FROM kpi_value
    WHERE kpi_id = ${param(q.kpiId)} AND node_kind = ${param(q.node.kind)} AND node_id = ${param(q.node.id)} AND grain = ${param(q.grain)}
      AND breakdown_dimension IS NULL
      AND period_start >= CAST(${param(q.from ?? '1900-01-01')} AS DATE) AND period_start < CAST(${param(q.to ?? '9999-01-01')} AS DATE)
    ORDER BY period_start`);
  const scored = await store.query<{ period_label: string; payload: string }>(sql`SELECT period_label, payload FROM scorecard_result
    WHERE node_kind = ${param(q.node.kind)} AND node_id = ${param(q.node.id)} AND grain = ${param(q.grain)}`);
  const byPeriod = new Map<string, SummaryKpi>();
  const summaries = await readStoredSummaries(
    store,
    scored.map((r) => r.payload),
  );
  scored.forEach((r, i) => {
    const k = summaries[i]?.kpis.find((x) => x[0] === q.kpiId);
    if (k) byPeriod.set(r.period_label, k);
  });
  return rows.map((r) => ({
    periodLabel: r.period_label,
    periodStart: r.period_start,
    value: r.value === null ? null : Number(r.value),
    numerator: r.numerator,
    denominator: r.denominator,
    definitionVersion: Number(r.definition_version),
    computedAt: r.computed_at,
    target: byPeriod.get(r.period_label)?.[2] ?? null,
    band: byPeriod.get(r.period_label)?.[5] ?? null,
  }));
}
