/** A user's active API tokens, without their secrets. */
import type { ApiTokenSummary } from '@cairn/core/contract';
import { param, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';
import { isoOf } from './auth-time';

export async function listApiTokens(store: Store, userId: string): Promise<ApiTokenSummary[]> {
  const rows = await store.query<{
    id: string;
    user_id: string;
    name: string;
    token_prefix: string;
    created_at: string;
    last_used_at: string | null;
  }>(
    sql`SELECT id, user_id, name, token_prefix, created_at, last_used_at FROM api_token
      WHERE user_id = ${param(userId)} AND revoked_at IS NULL ORDER BY created_at, id`,
  );
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    name: r.name,
    prefix: r.token_prefix,
    createdAt: isoOf(r.created_at),
    lastUsedAt: r.last_used_at === null ? null : isoOf(r.last_used_at),
  }));
}
