/**
 * Scores every node that has KPI values, for every period, and stores the
 * results (scorecard_result) so pages read one row instead of recomputing.
 * Targets are built from the engine's values already stored (run compute
 * first); a node's actuals are its own engine values, never its children's
 * average. Replaces the periods it covers in one transaction.
 */
import {
  assembleScorecard,
  nodeKey,
  periodContext,
  SeasonalityCache,
  type ScorecardTemplate,
  scorecardParent,
  summariseScorecard,
} from '@cairn/core/scorecards';
import type { KpiCatalog } from '@cairn/core/metrics';
import { param, sql } from '@cairn/core/sql';
import type { CompanySettings } from '../db/company-settings';
import { CsvBuffer } from '../db/csv-buffer';
import type { Store } from '../db/store';
import { nowTimestamp } from '../metrics/store-kpi-definitions';
import { loadOutlierExclusions } from './load-outlier-exclusions';
import { loadScorecardData } from './load-scorecard-data';

export interface ComputeScorecardsOptions {
  /** Only periods starting on or after this day. */
  from?: string;
  /** Only periods starting before this day. */
  to?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface ComputeScorecardsResult {
  scorecards: number;
  periods: number;
  /** (node, period) pairs with values but no template for the level or role (e.g. SEs, managers). */
  unscored: number;
  excludedDeals: number;
  phases: { load: number; exclusions: number; score: number; write: number };
}

const COLUMNS = [
  'node_kind',
  'node_id',
  'grain',
  'period_label',
  'period_start',
  'parent_kind',
  'parent_id',
  'template_id',
  'template_version',
  'score',
  'band',
  'payload',
  'computed_at',
];

export async function computeScorecards(
  store: Store,
  settings: CompanySettings,
  catalog: KpiCatalog,
  templates: ScorecardTemplate[],
  opts: ComputeScorecardsOptions = {},
): Promise<ComputeScorecardsResult> {
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - t);
    t = now;
    return ms;
  };
  const data = await loadScorecardData(store, settings.calendar, catalog, templates);
  const load = lap();
  const excludedDeals = await loadOutlierExclusions(store, data);
  const exclusions = lap();

  const byPeriod = new Map<string, string[]>();
  for (const key of data.actuals.keys()) {
    const bar = key.indexOf('|');
    const pk = key.slice(bar + 1);
    const list = byPeriod.get(pk) ?? [];
    list.push(key.slice(0, bar));
    byPeriod.set(pk, list);
  }
  const periods = [...data.periods.entries()]
    .filter(([, p]) => (!opts.from || p.start >= opts.from) && (!opts.to || p.start < opts.to))
    .sort(([a], [b]) => a.localeCompare(b));
  const enterprise = [...data.nodes.values()].find((n) => n.kind === 'enterprise');
  const seasonality = new SeasonalityCache(data, enterprise ? nodeKey('enterprise', enterprise.id) : null);
  const computedAt = nowTimestamp();
  const csv = new CsvBuffer(1 << 24);
  let scorecards = 0;
  let unscored = 0;
  periods.forEach(([pk, period], i) => {
    const ctx = periodContext(data, period);
    for (const key of byPeriod.get(pk) ?? []) {
      const card = assembleScorecard(data, key, ctx, seasonality);
      if (!card) {
        unscored++;
        continue;
      }
      const parent = scorecardParent(data, key, ctx);
      const colon = parent?.indexOf(':') ?? -1;
      csv.addRow([
        card.node.kind,
        card.node.id,
        period.grain,
        period.label,
        period.start,
        parent ? parent.slice(0, colon) : null,
        parent ? parent.slice(colon + 1) : null,
        card.templateId,
        String(card.templateVersion),
        card.score === null ? null : String(card.score),
        card.band,
        JSON.stringify(summariseScorecard(card)),
        computedAt,
      ]);
      scorecards++;
    }
    opts.onProgress?.(i + 1, periods.length);
  });
  const score = lap();

  await store.session((s) =>
    s.transaction(async () => {
      const starts = periods.map(([, p]) => p.start).sort();
      const first = starts[0];
      const last = starts.at(-1);
      if (first && last) {
        await s.query(sql`DELETE FROM scorecard_result WHERE period_start >= CAST(${param(first)} AS DATE)
          AND period_start <= CAST(${param(last)} AS DATE)`);
      }
      const w = await s.bulkWriter('scorecard_result', COLUMNS);
      await w.write(csv.take());
      await w.finish();
    }),
  );
  const write = lap();
  return { scorecards, periods: periods.length, unscored: unscored, excludedDeals, phases: { load, exclusions, score, write } };
}
