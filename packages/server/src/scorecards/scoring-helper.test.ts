import { describe, expect, it } from 'vitest';
import { ActualsTable, scorecardDataParts } from '@cairn/core/scorecards';
import { JobQueue, ScoringHelper } from './scoring-helper';

const period = { grain: 'month' as const, start: '2024-01-01', label: '2024-01' };
const periods = [{ period, index: 0 }];
const job = (position: number) => ({ position, from: 0, to: 1 });
const data = () =>
  scorecardDataParts({
    calendar: { startMonth: 1 },
    catalog: { measures: new Map(), kpis: new Map() },
    templates: [],
    nodes: new Map(),
    assignments: new Map(),
    territoryPotential: new Map(),
    actuals: ActualsTable.fromEntries([
      { nodeKey: 'rep:R1', period, kpiId: 'win_rate', actual: { value: 0.5, numerator: 1, denominator: 2 } },
    ]),
    overrides: new Map(),
    tolerances: new Map(),
    exclusions: new Map(),
  });

describe('the scoring worker thread', () => {
  it('scores the blocks of nodes it is handed and reports what it could not score', async () => {
    const helper = ScoringHelper.start();
    try {
      const queue = new JobQueue([job(0)]);
      const results: { position: number; rows: number; unscored: number }[] = [];
      const run = helper.run(data(), periods, '2026-11-22 10:00:00', queue, (position, r) =>
        results.push({ position, rows: r.scorecards, unscored: r.unscored }),
      );
      await run.done;
      // No template fits R1, so it has no scorecard for the period and says so; the queue is used up.
      expect(results).toEqual([{ position: 0, rows: 0, unscored: 1 }]);
      expect(queue.take()).toBeNull();
    } finally {
      await helper.close();
    }
  });

  it('fails the run, saying why, when the thread cannot read its data', async () => {
    const helper = ScoringHelper.start();
    try {
      const parts = data();
      const broken = { ...parts, actuals: { ...parts.actuals, cells: new Float64Array(1) } };
      const run = helper.run(broken, periods, '2026-11-22 10:00:00', new JobQueue([job(0)]), () => {});
      await expect(run.done).rejects.toThrow(/the scoring worker failed: actuals table parts do not match/);
      await run.ready;
    } finally {
      await helper.close();
    }
  });

  it('fails the run, saying why, when the thread broke while the data was loading', async () => {
    const helper = ScoringHelper.start(new URL('./no-such-worker.ts', import.meta.url));
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const run = helper.run(data(), periods, '2026-11-22 10:00:00', new JobQueue([job(0)]), () => {});
      await expect(run.done).rejects.toThrow(/the scoring worker (failed|stopped)/);
    } finally {
      await helper.close();
    }
  });

  it('hands each job out once, whichever thread asks', () => {
    const queue = new JobQueue([1, 2, 3].map(job));
    const other = new JobQueue(queue.jobs, queue.counter); // as the worker rebuilds it from the shared counter
    expect([queue.take()?.position, other.take()?.position, queue.take()?.position, other.take()]).toEqual([1, 2, 3, null]);
    const stopped = new JobQueue(queue.jobs);
    stopped.close();
    expect(stopped.take()).toBeNull();
  });
});
