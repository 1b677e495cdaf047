/**
 * The random secrets handed to clients and what is kept of them. A session id
 * and an API token are 32 random bytes; the database keeps only their SHA-256
 * digest, so a copy of the tables cannot be replayed. The CSRF token is an
 * HMAC keyed by the session id itself: only a holder of the (HttpOnly) cookie
 * can compute it, any server process can check it without shared state, and
 * it cannot be derived from the stored digest.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_TOKEN_PREFIX = 'cairn_';
const SECRET_BYTES = 32;

/** 32 random bytes, base64url (43 characters). */
export function newSessionSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

export function newApiTokenSecret(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function csrfTokenFor(sessionSecret: string): string {
  return createHmac('sha256', sessionSecret).update('cairn csrf v1').digest('base64url');
}

/** Compares two secrets in time independent of where they differ. */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
