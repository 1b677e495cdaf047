/**
 * Sign-in throttling over a sliding window, counted in the database so it
 * holds across server processes. Failures are counted per email and per
 * client address, each against its own limit; while either is at its limit,
 * sign-in is refused without checking the password (and a refused attempt
 * is not counted, so waiting always helps). Keys are stored as digests.
 */
import { param, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';
import { type AuthPolicy, MINUTE_MS } from './auth-policy';
import { instantOf, timestampAt } from './auth-time';
import { sha256Hex } from './secret-tokens';
import { normaliseEmail } from './user-record';

export interface ThrottleKeys {
  email: string;
  client: string;
}

export function throttleKeys(email: string, client: string): ThrottleKeys {
  return { email: sha256Hex(`email:${normaliseEmail(email)}`), client: sha256Hex(`client:${client}`) };
}

/** Seconds until these keys may try again; 0 when they may now. */
export async function signInRetryAfter(store: Store, policy: AuthPolicy, keys: ThrottleKeys, now: number): Promise<number> {
  const windowMs = policy.failureWindowMinutes * MINUTE_MS;
  // Pruning is housekeeping: a concurrent prune of the same rows may conflict on DuckDB, and either one suffices.
  await store.query(sql`DELETE FROM sign_in_failure WHERE failed_at <= ${timestampAt(now - windowMs)}`).catch(() => undefined);
  const rows = await store.query<{ key_hash: string; failed_at: string }>(
    sql`SELECT key_hash, failed_at FROM sign_in_failure
      WHERE key_hash IN (${param(keys.email)}, ${param(keys.client)}) AND failed_at > ${timestampAt(now - windowMs)}
      ORDER BY failed_at DESC`,
  );
  let wait = 0;
  for (const [key, limit] of [
    [keys.email, policy.maxFailuresPerEmail],
    [keys.client, policy.maxFailuresPerClient],
  ] as const) {
    const times = rows.filter((r) => r.key_hash === key).map((r) => instantOf(r.failed_at));
    // Allowed again once the limit-th most recent failure has left the window.
    const pivot = times[limit - 1];
    if (pivot !== undefined && pivot + windowMs > now) wait = Math.max(wait, Math.ceil((pivot + windowMs - now) / 1000));
  }
  return wait;
}

export async function recordSignInFailure(store: Store, keys: ThrottleKeys, now: number): Promise<void> {
  await store.query(sql`INSERT INTO sign_in_failure (key_hash, failed_at)
    VALUES (${param(keys.email)}, ${timestampAt(now)}), (${param(keys.client)}, ${timestampAt(now)})`);
}

/** A successful sign-in forgives the email's failures (not the client's: one address may be trying many emails). */
export async function clearEmailFailures(store: Store, keys: ThrottleKeys): Promise<void> {
  await store.query(sql`DELETE FROM sign_in_failure WHERE key_hash = ${param(keys.email)}`).catch(() => undefined);
}
