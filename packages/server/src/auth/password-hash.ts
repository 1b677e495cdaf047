/**
 * Passwords are hashed with argon2id (RFC 9106) at OWASP's minimum cost for
 * it: 19 MiB, two passes, one lane. The hash string carries its parameters,
 * so raising them later still verifies older hashes.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { DomainError } from '@cairn/core/domain';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@cairn/core/contract';
import { newSessionSecret } from './secret-tokens';

// Algorithm.Argon2id; the package declares it as a const enum, which isolated modules cannot import.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A password to hand out once: 18 random bytes, 24 characters of base64url. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** The reason a password is refused, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `a password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  return null;
}

export async function hashPassword(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new DomainError('invalid_input', problem);
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;

/**
 * Verifies against a hash no password matches: an unknown email then costs
 * the same time as a wrong password, so timing does not tell which it was.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hash(newSessionSecret(), OPTIONS);
  await verifyPassword(await dummy, password);
  return false;
}
