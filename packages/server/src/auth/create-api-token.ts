/**
 * API tokens let an integration act as a user, with that user's role and
 * scope. The secret is returned once, here; only its SHA-256 is stored.
 */
import { randomUUID } from 'node:crypto';
import type { CreatedApiToken } from '@cairn/core/contract';
import { DomainError } from '@cairn/core/domain';
import { param, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';
import { timestampAt } from './auth-time';
import { newApiTokenSecret, sha256Hex } from './secret-tokens';
import { findUser } from './user-record';

/** Active tokens one user may hold; revoke some to make another. */
export const MAX_TOKENS_PER_USER = 50;
const SHOWN_PREFIX = 10;

export async function createApiToken(
  store: Store,
  req: { userId: string; name: string; createdBy: string },
  now: number,
): Promise<CreatedApiToken> {
  const name = req.name.trim();
  if (name.length === 0 || name.length > 100)
    throw new DomainError('invalid_input', 'name the token (1 to 100 characters), e.g. after the integration');
  const user = await findUser(store, { id: req.userId });
  if (user.disabled_at !== null) throw new DomainError('conflict', `${user.email} is disabled; a token for them would not work`);
  const active = await store.query<{ n: string | number }>(
    sql`SELECT COUNT(*) AS n FROM api_token WHERE user_id = ${param(user.id)} AND revoked_at IS NULL`,
  );
  if (Number(active[0]?.n ?? 0) >= MAX_TOKENS_PER_USER) {
    throw new DomainError('conflict', `${user.email} has ${MAX_TOKENS_PER_USER} active API tokens; revoke one first`);
  }
  const token = newApiTokenSecret();
  const id = randomUUID();
  const prefix = token.slice(0, SHOWN_PREFIX);
  await store.query(sql`INSERT INTO api_token (id, user_id, name, token_hash, token_prefix, created_at, created_by, last_used_at, revoked_at)
    VALUES (${param(id)}, ${param(user.id)}, ${param(name)}, ${param(sha256Hex(token))}, ${param(prefix)}, ${timestampAt(now)},
      ${param(req.createdBy)}, NULL, NULL)`);
  return { id, userId: user.id, name, prefix, createdAt: new Date(now).toISOString(), lastUsedAt: null, token };
}
