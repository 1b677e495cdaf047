/**
 * Resolves the credentials of a request to a viewer, on every request: the
 * user's disabled_at is read each time, so disabling a user ends their
 * sessions and silences their tokens at once, on every server process.
 * last_seen_at and last_used_at are written at most once a minute (sooner
 * for very short idle timeouts), so a busy session does not write per request.
 */
import type { Viewer } from '@cairn/core/contract';
import { param, type SqlFragment, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';
import { type AuthPolicy, MINUTE_MS } from './auth-policy';
import { instantOf, timestampAt } from './auth-time';
import { API_TOKEN_PREFIX, csrfTokenFor, sha256Hex } from './secret-tokens';
import { toViewer, type UserIdentity } from './user-record';

export const AUTH_FAILURES = [
  'session_unknown',
  'session_idle',
  'session_expired',
  'user_disabled',
  'token_malformed',
  'token_unknown',
  'token_revoked',
] as const;
export type AuthFailure = (typeof AUTH_FAILURES)[number];

export type Authentication =
  | { ok: true; viewer: Viewer; displayName: string; csrfToken: string | null; expiresAt: number | null }
  | { ok: false; failure: AuthFailure };

const TOKEN_LENGTH = API_TOKEN_PREFIX.length + 43;

/** Writes that only keep a timestamp fresh; a concurrent write of the same row may conflict on DuckDB, and either one suffices. */
async function bestEffort(store: Store, q: SqlFragment): Promise<void> {
  await store.query(q).catch(() => undefined);
}

function touchInterval(policy: AuthPolicy): number {
  return Math.min(MINUTE_MS, (policy.sessionIdleMinutes * MINUTE_MS) / 10);
}

export async function authenticateSession(store: Store, policy: AuthPolicy, sessionSecret: string, now: number): Promise<Authentication> {
  const idHash = sha256Hex(sessionSecret);
  const rows = await store.query<UserIdentity & { last_seen_at: string; expires_at: string }>(
    sql`SELECT u.id, u.email, u.display_name, u.role, u.org_unit_id, u.rep_id, u.disabled_at, s.last_seen_at, s.expires_at
      FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE s.id_hash = ${param(idHash)}`,
  );
  const row = rows[0];
  if (!row) return { ok: false, failure: 'session_unknown' };
  const lastSeen = instantOf(row.last_seen_at);
  const expiresAt = instantOf(row.expires_at);
  const failure: AuthFailure | null =
    row.disabled_at !== null
      ? 'user_disabled'
      : now >= expiresAt
        ? 'session_expired'
        : now - lastSeen >= policy.sessionIdleMinutes * MINUTE_MS
          ? 'session_idle'
          : null;
  if (failure) {
    await bestEffort(store, sql`DELETE FROM user_session WHERE id_hash = ${param(idHash)}`);
    return { ok: false, failure };
  }
  if (now - lastSeen >= touchInterval(policy)) {
    await bestEffort(store, sql`UPDATE user_session SET last_seen_at = ${timestampAt(now)} WHERE id_hash = ${param(idHash)}`);
  }
  return { ok: true, viewer: toViewer(row, 'session'), displayName: row.display_name, csrfToken: csrfTokenFor(sessionSecret), expiresAt };
}

export async function authenticateToken(store: Store, token: string, now: number): Promise<Authentication> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length !== TOKEN_LENGTH) return { ok: false, failure: 'token_malformed' };
  const tokenHash = sha256Hex(token);
  const rows = await store.query<UserIdentity & { token_id: string; revoked_at: string | null; last_used_at: string | null }>(
    sql`SELECT u.id, u.email, u.display_name, u.role, u.org_unit_id, u.rep_id, u.disabled_at,
        t.id AS token_id, t.revoked_at, t.last_used_at
      FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.token_hash = ${param(tokenHash)}`,
  );
  const row = rows[0];
  if (!row) return { ok: false, failure: 'token_unknown' };
  if (row.revoked_at !== null) return { ok: false, failure: 'token_revoked' };
  if (row.disabled_at !== null) return { ok: false, failure: 'user_disabled' };
  if (row.last_used_at === null || now - instantOf(row.last_used_at) >= MINUTE_MS) {
    await bestEffort(store, sql`UPDATE api_token SET last_used_at = ${timestampAt(now)} WHERE id = ${param(row.token_id)}`);
  }
  return { ok: true, viewer: toViewer(row, 'token'), displayName: row.display_name, csrfToken: null, expiresAt: null };
}
