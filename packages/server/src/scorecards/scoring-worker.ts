/**
 * The scoring worker's thread: it receives the run's data and periods once,
 * then takes the next period from the counter it shares with the main thread
 * until none is left, and sends each period's rows back as bytes (moved, not
 * copied) for the main thread to write. Started by ScoringHelper; never
 * imported by anything else.
 */
import { parentPort } from 'node:worker_threads';
import { nodeKey, type OrgDay, SeasonalityCache, scorecardDataFromParts } from '@cairn/core/scorecards';
import { CsvBuffer } from '../db/csv-buffer';
import { scorePeriod } from './score-period';
import { type FromScoringWorker, JobQueue, type ToScoringWorker } from './scoring-helper';

const port = parentPort;
if (!port) throw new Error('scoring-worker.ts runs as a worker thread (ScoringHelper starts it)');
const send = (m: FromScoringWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

port.on('message', (m: ToScoringWorker) => {
  const data = scorecardDataFromParts(m.data);
  const queue = new JobQueue(m.jobs, m.counter);
  const enterprise = [...data.nodes.values()].find((n) => n.kind === 'enterprise');
  const seasonality = new SeasonalityCache(data, enterprise ? nodeKey('enterprise', enterprise.id) : null);
  const csv = new CsvBuffer(1 << 24);
  const days = new Map<string, OrgDay>();
  send({ kind: 'ready' });
  for (let job = queue.take(); job; job = queue.take()) {
    const r = scorePeriod(data, seasonality, job.period, job.index, m.computedAt, csv, days);
    // A buffer of its own (take() may hand out a slice of Node's shared pool), so it can be moved.
    const bytes = new Uint8Array(r.csv.length);
    bytes.set(r.csv);
    send({ kind: 'scored', position: job.position, bytes, scorecards: r.scorecards, unscored: r.unscored }, [bytes.buffer]);
  }
  send({ kind: 'done' });
});
