/**
 * Signs in with email and password and opens a session. Unknown email,
 * wrong password and disabled user get the same answer in about the same
 * time (an unknown email is verified against a dummy hash), so the answer
 * does not tell which emails have accounts.
 */
import type { Viewer } from '@cairn/core/contract';
import { DomainError } from '@cairn/core/domain';
import { param, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';
import { type AuthPolicy, MINUTE_MS } from './auth-policy';
import { timestampAt } from './auth-time';
import { verifyAgainstDummy, verifyPassword } from './password-hash';
import { csrfTokenFor, newSessionSecret, sha256Hex } from './secret-tokens';
import { clearEmailFailures, recordSignInFailure, signInRetryAfter, throttleKeys } from './sign-in-throttle';
import { normaliseEmail, toViewer, type UserIdentity } from './user-record';

export interface SignInRequest {
  email: string;
  password: string;
  /** The client's address, for per-client throttling. */
  client: string;
}

export interface SignedIn {
  /** The session cookie's value; stored only as its SHA-256. */
  sessionSecret: string;
  csrfToken: string;
  viewer: Viewer;
  displayName: string;
  expiresAt: number;
}

export const WRONG_CREDENTIALS = 'the email or password is wrong';

interface Candidate extends UserIdentity {
  password_hash: string;
}

export async function signIn(store: Store, policy: AuthPolicy, req: SignInRequest, now: number): Promise<SignedIn> {
  const keys = throttleKeys(req.email, req.client);
  const wait = await signInRetryAfter(store, policy, keys, now);
  if (wait > 0) {
    throw new DomainError('rate_limited', `too many failed sign-ins; try again in ${wait} seconds`, { retryAfterSeconds: wait });
  }
  const rows = await store.query<Candidate>(
    sql`SELECT id, email, display_name, role, org_unit_id, rep_id, password_hash, disabled_at FROM app_user
      WHERE email = ${param(normaliseEmail(req.email))}`,
  );
  const user = rows[0];
  const matches = user ? await verifyPassword(user.password_hash, req.password) : await verifyAgainstDummy(req.password);
  if (!user || !matches || user.disabled_at !== null) {
    await recordSignInFailure(store, keys, now);
    throw new DomainError('unauthenticated', WRONG_CREDENTIALS);
  }
  await clearEmailFailures(store, keys);
  const sessionSecret = newSessionSecret();
  const expiresAt = now + policy.sessionMaxHours * 60 * MINUTE_MS;
  await store.query(sql`INSERT INTO user_session (id_hash, user_id, created_at, last_seen_at, expires_at)
    VALUES (${param(sha256Hex(sessionSecret))}, ${param(user.id)}, ${timestampAt(now)}, ${timestampAt(now)}, ${timestampAt(expiresAt)})`);
  // Housekeeping: sessions that can no longer be used. A concurrent delete of the same rows may conflict on DuckDB.
  await store
    .query(
      sql`DELETE FROM user_session WHERE expires_at <= ${timestampAt(now)}
        OR last_seen_at <= ${timestampAt(now - policy.sessionIdleMinutes * MINUTE_MS)}`,
    )
    .catch(() => undefined);
  return {
    sessionSecret,
    csrfToken: csrfTokenFor(sessionSecret),
    viewer: toViewer(user, 'session'),
    displayName: user.display_name,
    expiresAt,
  };
}
