/**
 * A second thread for a full scoring run. Scoring is pure CPU and periods are
 * independent, so on a machine with two cores the run hands periods out to
 * this thread and its own, whichever is free first; the helper's rows come
 * back as bytes and the main thread writes them with its own. The worker
 * starts before the data is loaded, so its start-up is hidden behind the load.
 */
import type { Worker } from 'node:worker_threads';
import type { ActualsPeriod, ScorecardDataParts } from '@cairn/core/scorecards';
import { startWorker } from '../threads/start-worker';

export type ToScoringWorker =
  | { kind: 'data'; data: ScorecardDataParts; computedAt: string }
  | { kind: 'period'; position: number; period: ActualsPeriod; index: number };

export type FromScoringWorker =
  | { kind: 'ready' }
  | { kind: 'scored'; position: number; bytes: Uint8Array; scorecards: number; unscored: number };

export interface HelperJob {
  position: number;
  period: ActualsPeriod;
  index: number;
}

export interface HelperResult {
  csv: Buffer;
  scorecards: number;
  unscored: number;
}

export class ScoringHelper {
  private constructor(private readonly worker: Worker) {}

  static start(): ScoringHelper {
    return new ScoringHelper(
      startWorker(new URL('./scoring-worker.ts', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 192 } }),
    );
  }

  /**
   * Scores the jobs `next` hands out until it has none, passing each result to
   * `onScored`. `ready` settles when the thread has the data and has asked for
   * its first job (or has failed); `done` when the last result is back, and
   * rejects if the thread fails.
   */
  run(
    data: ScorecardDataParts,
    computedAt: string,
    next: () => HelperJob | null,
    onScored: (position: number, r: HelperResult) => void,
  ): { ready: Promise<void>; done: Promise<void> } {
    let isReady: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      isReady = resolve;
    });
    const done = new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (e?: unknown) => {
        isReady();
        if (settled) return;
        settled = true;
        this.worker.off('message', onMessage);
        if (e) reject(e);
        else resolve();
      };
      const handOut = () => {
        const job = next();
        if (!job) return finish();
        this.worker.postMessage({ kind: 'period', ...job } satisfies ToScoringWorker);
      };
      const onMessage = (m: FromScoringWorker) => {
        try {
          if (m.kind === 'scored') {
            const csv = Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength);
            onScored(m.position, { csv, scorecards: m.scorecards, unscored: m.unscored });
          }
          handOut();
          if (m.kind === 'ready') isReady();
        } catch (e) {
          finish(e);
        }
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', (e) => finish(new Error(`the scoring worker failed: ${e.message}`, { cause: e })));
      this.worker.once('exit', (code) => finish(new Error(`the scoring worker stopped (exit code ${code}) before the run was done`)));
      this.worker.postMessage({ kind: 'data', data, computedAt } satisfies ToScoringWorker);
    });
    return { ready, done };
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
