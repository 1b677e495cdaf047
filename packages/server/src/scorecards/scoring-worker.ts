/**
 * The scoring worker's thread: it receives the run's data and periods once,
 * then takes the next block of nodes from the counter it shares with the main
 * thread until none is left, and sends each block's rows back as bytes (moved, not
 * copied) for the main thread to write. Started by ScoringHelper; never
 * imported by anything else.
 */
import { parentPort } from 'node:worker_threads';
import { scorecardDataFromParts } from '@cairn/core/scorecards';
import { CsvBuffer } from '../db/csv-buffer';
import { NodeScorer } from './score-nodes';
import { type FromScoringWorker, JobQueue, type ToScoringWorker } from './scoring-helper';

const port = parentPort;
if (!port) throw new Error('scoring-worker.ts runs as a worker thread (ScoringHelper starts it)');
const send = (m: FromScoringWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

port.on('message', (m: ToScoringWorker) => {
  const data = scorecardDataFromParts(m.data);
  const queue = new JobQueue(m.jobs, m.counter);
  const scorer = new NodeScorer(data, m.periods, m.computedAt);
  const csv = new CsvBuffer(1 << 24);
  send({ kind: 'ready' });
  for (let job = queue.take(); job; job = queue.take()) {
    const r = scorer.score(job.from, job.to, csv);
    // A buffer of its own (take() may hand out a slice of Node's shared pool), so it can be moved.
    const bytes = new Uint8Array(r.csv.length);
    bytes.set(r.csv);
    send({ kind: 'scored', position: job.position, bytes, scorecards: r.scorecards, unscored: r.unscored }, [bytes.buffer]);
  }
  send({ kind: 'done' });
});
