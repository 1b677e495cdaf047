import { describe, expect, it } from 'vitest';
import { csrfTokenFor, newApiTokenSecret, newSessionSecret, sameSecret, sha256Hex } from './secret-tokens';

describe('secret tokens', () => {
  it('makes session ids of 32 random bytes and API tokens with the cairn_ prefix', () => {
    const a = newSessionSecret();
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(newSessionSecret());
    expect(newApiTokenSecret()).toMatch(/^cairn_[A-Za-z0-9_-]{43}$/);
  });

  it('binds the CSRF token to its session and does not derive it from the stored digest', () => {
    const session = newSessionSecret();
    expect(csrfTokenFor(session)).toBe(csrfTokenFor(session));
    expect(csrfTokenFor(session)).not.toBe(csrfTokenFor(newSessionSecret()));
    expect(csrfTokenFor(session)).not.toBe(sha256Hex(session));
    expect(csrfTokenFor(session)).not.toBe(csrfTokenFor(sha256Hex(session)));
  });

  it('compares secrets of any length', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
  });
});
