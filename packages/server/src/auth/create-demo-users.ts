/**
 * One sign-in per role on the demo company, with known passwords, so a
 * person trying Cairn can sign in as each. The manager leads a team that has
 * reps and the rep user is one of that team's reps, so both see real data.
 * Only a store holding the demo company gets them: the known passwords must
 * never reach a real one.
 */
import { USER_ROLES, type UserRole } from '@cairn/core/contract';
import { assertNever } from '@cairn/core/domain';
import { param, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';
import { createUser } from './create-user';

export interface DemoSignIn {
  role: UserRole;
  email: string;
  password: string;
  /** False when the user was there already (and kept as it was). */
  created: boolean;
}

/** The demo company's enterprise, as the generator names it (core/demo/build-organisation.ts). */
const DEMO_ENTERPRISE = { id: 'ent', name: 'Summit Systems' };

export function demoEmail(role: UserRole): string {
  return `${role.replace(/_/g, '-')}@summit.example`;
}

export function demoPassword(role: UserRole): string {
  return `demo-${role.replace(/_/g, '-')}-cairn`;
}

/** A current team with active reps, and one of them (an AE where there is one). */
async function demoTeamAndRep(store: Store): Promise<{ team: string; rep: string } | null> {
  const rows = await store.query<{ org_unit_id: string; rep_id: string }>(
    sql`SELECT a.org_unit_id, a.rep_id FROM rep_assignment a
      JOIN org_unit o ON o.id = a.org_unit_id JOIN rep r ON r.id = a.rep_id
      WHERE o.kind = 'team' AND a.valid_to IS NULL AND r.end_date IS NULL AND r.role <> 'manager'
      ORDER BY a.org_unit_id, CASE WHEN r.role = 'AE' THEN 0 ELSE 1 END, a.rep_id LIMIT 1`,
  );
  const row = rows[0];
  return row ? { team: row.org_unit_id, rep: row.rep_id } : null;
}

export async function isDemoCompany(store: Store): Promise<boolean> {
  const rows = await store.query(
    sql`SELECT 1 AS x FROM org_unit WHERE id = ${param(DEMO_ENTERPRISE.id)} AND name = ${param(DEMO_ENTERPRISE.name)} AND kind = 'enterprise'`,
  );
  return rows.length > 0;
}

/** Creates the demo sign-ins that are missing; returns all of them, or none when the store does not hold the demo company. */
export async function createDemoUsers(store: Store, opts: { now?: number } = {}): Promise<DemoSignIn[]> {
  if (!(await isDemoCompany(store))) return [];
  const place = await demoTeamAndRep(store);
  if (!place) return [];
  const now = opts.now ?? Date.now();
  const existing = new Set((await store.query<{ email: string }>(sql`SELECT email FROM app_user`)).map((r) => r.email));
  const out: DemoSignIn[] = [];
  for (const role of USER_ROLES) {
    const email = demoEmail(role);
    const password = demoPassword(role);
    const created = !existing.has(email);
    if (created) {
      // A rep user is named after their rep; the others after their role.
      const name = role === 'rep' ? {} : { displayName: `Demo ${role.replace(/_/g, ' ')}` };
      await createUser(store, { email, role, password, ...name, ...attachment(role, place) }, { actor: 'demo', now });
    }
    out.push({ role, email, password, created });
  }
  return out;
}

function attachment(role: UserRole, place: { team: string; rep: string }): { orgUnitId?: string; repId?: string } {
  switch (role) {
    case 'manager':
      return { orgUnitId: place.team };
    case 'rep':
      return { repId: place.rep };
    case 'admin':
    case 'sales_ops':
    case 'executive':
    case 'finance':
    case 'auditor':
      return {};
    default:
      return assertNever(role);
  }
}
