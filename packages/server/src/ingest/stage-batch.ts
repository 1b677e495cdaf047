/**
 * Validates one batch of source rows into staged CSV: each good row's
 * normalised values, with its line, go to the buffer; each bad row's errors
 * come back. The same function runs on the main thread and in the staging
 * workers (stage-in-workers.ts), so both paths stage byte for byte alike.
 */
import type { RowError, RowValidator } from '@cairn/core/ingest';
import type { CsvBuffer } from '../db/csv-buffer';
import type { SourceBatch } from './read-source-rows';

export interface StagedBatch {
  /** Rows validated (layout errors from the parser are not rows). */
  rowsRead: number;
  /** The parser's errors, then each bad row's, in line order. */
  errors: RowError[];
}

export function stageBatch(batch: SourceBatch, validate: RowValidator, out: CsvBuffer): StagedBatch {
  const errors: RowError[] = [...batch.errors];
  let rowsRead = 0;
  for (let i = 0; i < batch.rows.length; i++) {
    const line = batch.lines[i] ?? 0;
    rowsRead++;
    const outcome = validate(batch.rows[i] ?? [], line);
    if (outcome.ok === true) {
      outcome.values.push(String(line));
      out.addRow(outcome.values);
    } else if (outcome.ok === false) {
      for (const e of outcome.errors) errors.push(e);
    }
  }
  return { rowsRead, errors };
}
