/**
 * The server store. A pool of connections; each session holds one client, so
 * temporary tables and transactions stay on it. Bulk loads stream CSV through
 * COPY FROM STDIN. DATE, TIMESTAMP, BIGINT and NUMERIC come back as text so
 * both engines return the same shapes.
 */
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { checkedIdentifier, PostgresDialect, renderSql, type SqlFragment } from '@cairn/core/sql';
import type { BulkWriter, NumericColumns, ResultRow, Session, Store } from './store';
import { writeWithBackpressure } from './write-with-backpressure';

const TEXT_TYPES = [1082 /* date */, 1114 /* timestamp */, 1184 /* timestamptz */, 20 /* int8 */, 1700 /* numeric */];
const typeParser = (oid: number, format?: string): ((value: string) => unknown) => {
  if (TEXT_TYPES.includes(oid)) return (v: string) => v;
  return pg.types.getTypeParser(oid, format as 'text');
};

/** The URL with any password replaced, safe for logs. */
export function redactUrl(url: string): string {
  return url.replace(/(:\/\/[^:@/]*):[^@/]*@/, '$1:***@');
}

class PostgresSession implements Session {
  readonly dialect = PostgresDialect;
  readonly kind = 'postgres' as const;
  private depth = 0;
  constructor(private readonly client: pg.PoolClient) {}

  async query<T extends object = ResultRow>(q: SqlFragment): Promise<T[]> {
    const { text, params } = renderSql(q, this.dialect);
    const r = await this.client.query({ text, values: params as unknown[], types: { getTypeParser: typeParser } as never });
    return r.rows as T[];
  }

  async exec(text: string): Promise<void> {
    await this.client.query(text);
  }

  async numericColumns(q: SqlFragment): Promise<NumericColumns> {
    const { text, params } = renderSql(q, this.dialect);
    const r = await this.client.query({
      text,
      values: params as unknown[],
      rowMode: 'array',
      types: { getTypeParser: typeParser } as never,
    });
    const columns = r.fields.map(() => new Float64Array(r.rows.length));
    r.rows.forEach((row: unknown[], i: number) => {
      row.forEach((v, c) => {
        const n = v === null ? Number.NaN : Number(v);
        if (v !== null && Number.isNaN(n)) throw new Error(`numericColumns: column ${r.fields[c]?.name} holds ${String(v)}, not a number`);
        (columns[c] as Float64Array)[i] = n;
      });
    });
    return { rowCount: r.rows.length, columns };
  }

  async bulkWriter(table: string, columns: string[]): Promise<BulkWriter> {
    const stream = this.client.query(
      // The bulk dialect (bulk-csv-dialect.ts): U+0002 quotes.
      copyFrom(
        `COPY ${checkedIdentifier(table)} (${columns.map(checkedIdentifier).join(', ')}) FROM STDIN WITH (FORMAT csv, QUOTE E'\\x02', ESCAPE E'\\x02')`,
      ),
    );
    let failure: Error | null = null;
    stream.on('error', (e: Error) => {
      failure = e;
    });
    return {
      write: (data) => (failure ? Promise.reject(failure) : writeWithBackpressure(stream, data)),
      finish: () =>
        new Promise<void>((resolve, reject) => {
          if (failure) return reject(failure);
          stream.once('finish', () => resolve());
          stream.once('error', reject);
          stream.end();
        }),
      abort: async () => {
        stream.destroy(new Error('aborted'));
      },
    };
  }

  snapshot<T>(fn: () => Promise<T>): Promise<T> {
    return this.transaction(fn, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async transaction<T>(fn: () => Promise<T>, begin = 'BEGIN'): Promise<T> {
    if (this.depth > 0) return fn();
    this.depth++;
    await this.client.query(begin);
    try {
      const result = await fn();
      await this.client.query('COMMIT');
      return result;
    } catch (e) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      this.depth--;
    }
  }
}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly dialect = PostgresDialect;
  readonly description: string;
  /** Connections already set up for Cairn (notices quieted, JIT off). */
  private readonly prepared = new WeakSet<pg.PoolClient>();
  private constructor(
    private readonly pool: pg.Pool,
    url: string,
  ) {
    this.description = `PostgreSQL ${redactUrl(url)}`;
  }

  static async open(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    pool.on('error', () => undefined);
    const client = await pool.connect();
    client.release();
    return new PostgresStore(pool, url);
  }

  async session<T>(fn: (s: Session) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      if (!this.prepared.has(client)) {
        client.on('notice', () => undefined);
        // Cairn's compiled queries are long, and PostgreSQL's JIT compiles and optimises them again for
        // every execution: on the small demo a full compute took 8.8–9.7 s with JIT, 5.5–6.6 s without.
        await client.query('SET jit = off');
        this.prepared.add(client);
      }
      return await fn(new PostgresSession(client));
    } catch (e) {
      broken = /terminat|Connection/i.test((e as Error).message ?? '');
      throw e;
    } finally {
      client.release(broken);
    }
  }

  query<T extends object = ResultRow>(q: SqlFragment): Promise<T[]> {
    return this.session((s) => s.query<T>(q));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
