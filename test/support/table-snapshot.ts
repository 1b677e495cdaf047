/**
 * What a store holds, table by table, as a row count and an order-independent
 * checksum: every row is serialised with its columns in name order, the lines
 * are sorted and hashed. Both engines return the same value shapes (see
 * Store), so one function serves both; snapshots are compared per engine.
 */
import { createHash } from 'node:crypto';
import { currentTables } from '@cairn/core/model';
import { ident, sql } from '@cairn/core/sql';
import type { Store } from '@cairn/server';

export interface TableSnapshot {
  rows: number;
  checksum: string;
}

export type StoreSnapshot = Record<string, TableSnapshot>;

/** Every table of the current model; import_log is left out because each import, even a rejected one, appends to it. */
export function snapshotTableNames(): string[] {
  return currentTables()
    .map((t) => t.name)
    .filter((name) => name !== 'import_log');
}

function rowText(row: Record<string, unknown>, exclude: ReadonlySet<string>): string {
  return JSON.stringify(
    Object.keys(row)
      .filter((k) => !exclude.has(k))
      .sort()
      .map((k) => [k, row[k] ?? null]),
  );
}

/** The rows of one table as sorted, serialised lines (columns in `exclude` left out). */
export async function tableLines(store: Store, table: string, exclude: ReadonlySet<string> = new Set()): Promise<string[]> {
  const rows = await store.query<Record<string, unknown>>(sql`SELECT * FROM ${ident(table)}`);
  return rows.map((r) => rowText(r, exclude)).sort();
}

export async function snapshotStore(
  store: Store,
  tables: readonly string[] = snapshotTableNames(),
  exclude: ReadonlySet<string> = new Set(),
): Promise<StoreSnapshot> {
  const out: StoreSnapshot = {};
  for (const table of tables) {
    const lines = await tableLines(store, table, exclude);
    out[table] = { rows: lines.length, checksum: createHash('sha256').update(lines.join('\n')).digest('hex') };
  }
  return out;
}
