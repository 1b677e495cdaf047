/**
 * The embedded store. One process owns the DuckDB file; each session is a
 * connection of that one instance. Bulk loads go through a temporary CSV file
 * read by DuckDB's own COPY, which is far faster than appending from JS.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { DomainError } from '@cairn/core/domain';
import { checkedIdentifier, DuckDbDialect, renderSql, type SqlFragment } from '@cairn/core/sql';
import type { BulkWriter, ResultRow, Session, Store } from './store';
import { writeWithBackpressure } from './write-with-backpressure';

const SAFE_PATH = /^[A-Za-z0-9_./-]+$/;

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

  async bulkWriter(table: string, columns: string[]): Promise<BulkWriter> {
    const path = join(tmpdir(), `cairn-bulk-${randomUUID()}.csv`);
    if (!SAFE_PATH.test(path)) throw new Error(`temporary path ${path} has unexpected characters`);
    const out = createWriteStream(path, { highWaterMark: 1 << 20 });
    const target = `${checkedIdentifier(table)} (${columns.map(checkedIdentifier).join(', ')})`;
    let written = 0;
    return {
      write: (data) => {
        written += data.length;
        return writeWithBackpressure(out, data);
      },
      finish: async () => {
        await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
        try {
          if (written === 0) return;
          // The path is one Cairn generated above, never user input; COPY takes no parameter for it.
          // Records end in '\n' (csvLine); declaring it keeps a quoted CR LF inside a value from confusing the sniffer.
          await this.con.run(
            `COPY ${target} FROM '${path}' (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '"', ESCAPE '"', NEW_LINE '\\n', NULL '', ALLOW_QUOTED_NULLS false)`,
          );
        } finally {
          await rm(path, { force: true });
        }
      },
      abort: async () => {
        out.destroy();
        await rm(path, { force: true });
      },
    };
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
    try {
      const instance = await DuckDBInstance.create(file, options);
      return new DuckDbStore(instance, file);
    } catch (e) {
      return translateOpenError(e, file);
    }
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
