/**
 * Adds a user. Everything wrong with the request is reported at once. A
 * manager is attached to an existing org unit (the root of what they see) and
 * a rep to an existing rep; other roles see by role and carry neither.
 */
import { randomUUID } from 'node:crypto';
import type { NewUser, UserSummary } from '@cairn/core/contract';
import { type Diagnostic, DomainError } from '@cairn/core/domain';
import { param, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';
import { timestampAt } from './auth-time';
import { hashPassword, passwordProblem } from './password-hash';
import { findUser, normaliseEmail, toUserSummary } from './user-record';

const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

async function exists(store: Store, table: 'org_unit' | 'rep', id: string): Promise<boolean> {
  const q =
    table === 'org_unit' ? sql`SELECT 1 AS x FROM org_unit WHERE id = ${param(id)}` : sql`SELECT 1 AS x FROM rep WHERE id = ${param(id)}`;
  return (await store.query(q)).length > 0;
}

async function problemsOf(store: Store, u: NewUser, email: string): Promise<Diagnostic[]> {
  const problems: Diagnostic[] = [];
  if (email.length > 254 || !EMAIL_SHAPE.test(email)) problems.push({ path: 'email', message: `\`${u.email}\` is not an email address` });
  const password = passwordProblem(u.password);
  if (password) problems.push({ path: 'password', message: password });
  if (u.role === 'manager') {
    if (!u.orgUnitId) problems.push({ path: 'orgUnitId', message: 'a manager needs the org unit they manage (--org-unit)' });
    else if (!(await exists(store, 'org_unit', u.orgUnitId))) problems.push({ path: 'orgUnitId', message: `no org unit ${u.orgUnitId}` });
  } else if (u.orgUnitId) {
    problems.push({ path: 'orgUnitId', message: `only a manager is attached to an org unit; a ${u.role} sees by role` });
  }
  if (u.role === 'rep') {
    if (!u.repId) problems.push({ path: 'repId', message: 'a rep user needs their rep id (--rep)' });
    else if (!(await exists(store, 'rep', u.repId))) problems.push({ path: 'repId', message: `no rep ${u.repId}` });
  } else if (u.repId) {
    problems.push({ path: 'repId', message: `only a rep user is attached to a rep, not a ${u.role}` });
  }
  return problems;
}

async function defaultName(store: Store, u: NewUser, email: string): Promise<string> {
  if (u.displayName) return u.displayName.trim();
  if (u.repId) {
    const rows = await store.query<{ name: string }>(sql`SELECT name FROM rep WHERE id = ${param(u.repId)}`);
    if (rows[0]) return rows[0].name;
  }
  return email.split('@')[0] ?? email;
}

function isUniqueViolation(e: unknown): boolean {
  return /duplicate key|unique constraint/i.test((e as Error).message ?? '');
}

export async function createUser(store: Store, u: NewUser, opts: { actor: string; now: number }): Promise<UserSummary> {
  const email = normaliseEmail(u.email);
  const problems = await problemsOf(store, u, email);
  if (problems.length > 0) {
    throw new DomainError(
      'invalid_input',
      `cannot add the user:\n  ${problems.map((p) => `${p.path}: ${p.message}`).join('\n  ')}`,
      problems,
    );
  }
  const taken = await store.query(sql`SELECT 1 AS x FROM app_user WHERE email = ${param(email)}`);
  if (taken.length > 0) throw new DomainError('conflict', `a user with email ${email} exists already`);
  const id = randomUUID();
  const passwordHash = await hashPassword(u.password);
  const name = await defaultName(store, u, email);
  try {
    await store.query(sql`INSERT INTO app_user (id, email, display_name, role, org_unit_id, rep_id, password_hash, password_set_at,
        disabled_at, created_at, created_by)
      VALUES (${param(id)}, ${param(email)}, ${param(name)}, ${param(u.role)}, ${param(u.orgUnitId ?? null)}, ${param(u.repId ?? null)},
        ${param(passwordHash)}, ${timestampAt(opts.now)}, NULL, ${timestampAt(opts.now)}, ${param(opts.actor)})`);
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('conflict', `a user with email ${email} exists already`);
    throw e;
  }
  return toUserSummary(await findUser(store, { id }));
}
