/** Ends a session: its row is deleted, so the cookie no longer signs anyone in, on any server process. */
import { param, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';
import { sha256Hex } from './secret-tokens';

export async function signOut(store: Store, sessionSecret: string): Promise<void> {
  await store.query(sql`DELETE FROM user_session WHERE id_hash = ${param(sha256Hex(sessionSecret))}`);
}
