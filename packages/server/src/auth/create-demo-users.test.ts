import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_ROLES } from '@cairn/core/contract';
import { param, sql } from '@cairn/core/sql';
import { createTestStore, type TestStore, testEngines } from '../../../../test-support/test-stores';
import { readCompanySettings } from '../db/company-settings';
import { loadDemo } from '../services/load-demo';
import { DEFAULT_AUTH_POLICY } from './auth-policy';
import { createDemoUsers } from './create-demo-users';
import { signIn } from './sign-in';

describe.each(testEngines())('demo sign-ins on %s', (engine) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(engine);
  });
  afterAll(async () => t.dispose());

  it('creates none on a store that does not hold the demo company', async () => {
    expect(await createDemoUsers(t.store)).toEqual([]);
  });

  it('creates one sign-in per role on the demo company: the manager leads a team with reps, the rep is on it', async () => {
    await loadDemo({ store: t.store, settings: await readCompanySettings(t.store) }, { size: 'tiny', seed: 1 });
    const now = Date.parse('2026-03-02T09:00:00Z');
    const demo = await createDemoUsers(t.store, { now });
    expect(demo.map((d) => d.role)).toEqual([...USER_ROLES]);
    expect(demo.every((d) => d.created)).toBe(true);
    const manager = await signIn(
      t.store,
      DEFAULT_AUTH_POLICY,
      { email: demo[3]?.email ?? '', password: demo[3]?.password ?? '', client: 't' },
      now,
    );
    const rep = await signIn(
      t.store,
      DEFAULT_AUTH_POLICY,
      { email: demo[4]?.email ?? '', password: demo[4]?.password ?? '', client: 't' },
      now,
    );
    expect(manager.viewer.role).toBe('manager');
    const [team] = await t.store.query<{ kind: string; reps: string | number }>(
      sql`SELECT o.kind, (SELECT COUNT(*) FROM rep_assignment a WHERE a.org_unit_id = o.id AND a.valid_to IS NULL) AS reps
        FROM org_unit o WHERE o.id = ${param(manager.viewer.orgUnitId)}`,
    );
    expect(team?.kind).toBe('team');
    expect(Number(team?.reps)).toBeGreaterThan(1);
    const [onTeam] = await t.store.query(
      sql`SELECT 1 AS x FROM rep_assignment WHERE rep_id = ${param(rep.viewer.repId)} AND org_unit_id = ${param(manager.viewer.orgUnitId)} AND valid_to IS NULL`,
    );
    expect(onTeam).toBeDefined();
    const again = await createDemoUsers(t.store, { now });
    expect(again.map((d) => d.created)).toEqual(USER_ROLES.map(() => false));
  });
});
