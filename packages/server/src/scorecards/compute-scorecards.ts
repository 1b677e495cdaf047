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

  const table = data.actuals;
  const periods = table.periods
    .map((p, index) => ({ p, index }))
    .filter(({ p }) => (!opts.from || p.start >= opts.from) && (!opts.to || p.start < opts.to))
    .sort((a, b) => `${a.p.grain}|${a.p.start}`.localeCompare(`${b.p.grain}|${b.p.start}`));
  const enterprise = [...data.nodes.values()].find((n) => n.kind === 'enterprise');
  const seasonality = new SeasonalityCache(data, enterprise ? nodeKey('enterprise', enterprise.id) : null);
  const computedAt = nowTimestamp();
  let scorecards = 0;
  let unscored = 0;
  let score = 0;
  let deleting = 0;
  // Scored periods stream to the bulk writer as they are done, so the database loads one period while
  // the next is scored; the old results of the periods go in the same transaction.
  await store.session((s) =>
    s.transaction(async () => {
      const starts = periods.map(({ p }) => p.start).sort();
      const first = starts[0];
      const last = starts.at(-1);
      if (first && last) {
        await s.query(sql`DELETE FROM scorecard_result WHERE period_start >= CAST(${param(first)} AS DATE)
          AND period_start <= CAST(${param(last)} AS DATE)`);
      }
      deleting = lap();
      const w = await s.bulkWriter('scorecard_result', COLUMNS);
      const csv = new CsvBuffer(1 << 24);
      try {
        for (const [i, { p: period, index }] of periods.entries()) {
          const ctx = periodContext(data, period);
          for (const n of table.nodesWith(index)) {
            const key = table.nodeKeys[n] as string;
            const card = assembleScorecard(data, key, ctx, seasonality, { explain: false });
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
          await w.write(csv.take());
          opts.onProgress?.(i + 1, periods.length);
        }
        score = lap();
        await w.finish();
      } catch (e) {
        await w.abort();
        throw e;
      }
    }),
  );
  const write = lap() + deleting;
  return { scorecards, periods: periods.length, unscored, excludedDeals, phases: { load, exclusions, score, write } };
}
