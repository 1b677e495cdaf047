/** The import log, newest first. */
import { param, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';

export interface ImportLogRow {
  id: string;
  entity: string;
  file_name: string;
  file_sha256: string;
  mapping: string | null;
  actor: string;
  mode: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  rows_read: string;
  inserted: string;
  updated: string;
  unchanged: string;
  rejected: string;
  message: string | null;
}

export async function listImports(store: Store, opts: { limit?: number; offset?: number } = {}): Promise<ImportLogRow[]> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  return store.query<ImportLogRow>(
    sql`SELECT * FROM import_log ORDER BY started_at DESC, id LIMIT ${param(limit)} OFFSET ${param(opts.offset ?? 0)}`,
  );
}
