/**
 * One writer of the canonical tables at a time per store, within this process:
 * imports, merges and the demo load queue here. On DuckDB those tables have no
 * primary key (migration 13), so it is this queue that keeps two imports of the
 * same new rows from both inserting them; only one process can open a DuckDB
 * file for writing, so a process-wide queue covers every writer. On PostgreSQL
 * the keys stay and refuse a duplicate from another process as before.
 */
import type { Store } from './store';

const tails = new WeakMap<Store, Promise<void>>();

export async function withWriteLock<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  const before = tails.get(store) ?? Promise.resolve();
  let release: () => void = () => undefined;
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  tails.set(
    store,
    before.then(() => mine),
  );
  await before;
  try {
    return await fn();
  } finally {
    release();
  }
}
