/** Users by email, a page at a time. */
import type { UserPage } from '@cairn/core/contract';
import { param, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';
import { toUserSummary, USER_COLUMNS, type UserRow } from './user-record';

export const MAX_USER_PAGE = 500;

export async function listUsers(store: Store, page: { limit?: number; offset?: number } = {}): Promise<UserPage> {
  const limit = Math.min(Math.max(page.limit ?? 50, 1), MAX_USER_PAGE);
  const offset = Math.max(page.offset ?? 0, 0);
  const rows = await store.query<UserRow>(
    sql`SELECT ${USER_COLUMNS} FROM app_user ORDER BY email LIMIT ${param(limit)} OFFSET ${param(offset)}`,
  );
  const total = await store.query<{ n: string | number }>(sql`SELECT COUNT(*) AS n FROM app_user`);
  return { items: rows.map(toUserSummary), total: Number(total[0]?.n ?? 0), limit, offset };
}
