/**
 * The engines every integration suite runs on. DuckDB always; PostgreSQL when
 * a server is reachable (CAIRN_TEST_PG_URL, or the local socket). Under
 * CI=true PostgreSQL is mandatory: a missing server fails instead of skipping.
 * Each store is a fresh database, dropped afterwards.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensureCompanySettings } from '../packages/server/src/db/company-settings';
import { migrate } from '../packages/server/src/db/migrate';
import { openStore } from '../packages/server/src/db/open-store';
import type { Store } from '../packages/server/src/db/store';

export type EngineName = 'duckdb' | 'postgres';

function adminUrl(): string | null {
  if (process.env.CAIRN_TEST_PG_URL) return process.env.CAIRN_TEST_PG_URL;
  if (existsSync('/var/run/postgresql/.s.PGSQL.5432'))
    return `postgres://${process.env.USER ?? 'root'}@localhost/postgres?host=/var/run/postgresql`;
  return null;
}

export function pgAvailable(): boolean {
  const url = adminUrl();
  if (!url && process.env.CI === 'true') throw new Error('CI=true but no PostgreSQL: set CAIRN_TEST_PG_URL (see .ci/run)');
  return url !== null;
}

/** Engines to run on; PostgreSQL is listed only when available (and always under CI). */
export function testEngines(): EngineName[] {
  return pgAvailable() ? ['duckdb', 'postgres'] : ['duckdb'];
}

export interface TestStore {
  store: Store;
  /** Where the store lives: a DuckDB file path or a postgres:// URL. */
  location: string;
  /** Close and delete. */
  dispose(): Promise<void>;
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url.replace(/^postgres(ql)?:\/\/([^@/]*@)?\//, (m) => `${m.replace(/\/$/, '')}localhost/`));
  u.pathname = `/${db}`;
  return u.toString();
}

/** Creates an empty location (no store opened). */
export async function createTestLocation(engine: EngineName): Promise<{ location: string; drop(): Promise<void> }> {
  if (engine === 'duckdb') {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-test-'));
    return { location: join(dir, 'cairn.duckdb'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = adminUrl();
  if (!admin) throw new Error('PostgreSQL is not available');
  const name = `cairn_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return {
    location: withDatabase(admin, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A fresh, migrated store on the engine, with default company settings (USD, January fiscal start, 24-month window). */
export async function createTestStore(engine: EngineName): Promise<TestStore> {
  const { location, drop } = await createTestLocation(engine);
  const store = await openStore(location, { memoryLimit: '1GB' });
  await migrate(store);
  await ensureCompanySettings(store, { reportingCurrency: 'USD', calendar: { startMonth: 1 }, crossSellWindowMonths: 24 });
  return {
    store,
    location,
    dispose: async () => {
      await store.close();
      await drop();
    },
  };
}
