/**
 * The embedded store. One process owns the DuckDB file; each session is a
 * connection of that one instance. Bulk loads go through a temporary CSV file
 * read by DuckDB's own COPY, which is far faster than appending from JS.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { DomainError } from '@cairn/core/domain';
import { checkedIdentifier, DuckDbDialect, renderSql, type SqlFragment, sql } from '@cairn/core/sql';
import type { BulkWriter, NumericColumns, ResultRow, Session, Store } from './store';
import { writeWithBackpressure } from './write-with-backpressure';
import { BULK_QUOTE } from './bulk-csv-dialect';

const SAFE_PATH = /^[A-Za-z0-9_./-]+$/;
/** Size of each temporary CSV handed to COPY while the next one is written. */
const ROTATE_BYTES = 24 << 20;

function translateOpenError(e: unknown, file: string): never {
  const message = (e as Error).message ?? String(e);
  if (/lock/i.test(message)) {
    const pid = /PID (\d+)/.exec(message)?.[1];
    throw new DomainError(
      'store_locked',
      `the database ${file} is in use by another Cairn process${pid ? ` (pid ${pid})` : ''}, probably a running server. ` +
        'Stop it first, or send the work through its API (for example POST /api/v1/imports).',
    );
  }
  throw e;
}

class DuckDbSession implements Session {
  readonly dialect = DuckDbDialect;
  readonly kind = 'duckdb' as const;
  private depth = 0;
  constructor(private readonly con: DuckDBConnection) {}

  async query<T extends object = ResultRow>(q: SqlFragment): Promise<T[]> {
    const { text, params } = renderSql(q, this.dialect);
    const reader = await this.con.runAndReadAll(text, params as DuckDBValue[]);
    return reader.getRowObjectsJson() as T[];
  }

  async exec(text: string): Promise<void> {
    await this.con.run(text);
  }

  async numericColumns(q: SqlFragment): Promise<NumericColumns> {
    const { text, params } = renderSql(q, this.dialect);
    // Materialised, not streamed: DuckDB runs the query on all its threads, and the row count sizes the arrays once.
    const result = await this.con.run(text, params as DuckDBValue[]);
    const total = result.rowCount;
    const columns = Array.from({ length: result.columnCount }, () => new Float64Array(total));
    let at = 0;
    for (let ci = 0; ci < result.chunkCount; ci++) {
      const chunk = result.getChunk(ci);
      const rows = chunk.rowCount;
      for (let c = 0; c < columns.length; c++) {
        const vector = chunk.getColumnVector(c);
        const into = columns[c] as Float64Array;
        if (copyNumericVector(vector, into, at, rows)) continue;
        for (let i = 0; i < rows; i++) {
          const v = vector.getItem(i);
          if (typeof v === 'number') into[at + i] = v;
          else if (v === null) into[at + i] = Number.NaN;
          else if (typeof v === 'bigint') into[at + i] = Number(v);
          else throw new Error(`numericColumns: column ${result.columnName(c)} is ${vector.type.toString()}; cast it to DOUBLE`);
        }
      }
      at += rows;
    }
    return { rowCount: at, columns: at === total ? columns : columns.map((col) => col.slice(0, at)) };
  }

  /**
   * CSV goes to temporary files of about ROTATE_BYTES each; each full file is
   * COPYed while the caller keeps producing the next one, so DuckDB's load
   * overlaps with parsing and validation in JS.
   */
  async bulkWriter(table: string, columns: string[]): Promise<BulkWriter> {
    const target = `${checkedIdentifier(table)} (${columns.map(checkedIdentifier).join(', ')})`;
    const copy = async (path: string) => {
      // The path is one Cairn generated, never user input; COPY takes no parameter for it.
      // Records end in '\n'; declaring it keeps a quoted CR LF inside a value from confusing the sniffer.
      await this.con.run(
        `COPY ${target} FROM '${path}' (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '${BULK_QUOTE}', ESCAPE '${BULK_QUOTE}', NEW_LINE '\\n', NULL '', ALLOW_QUOTED_NULLS false)`,
      );
    };
    const open = () => {
      const path = join(tmpdir(), `cairn-bulk-${randomUUID()}.csv`);
      if (!SAFE_PATH.test(path)) throw new Error(`temporary path ${path} has unexpected characters`);
      return { path, out: createWriteStream(path, { highWaterMark: 1 << 20 }), bytes: 0 };
    };
    let current: ReturnType<typeof open> | null = open();
    let loading: Promise<void> = Promise.resolve();
    let failure: unknown = null;
    const close = async () => {
      const file = current;
      current = null;
      if (!file) return;
      await new Promise<void>((resolve, reject) => file.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      if (file.bytes === 0) {
        await rm(file.path, { force: true });
        return;
      }
      loading = loading
        .then(() => (failure ? undefined : copy(file.path)))
        .catch((e: unknown) => {
          failure ??= e;
        })
        .finally(() => rm(file.path, { force: true }));
    };
    return {
      write: async (data) => {
        if (failure) throw failure;
        current ??= open();
        current.bytes += data.length;
        await writeWithBackpressure(current.out, data);
        if (current.bytes >= ROTATE_BYTES) await close();
      },
      finish: async () => {
        await close();
        await loading;
        if (failure) throw failure;
      },
      abort: async () => {
        failure ??= new Error('aborted');
        const file = current;
        current = null;
        if (file) {
          file.out.destroy();
          await rm(file.path, { force: true });
        }
        await loading;
      },
    };
  }

  /** A DuckDB transaction reads one snapshot. */
  snapshot<T>(fn: () => Promise<T>): Promise<T> {
    return this.transaction(fn);
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.depth > 0) return fn();
    this.depth++;
    await this.con.run('BEGIN TRANSACTION');
    try {
      const result = await fn();
      await this.con.run('COMMIT');
      return result;
    } catch (e) {
      await this.con.run('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      this.depth--;
    }
  }
}

export class DuckDbStore implements Store {
  readonly kind = 'duckdb' as const;
  readonly dialect = DuckDbDialect;
  readonly description: string;
  private constructor(
    private readonly instance: DuckDBInstance,
    file: string,
  ) {
    this.description = `DuckDB ${file}`;
  }

