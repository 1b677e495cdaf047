/**
 * A second thread for a full scoring run. Scoring is pure CPU and nodes are
 * independent, so on a machine with two cores both threads take the next
 * block of nodes from one shared counter (JobQueue) until none is left:
 * neither waits for the other to hand out work. The helper's rows come back as bytes and the
 * main thread writes them with its own. The worker starts before the data is
 * loaded, so its start-up is hidden behind the load.
 */
import type { Worker } from 'node:worker_threads';
import type { ScorecardDataParts } from '@cairn/core/scorecards';
import { startWorker } from '../threads/start-worker';
import type { RunPeriod } from './score-nodes';

/** A block of nodes, [from, to) in the actuals table, scored for every period of the run. */
export interface HelperJob {
  position: number;
  from: number;
  to: number;
}

/** The run's blocks of nodes and the shared counter both threads take the next one from (Atomics: no lock, no message). */
export class JobQueue {
  constructor(
    readonly jobs: readonly HelperJob[],
    readonly counter: Int32Array = new Int32Array(new SharedArrayBuffer(4)),
  ) {}

  take(): HelperJob | null {
    const i = Atomics.add(this.counter, 0, 1);
    return this.jobs[i] ?? null;
  }

  /** Hands out nothing more, to either thread (after a failure). */
  close(): void {
    Atomics.store(this.counter, 0, this.jobs.length);
  }
}

export type ToScoringWorker = {
  kind: 'data';
  data: ScorecardDataParts;
  periods: readonly RunPeriod[];
  computedAt: string;
  jobs: readonly HelperJob[];
  counter: Int32Array;
};

export type FromScoringWorker =
  | { kind: 'ready' }
  | { kind: 'scored'; position: number; bytes: Uint8Array; scorecards: number; unscored: number }
  | { kind: 'done' };

export interface HelperResult {
  csv: Buffer;
  scorecards: number;
  unscored: number;
}

export class ScoringHelper {
  /** Why the thread failed or stopped before run() listened (a broken start-up), said when run() is called. */
  private early: Error | null = null;

  private constructor(private readonly worker: Worker) {
    const onError = (e: Error) => {
      this.early ??= new Error(`the scoring worker failed: ${e.message}`, { cause: e });
    };
    const onExit = (code: number) => {
      this.early ??= new Error(`the scoring worker stopped (exit code ${code}) before the run was done`);
    };
    worker.on('error', onError);
    worker.once('exit', onExit);
    this.detachEarly = () => {
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
  }

  private readonly detachEarly: () => void;

  /** Starts the thread (`entry` only differs in tests). */
  static start(entry: URL = new URL('./scoring-worker.ts', import.meta.url)): ScoringHelper {
    return new ScoringHelper(startWorker(entry, { resourceLimits: { maxYoungGenerationSizeMb: 192 } }));
  }

  /**
   * Scores jobs from the queue until it is empty, passing each result to
   * `onScored`. `ready` settles when the thread has the data and starts taking
   * jobs (or has failed); `done` when its last result is back, and rejects if
   * the thread fails.
   */
  run(
    data: ScorecardDataParts,
    periods: readonly RunPeriod[],
    computedAt: string,
    queue: JobQueue,
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
      const onMessage = (m: FromScoringWorker) => {
        try {
          if (m.kind === 'ready') isReady();
          else if (m.kind === 'done') finish();
          else onScored(m.position, { csv: Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength), ...m });
        } catch (e) {
          queue.close();
          finish(e);
        }
      };
      this.detachEarly();
      if (this.early) return finish(this.early);
      this.worker.on('message', onMessage);
      this.worker.once('error', (e) => finish(new Error(`the scoring worker failed: ${e.message}`, { cause: e })));
      this.worker.once('exit', (code) => finish(new Error(`the scoring worker stopped (exit code ${code}) before the run was done`)));
      const message: ToScoringWorker = { kind: 'data', data, periods, computedAt, jobs: queue.jobs, counter: queue.counter };
      this.worker.postMessage(message);
    });
    return { ready, done };
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
