import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from './password-hash';

describe('password hashing', () => {
  it('hashes with argon2id at 19 MiB, two passes, one lane, salted', async () => {
    const a = await hashPassword('twelve chars!');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(await hashPassword('twelve chars!'));
    expect(await verifyPassword(a, 'twelve chars!')).toBe(true);
    expect(await verifyPassword(a, 'twelve chars?')).toBe(false);
    expect(await verifyPassword('not a hash', 'twelve chars!')).toBe(false);
  });

  it('refuses passwords under 12 characters and absurdly long ones', async () => {
    expect(passwordProblem('elevenchars')).toMatch(/at least 12/);
    expect(passwordProblem('x'.repeat(1025))).toMatch(/at most 1024/);
    expect(passwordProblem('twelve chars')).toBeNull();
    await expect(hashPassword('short')).rejects.toThrow(/at least 12/);
  });

  it('verifies an unknown user against a dummy hash that nothing matches', async () => {
    expect(await verifyAgainstDummy('anything at all')).toBe(false);
    expect(passwordProblem(generatePassword())).toBeNull();
  });
});
