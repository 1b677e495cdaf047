/** Reading users: the stored row, its public summary, and lookup by id or email. */
import type { UserRole, UserSummary, Viewer } from '@cairn/core/contract';
import { DomainError } from '@cairn/core/domain';
import { param, raw, type SqlFragment, sql } from '@cairn/core/sql';
import type { Session } from '../db/store';
import { isoOf } from './auth-time';

/** What deciding who a request is needs of a user row. */
export interface UserIdentity {
  id: string;
  email: string;
  display_name: string;
  role: UserRole;
  org_unit_id: string | null;
  rep_id: string | null;
  disabled_at: string | null;
}

export interface UserRow extends UserIdentity {
  created_at: string;
}

/** Every column but the password hash, which only sign-in reads. */
export const USER_COLUMNS = raw('id, email, display_name, role, org_unit_id, rep_id, created_at, disabled_at');

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toUserSummary(r: UserRow): UserSummary {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    orgUnitId: r.org_unit_id,
    repId: r.rep_id,
    createdAt: isoOf(r.created_at),
    disabledAt: r.disabled_at === null ? null : isoOf(r.disabled_at),
  };
}

export function toViewer(r: Pick<UserRow, 'id' | 'email' | 'role' | 'org_unit_id' | 'rep_id'>, via: Viewer['via']): Viewer {
  return { userId: r.id, email: r.email, role: r.role, orgUnitId: r.org_unit_id, repId: r.rep_id, via };
}

/** A user named by id or by email. */
export type UserRef = { id: string } | { email: string };

function whereRef(ref: UserRef): SqlFragment {
  return 'id' in ref ? sql`id = ${param(ref.id)}` : sql`email = ${param(normaliseEmail(ref.email))}`;
}

/** Finds a user on a store or inside a session's transaction. */
export async function findUser(db: Pick<Session, 'query'>, ref: UserRef): Promise<UserRow> {
  const rows = await db.query<UserRow>(sql`SELECT ${USER_COLUMNS} FROM app_user WHERE ${whereRef(ref)}`);
  const row = rows[0];
  if (!row) throw new DomainError('not_found', 'id' in ref ? `no user with id ${ref.id}` : `no user with email ${ref.email}`);
  return row;
}
