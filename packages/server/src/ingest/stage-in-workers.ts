/**
 * Parses and validates CSV pieces in worker threads, for large files: the
 * main thread only cuts the file at record boundaries and hands the staged
 * bytes to the bulk loader, in file order. Each worker runs the same
 * parseCsvPiece and stageBatch as the single-threaded path, so the staged
 * rows and every error are the same; only the wall time differs.
 *
 * The workers are started before the file is hashed and its header read
 * (StagePool.start), so their start-up (about 0.4 s, loading core through
 * tsx) overlaps that work; they learn the header afterwards.
 */
import type { Worker } from 'node:worker_threads';
import type { ColumnMapping, RowError } from '@cairn/core/ingest';
import type { EntityName } from '@cairn/core/model';
import { startWorker } from '../threads/start-worker';
import type { CsvPiece } from './read-source-rows';

/** What a worker needs to rebuild the import's validator: all plain data. */
export interface StageWorkerSetup {
  entity: EntityName;
  mapping: ColumnMapping;
  header: string[];
  file: string;
}

export interface StagedPiece {
  csv: Buffer;
  rows: number;
  rowsRead: number;
  errors: RowError[];
  bytesRead: number;
}

/** Pieces handed out before the oldest answer is taken, per worker: enough to keep each busy. */
const IN_FLIGHT_PER_WORKER = 3;
const ENTRY = new URL('./stage-worker.ts', import.meta.url);

export class StagePool {
  private readonly waiting = new Map<number, { resolve: (p: StagedPiece) => void; reject: (e: unknown) => void }>();
  private failure: unknown = null;

  private constructor(private readonly workers: Worker[]) {
    for (const w of workers) {
      w.on('message', (m: StagedPiece & { seq: number; csv: Uint8Array }) => {
        const entry = this.waiting.get(m.seq);
        this.waiting.delete(m.seq);
        entry?.resolve({ ...m, csv: Buffer.from(m.csv.buffer, m.csv.byteOffset, m.csv.byteLength) });
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (this.waiting.size > 0) this.fail(new Error(`a staging worker stopped (exit code ${code}) with pieces outstanding`));
      });
    }
  }

  /** Starts `threads` workers; they wait for stage() to tell them the header. */
  static start(threads: number): StagePool {
    // The young generation sized as `npm start` sizes the main thread's: staging allocates many short-lived strings.
    return new StagePool(Array.from({ length: threads }, () => startWorker(ENTRY, { resourceLimits: { maxYoungGenerationSizeMb: 192 } })));
  }

  private fail(e: unknown): void {
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(this.failure);
    this.waiting.clear();
  }

  /** Stages the pieces, yielding each one's bytes and errors in file order. */
  async *stage(pieces: AsyncIterable<CsvPiece>, setup: StageWorkerSetup): AsyncGenerator<StagedPiece, void, undefined> {
    const n = this.workers.length;
    for (const w of this.workers) w.postMessage({ setup });
    const answers: Promise<StagedPiece>[] = [];
    let seq = 0;
    for await (const piece of pieces) {
      if (this.failure) throw this.failure;
      const id = seq++;
      const answer = new Promise<StagedPiece>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
      answer.catch(() => undefined);
      (this.workers[id % n] as Worker).postMessage({ ...piece, seq: id });
      answers.push(answer);
      while (answers.length >= n * IN_FLIGHT_PER_WORKER) yield await (answers.shift() as Promise<StagedPiece>);
    }
    while (answers.length > 0) yield await (answers.shift() as Promise<StagedPiece>);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
