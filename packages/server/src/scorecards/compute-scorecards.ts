/**
 * Scores every node that has KPI values, for every period, and stores the
 * results (scorecard_result) so pages read one row instead of recomputing.
 * Targets are built from the engine's values already stored (run compute
 * first); a node's actuals are its own engine values, never its children's
 * average. Replaces the periods it covers in one transaction.
 */
import { availableParallelism } from 'node:os';
import type { KpiCatalog } from '@cairn/core/metrics';
import { type ScorecardTemplate, scorecardDataParts } from '@cairn/core/scorecards';
import { param, sql } from '@cairn/core/sql';
import type { CompanySettings } from '../db/company-settings';
import { CsvBuffer } from '../db/csv-buffer';
import type { Store } from '../db/store';
import { nowTimestamp } from '../metrics/store-kpi-definitions';
import { findRuleExclusions, placeExclusions } from './load-outlier-exclusions';
import { loadScorecardData } from './load-scorecard-data';
import { storeLayouts } from './scorecard-layouts';
import { NodeScorer, SCORECARD_RESULT_COLUMNS } from './score-nodes';
import { JobQueue, ScoringHelper } from './scoring-helper';

export interface ComputeScorecardsOptions {
  /** Only periods starting on or after this day. */
  from?: string;
  /** Only periods starting before this day. */
  to?: string;
  /** Node-periods scored (with a scorecard or without a template) of those that have values, as blocks are written. */
  onProgress?: (done: number, total: number) => void;
  /**
   * 2 scores on this thread and a worker thread, 1 on this thread only. By
   * default a second thread is used when the machine has two cores and the run
   * has at least HELPER_THRESHOLD node-periods (below that, starting it costs
   * more than it saves).
   */
  threads?: 1 | 2;
}

/** Node-periods from which a second scoring thread pays for its start-up (about 0.3 s). */
const HELPER_THRESHOLD = 20_000;

/** About how many blocks of nodes a run is cut into: enough that neither thread is left alone at the end for long. */
const BLOCKS = 128;

export interface ComputeScorecardsResult {
  scorecards: number;
  periods: number;
  /** (node, period) pairs with values but no template for the level or role (e.g. SEs, managers). */
  unscored: number;
  excludedDeals: number;
  /** Scorecards the second thread scored (0 when the run used one). */
  helperScorecards: number;
  /** Milliseconds: loading (outlier exclusions are found meanwhile, `exclusions` of it), scoring, the write left after it. */
  phases: { load: number; exclusions: number; score: number; write: number };
}

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
  // Started first, so the worker's start-up overlaps the load; closed however the run ends.
  let helper = opts.threads !== 1 && availableParallelism() > 1 ? ScoringHelper.start() : null;
  try {
    // Outlier rules need no KPI values, so their deals are found (on another connection) during the load.
    let exclusions = 0;
    const [data, found] = await Promise.all([
      loadScorecardData(store, settings.calendar, catalog, templates),
      findRuleExclusions(store, { templates, catalog, calendar: settings.calendar }).then((r) => {
        exclusions = Math.round(performance.now() - t);
        return r;
      }),
    ]);
    placeExclusions(data, found);
    const excludedDeals = found.excludedDeals;
    const load = lap();

    const table = data.actuals;
    const periods = table.periods
      .map((p, index) => ({ p, index }))
      .filter(({ p }) => (!opts.from || p.start >= opts.from) && (!opts.to || p.start < opts.to))
      .sort((a, b) => `${a.p.grain}|${a.p.start}`.localeCompare(`${b.p.grain}|${b.p.start}`));
    const work = periods.reduce((sum, { index }) => sum + table.nodesWith(index).length, 0);
    if (helper && opts.threads !== 2 && work < HELPER_THRESHOLD) {
      await helper.close();
      helper = null;
    }
    const computedAt = nowTimestamp();
    const runPeriods = periods.map(({ p, index }) => ({ period: p, index }));
    let scorecards = 0;
    let unscored = 0;
    let score = 0;
    let deleting = 0;
    let done = 0;
    // Blocks of nodes go to whichever thread is free; once anything fails, none is handed out.
    const size = Math.max(1, Math.ceil(table.nodeKeys.length / BLOCKS));
    const blocks = Array.from({ length: Math.ceil(table.nodeKeys.length / size) }, (_, position) => ({
      position,
      from: position * size,
      to: Math.min(table.nodeKeys.length, (position + 1) * size),
    }));
    const queue = new JobQueue(blocks);
    let helperScorecards = 0;
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
        await storeLayouts(s, templates);
        deleting = lap();
        const w = await s.bulkWriter('scorecard_result', SCORECARD_RESULT_COLUMNS);
        // One write at a time, in the order the periods finish, whichever thread scored them.
        let writing: Promise<void> = Promise.resolve();
        const take = (r: { csv: Buffer; scorecards: number; unscored: number }): Promise<void> => {
          scorecards += r.scorecards;
          unscored += r.unscored;
          const chunk = r.csv;
          const nodePeriods = r.scorecards + r.unscored;
          writing = writing
            .then(async () => {
              await w.write(chunk);
              done += nodePeriods;
              if (nodePeriods > 0) opts.onProgress?.(done, work);
            })
            .catch((e: unknown) => {
              queue.close();
              throw e;
            });
          return writing;
        };
        const theirs = helper?.run(scorecardDataParts(data), runPeriods, computedAt, queue, (_, r) => {
          helperScorecards += r.scorecards;
          void take(r).catch(() => {});
        });
        const mine = async () => {
          const csv = new CsvBuffer(1 << 24);
          const scorer = new NodeScorer(data, runPeriods, computedAt);
          for (let job = queue.take(), first = true; job; job = queue.take(), first = false) {
            await take(scorer.score(job.from, job.to, csv));
            // After its first block this thread lets the helper start (its data is copied by then on a
            // large run; on a small one it would otherwise never get a block); after each, a macrotask
            // turn, so the helper's finished blocks go to the writer.
            if (first && theirs) await theirs.ready;
            else if (theirs) await new Promise((resolve) => setImmediate(resolve));
          }
        };
        try {
          const stopOnFailure = (p: Promise<void> | undefined) =>
            p?.catch((e: unknown) => {
              queue.close();
              throw e;
            });
          await Promise.all([stopOnFailure(mine()), stopOnFailure(theirs?.done)]);
          await writing;
          score = lap();
          await w.finish();
        } catch (e) {
          queue.close();
          await w.abort();
          throw e;
        }
      }),
    );
    const write = lap() + deleting;
    return { scorecards, periods: periods.length, unscored, excludedDeals, helperScorecards, phases: { load, exclusions, score, write } };
  } finally {
    await helper?.close();
  }
}
