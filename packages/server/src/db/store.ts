/**
 * One interface over both engines. Results are plain JSON values with the same
 * shapes on both: BIGINT and DECIMAL as strings, DATE as 'YYYY-MM-DD',
 * TIMESTAMP as 'YYYY-MM-DD HH:MM:SS[.ffffff]', INTEGER and DOUBLE as numbers.
 */
import type { Dialect } from '@cairn/core/sql';
import type { SqlFragment } from '@cairn/core/sql';

export type StoreKind = 'duckdb' | 'postgres';
export type ResultRow = Record<string, unknown>;

/** Receives CSV text in the bulk dialect (bulk-csv-dialect.ts: no header, U+0002 quotes, empty unquoted = NULL) for one table. */
export interface BulkWriter {
  write(csv: string | Buffer): Promise<void>;
  /** Loads what was written; returns the row count. */
  finish(): Promise<void>;
  abort(): Promise<void>;
}

/** A single connection: temp tables and transactions live here. */
export interface Session {
  readonly dialect: Dialect;
  readonly kind: StoreKind;
  query<T extends object = ResultRow>(q: SqlFragment): Promise<T[]>;
  /** Runs SQL without parameters that Cairn generated itself (DDL). */
  exec(text: string): Promise<void>;
  /**
   * A result of numeric columns only (INTEGER, BIGINT, DOUBLE; cast DECIMAL to DOUBLE in the SQL) as one
   * Float64Array per column, NULL as NaN: millions of values without a JavaScript object per row.
   */
  numericColumns(q: SqlFragment): Promise<NumericColumns>;
  bulkWriter(table: string, columns: string[]): Promise<BulkWriter>;
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Reads that see one snapshot of the data, whatever commits meanwhile. */
  snapshot<T>(fn: () => Promise<T>): Promise<T>;
}

export interface NumericColumns {
  rowCount: number;
  columns: Float64Array[];
}

export interface Store {
  readonly kind: StoreKind;
  readonly dialect: Dialect;
  /** A description safe to print (no password). */
  readonly description: string;
  session<T>(fn: (s: Session) => Promise<T>): Promise<T>;
  query<T extends object = ResultRow>(q: SqlFragment): Promise<T[]>;
  close(): Promise<void>;
}
