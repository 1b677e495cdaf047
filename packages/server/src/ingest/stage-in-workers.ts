/**
 * Parses and validates CSV pieces in worker threads, for large files: the
 * main thread only cuts the file at record boundaries and hands the staged
 * bytes to the bulk loader, in file order. Each worker runs the same
 * parseCsvPiece and stageBatch as the single-threaded path, so the staged
 * rows and every error are the same; only the wall time differs.
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

export async function* stageInWorkers(
  pieces: AsyncIterable<CsvPiece>,
  setup: StageWorkerSetup,
  threads: number,
): AsyncGenerator<StagedPiece, void, undefined> {
  const waiting = new Map<number, { resolve: (p: StagedPiece) => void; reject: (e: unknown) => void }>();
  let failure: unknown = null;
  const fail = (e: unknown) => {
    failure ??= e;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  };
  const workers = Array.from({ length: threads }, () => {
    // The young generation sized as `npm start` sizes the main thread's: staging allocates many short-lived strings.
    const w = startWorker(ENTRY, { workerData: { setup }, resourceLimits: { maxYoungGenerationSizeMb: 192 } });
    w.on('message', (m: StagedPiece & { seq: number; csv: Uint8Array }) => {
      const entry = waiting.get(m.seq);
      waiting.delete(m.seq);
      entry?.resolve({ ...m, csv: Buffer.from(m.csv.buffer, m.csv.byteOffset, m.csv.byteLength) });
    });
    w.on('error', fail);
    w.on('exit', (code) => {
      if (waiting.size > 0) fail(new Error(`a staging worker stopped (exit code ${code}) with pieces outstanding`));
    });
    return w;
  });
  const answers: Promise<StagedPiece>[] = [];
  try {
    let seq = 0;
    for await (const piece of pieces) {
      if (failure) throw failure;
      const answer = new Promise<StagedPiece>((resolve, reject) => waiting.set(seq, { resolve, reject }));
      answer.catch(() => undefined);
      (workers[seq % threads] as Worker).postMessage({ ...piece, seq });
      answers.push(answer);
      seq++;
      while (answers.length >= threads * IN_FLIGHT_PER_WORKER) yield await (answers.shift() as Promise<StagedPiece>);
    }
    while (answers.length > 0) yield await (answers.shift() as Promise<StagedPiece>);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
