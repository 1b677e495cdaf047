/**
 * The scoring worker's thread: it receives the run's data once, then scores
 * one period at a time as the main thread hands them out, and sends each
 * period's rows back as bytes (moved, not copied) for the main thread to
 * write. Started by ScoringHelper; never imported by anything else.
 */
import { parentPort } from 'node:worker_threads';
import { nodeKey, type ScorecardData, SeasonalityCache, scorecardDataFromParts } from '@cairn/core/scorecards';
import { CsvBuffer } from '../db/csv-buffer';
import type { FromScoringWorker, ToScoringWorker } from './scoring-helper';
import { scorePeriod } from './score-period';

const port = parentPort;
if (!port) throw new Error('scoring-worker.ts runs as a worker thread (ScoringHelper starts it)');

let state: { data: ScorecardData; seasonality: SeasonalityCache; computedAt: string; csv: CsvBuffer } | null = null;
const send = (m: FromScoringWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

port.on('message', (m: ToScoringWorker) => {
  if (m.kind === 'data') {
    const data = scorecardDataFromParts(m.data);
    const enterprise = [...data.nodes.values()].find((n) => n.kind === 'enterprise');
    const seasonality = new SeasonalityCache(data, enterprise ? nodeKey('enterprise', enterprise.id) : null);
    state = { data, seasonality, computedAt: m.computedAt, csv: new CsvBuffer(1 << 24) };
    send({ kind: 'ready' });
    return;
  }
  if (!state) throw new Error('the scoring worker was given a period before its data');
  const r = scorePeriod(state.data, state.seasonality, m.period, m.index, state.computedAt, state.csv);
  // A buffer of its own (take() may hand out a slice of Node's shared pool), so it can be moved.
  const bytes = new Uint8Array(r.csv.length);
  bytes.set(r.csv);
  send({ kind: 'scored', position: m.position, bytes, scorecards: r.scorecards, unscored: r.unscored }, [bytes.buffer]);
});
