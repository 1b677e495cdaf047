/**
 * Step 2 of an import (import-file.ts): reads the source, matches its header
 * to the mapping, validates every row and streams the good ones into the
 * staging table through the engine's bulk loader. A large CSV is parsed and
 * validated by a StagePool's worker threads; the rest on this thread. Both
 * paths run parseCsvPiece and stageBatch, so they stage the same rows and
 * report the same errors.
 */
import { availableParallelism } from 'node:os';
import { type ColumnMapping, createRowValidator, planColumns, type RowError } from '@cairn/core/ingest';
import type { EntitySpec } from '@cairn/core/model';
import { CsvBuffer } from '../db/csv-buffer';
import type { Session } from '../db/store';
import {
  type CsvPiece,
  csvPieces,
  parseCsvPiece,
  readSourceRows,
  type SourceBatch,
  type SourceHeader,
  takeHeader,
} from './read-source-rows';
import { type StagedBatch, stageBatch } from './stage-batch';
import type { StagePool } from './stage-in-workers';
import { STAGE, stagingTableDef } from './staging-table';

/** Staged CSV is handed to the bulk loader in pieces of about this size. */
const FLUSH_BYTES = 4 << 20;

/** A CSV file at least this large is parsed and validated by worker threads (stage-in-workers.ts). */
const PARALLEL_STAGE_BYTES = 16 << 20;
const STAGE_THREADS = Math.min(4, Math.max(1, availableParallelism()));

/** Worker threads for a source: one per core (at most 4) for a CSV of 16 MB or more, else none. */
export function defaultStageThreads(mapping: ColumnMapping, bytes: number): number {
  return mapping.source.format === 'csv' && bytes >= PARALLEL_STAGE_BYTES ? STAGE_THREADS : 0;
}

export interface StageSourceInput {
  spec: EntitySpec;
  mapping: ColumnMapping;
  path: string;
  /** The name errors report. */
  file: string;
  totalBytes: number;
  /** Workers for a CSV source, or null to stage on this thread. */
  pool: StagePool | null;
  onProgress?: (p: { bytesRead: number; totalBytes: number; rows: number }) => void;
}

export interface StagedSource {
  /** Field → source column name, or null when nothing was staged (no usable header, or no rows). */
  sourceNames: Map<string, string> | null;
  rowsRead: number;
  errors: RowError[];
  /** The lines of the rows refused. */
  badLines: Set<number>;
}

/** The pieces left in a source after its first; a layout error that ends the file goes to `onError`. */
async function* restOf(
  source: AsyncIterable<CsvPiece | SourceBatch | SourceHeader>,
  onError: (e: SourceBatch) => void,
): AsyncGenerator<CsvPiece> {
  for await (const item of source) {
    if ('text' in item) yield item;
    else if ('errors' in item) onError(item);
  }
}

export async function stageSource(s: Session, input: StageSourceInput): Promise<StagedSource> {
  const { spec, mapping, file, pool } = input;
  const errors: RowError[] = [];
  const badLines = new Set<number>();
  let rowsRead = 0;
  const done = (sourceNames: Map<string, string> | null): StagedSource => ({ sourceNames, rowsRead, errors, badLines });
  const columns = stagingTableDef(spec).columns.map((c) => c.name);
  let writer: Awaited<ReturnType<Session['bulkWriter']>> | null = null;
  const out = new CsvBuffer();
  let validate: ReturnType<typeof createRowValidator> | null = null;
  let header: string[] = [];
  const sourceNames = new Map<string, string>();
  const accept = (staged: StagedBatch, bytesRead: number) => {
    rowsRead += staged.rowsRead;
    for (const e of staged.errors) {
      errors.push(e);
      badLines.add(e.line);
    }
    input.onProgress?.({ bytesRead, totalBytes: input.totalBytes, rows: rowsRead });
  };
  const source = pool ? csvPieces(input.path, file, mapping.source) : readSourceRows(input.path, file, mapping.source);
  try {
    for await (const item of source) {
      if ('header' in item || ('text' in item && !validate)) {
        const first = 'header' in item ? item : takeHeader(parseCsvPiece(item, file), file, item.delimiter);
        if ('errors' in first) {
          accept({ rowsRead: 0, errors: first.errors }, first.bytesRead);
          return done(null);
        }
        const planned = planColumns(spec, mapping, first.header, file);
        if ('errors' in planned) {
          errors.push(...planned.errors);
          badLines.add(1);
          return done(null);
        }
        header = first.header;
        for (const fp of planned.plan.fields) if (fp.sourceName) sourceNames.set(fp.field.name, fp.sourceName);
        validate = createRowValidator(spec, mapping, planned.plan, file);
        writer = await s.bulkWriter(STAGE, columns);
        if ('header' in item) continue;
        // The header's piece: its rows are staged here, the pieces after it by the workers.
        const batch = parseCsvPiece(item, file);
        batch.rows.shift();
        batch.lines.shift();
        accept(stageBatch(batch, validate, out), item.bytesRead);
        const rest = restOf(source, (e) => accept({ rowsRead: 0, errors: e.errors }, e.bytesRead));
        for await (const staged of (pool as StagePool).stage(rest, { entity: spec.name, mapping, header, file })) {
          accept(staged, staged.bytesRead);
          if (staged.csv.length > 0) await writer.write(staged.csv);
        }
        break;
      }
      const batch = item as SourceBatch;
      if (!validate || !writer) {
        accept({ rowsRead: 0, errors: batch.errors }, batch.bytesRead);
        return done(null);
      }
      accept(stageBatch(batch, validate, out), batch.bytesRead);
      if (out.byteLength > FLUSH_BYTES) await writer.write(out.take());
    }
    if (writer && out.byteLength > 0) await writer.write(out.take());
    await writer?.finish();
  } catch (e) {
    await writer?.abort().catch(() => undefined);
    throw e;
  }
  if (!validate) {
    // Only a file with no record at all gets here without an error.
    if (errors.length === 0)
      accept({ rowsRead: 0, errors: [{ file, line: 1, column: null, value: null, reason: 'the file is empty' }] }, 0);
    return done(null);
  }
  if (rowsRead === 0 && errors.length === 0) {
    errors.push({ file, line: 2, column: null, value: null, reason: 'the file has a header but no data rows' });
    badLines.add(2);
    return done(null);
  }
  return done(sourceNames);
}
