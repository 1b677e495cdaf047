/**
 * A staging worker: parses and validates the CSV pieces it is sent, exactly as
 * the main thread would (parseCsvPiece, stageBatch), and answers each with
 * its staged CSV bytes and errors. Started by stage-in-workers.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRowValidator, planColumns } from '@cairn/core/ingest';
import { entitySpec } from '@cairn/core/model';
import { CsvBuffer } from '../db/csv-buffer';
import { type CsvPiece, parseCsvPiece } from './read-source-rows';
import { stageBatch } from './stage-batch';
import type { StageWorkerSetup } from './stage-in-workers';

const setup = (workerData as { setup: StageWorkerSetup }).setup;
const spec = entitySpec(setup.entity);
const planned = planColumns(spec, setup.mapping, setup.header, setup.file);
if ('errors' in planned) throw new Error(`staging worker: the header no longer plans: ${planned.errors[0]?.reason ?? ''}`);
const validate = createRowValidator(spec, setup.mapping, planned.plan, setup.file);
const out = new CsvBuffer();
const port = parentPort;
if (!port) throw new Error('stage-worker.ts runs only as a worker thread');

port.on('message', (piece: CsvPiece & { seq: number }) => {
  const staged = stageBatch(parseCsvPiece(piece, setup.file), validate, out);
  const rows = out.rows;
  const csv = out.take();
  port.postMessage({ seq: piece.seq, csv, rows, bytesRead: piece.bytesRead, ...staged });
});
