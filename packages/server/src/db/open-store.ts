/** Chooses the engine from the location: a postgres:// URL, or else a DuckDB file path. */
import { DuckDbStore } from './duckdb-store';
import { PostgresStore } from './postgres-store';
import type { Store } from './store';

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

export async function openStore(location: string, opts: { memoryLimit?: string } = {}): Promise<Store> {
  return isPostgresUrl(location) ? PostgresStore.open(location) : DuckDbStore.open(location, opts);
}
