/**
 * A staging worker: told the import's entity, mapping and header once, it
 * parses and validates the CSV pieces it is sent, exactly as the main thread
 * would (parseCsvPiece, stageBatch), and answers each with its staged CSV
 * bytes and errors. Started by stage-in-workers.ts.
 */
import { parentPort } from 'node:worker_threads';
import { createRowValidator, planColumns, type RowValidator } from '@cairn/core/ingest';
import { entitySpec } from '@cairn/core/model';
import { CsvBuffer } from '../db/csv-buffer';
import { type CsvPiece, parseCsvPiece } from './read-source-rows';
import { stageBatch } from './stage-batch';
import type { StageWorkerSetup } from './stage-in-workers';

const port = parentPort;
if (!port) throw new Error('stage-worker.ts runs only as a worker thread');
const out = new CsvBuffer();
let job: { file: string; validate: RowValidator } | null = null;

port.on('message', (m: { setup: StageWorkerSetup } | (CsvPiece & { seq: number })) => {
  if ('setup' in m) {
    const { entity, mapping, header, file } = m.setup;
    const spec = entitySpec(entity);
    const planned = planColumns(spec, mapping, header, file);
    if ('errors' in planned) throw new Error(`staging worker: the header does not plan: ${planned.errors[0]?.reason ?? ''}`);
    job = { file, validate: createRowValidator(spec, mapping, planned.plan, file) };
    return;
  }
  if (!job) throw new Error('staging worker: a piece arrived before the setup');
  const staged = stageBatch(parseCsvPiece(m, job.file), job.validate, out);
  const rows = out.rows;
  const csv = out.take();
  port.postMessage({ seq: m.seq, csv, rows, bytesRead: m.bytesRead, ...staged });
});