  static async open(file: string, opts: { memoryLimit?: string; threads?: number } = {}): Promise<DuckDbStore> {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const options: Record<string, string> = { memory_limit: opts.memoryLimit ?? '4GB' };
    if (opts.threads) options.threads = String(opts.threads);
    // A WAL left behind means the last process did not shut down cleanly.
    const wal = `${file}.wal`;
    const unclean = file !== ':memory:' && existsSync(wal) && statSync(wal).size > 0;
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(file, options);
    } catch (e) {
      return translateOpenError(e, file);
    }
    const store = new DuckDbStore(instance, file);
    if (unclean) await store.rebuildNonUniqueIndexes();
    return store;
  }

  /**
   * DuckDB 1.5 replays an UPDATE of indexed columns from the WAL into a
   * non-unique ART index that then lacks those rows; once that is checkpointed,
   * the next UPDATE of the rows fails FATAL ("Failed to delete all rows from
   * index", duckdb/duckdb#23645) and the store is stuck. So after an unclean
   * shutdown the non-unique indexes are rebuilt from their tables first. Not in
   * one transaction: DuckDB 1.5.6 aborts the process on DROP INDEX + CREATE
   * INDEX inside one; a crash between the two costs an index, never data.
   */
  private async rebuildNonUniqueIndexes(): Promise<void> {
    await this.session(async (s) => {
      const indexes = await s.query<{ schema_name: string; index_name: string; sql: string }>(
        sql`SELECT schema_name, index_name, sql FROM duckdb_indexes() WHERE NOT is_unique AND NOT is_primary AND sql IS NOT NULL`,
      );
      if (indexes.length === 0) return;
      for (const ix of indexes) {
        await s.exec(`DROP INDEX ${checkedIdentifier(ix.schema_name)}.${checkedIdentifier(ix.index_name)}`);
        await s.exec(ix.sql);
      }
      await s.exec('CHECKPOINT');
    });
  }

  async session<T>(fn: (s: Session) => Promise<T>): Promise<T> {
    const con = await this.instance.connect();
    try {
      return await fn(new DuckDbSession(con));
    } finally {
      con.closeSync();
    }
  }

  query<T extends object = ResultRow>(q: SqlFragment): Promise<T[]> {
    return this.session((s) => s.query<T>(q));
  }

  async close(): Promise<void> {
    this.instance.closeSync();
  }
}

/**
 * The fast path of numericColumns: a DOUBLE or INTEGER vector's values copied
 * in one typed-array copy, NULLs set from its validity mask 32 rows at a time.
 * The client's own getItem tests validity with BigInt arithmetic per row,
 * which made reading seven million values a second of work. It reads the
 * vector's typed array and mask, which the client does not declare public, so
 * it checks their shape and returns false (take getItem) when they differ.
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function copyNumericVector(vector: unknown, into: Float64Array, at: number, rows: number): boolean {
  if (!LITTLE_ENDIAN) return false;
  const v = vector as { items?: unknown; validity?: { data?: unknown; offset?: unknown } };
  const items = v.items;
  if (!(items instanceof Float64Array || items instanceof Int32Array) || items.length < rows) return false;
  const validity = v.validity;
  if (validity?.offset !== 0) return false;
  const mask = validity.data;
  if (mask !== null && !(mask instanceof BigUint64Array)) return false;
  into.set(items.length === rows ? items : items.subarray(0, rows), at);
  if (mask === null) return true;
  // Little-endian 32-bit halves of the 64-bit mask words: bit i of word i >> 5 is row i.
  const words = new Uint32Array(mask.buffer, mask.byteOffset, mask.length * 2);
  for (let w = 0; w * 32 < rows; w++) {
    const bits = words[w] as number;
    if (bits === 0xffffffff) continue;
    const end = Math.min(32, rows - w * 32);
    for (let b = 0; b < end; b++) if (((bits >>> b) & 1) === 0) into[at + w * 32 + b] = Number.NaN;
  }
  return true;
}
