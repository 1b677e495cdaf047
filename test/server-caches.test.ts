/**
 * The server's read caches (services/data-stamp) never show a stale number:
 * a target override made through the API shows on the very next read; one
 * made by another process (here, the service called directly, as `cairn
 * target override` would) shows once the stamp is read again, within its
 * one-second age; and reads under the same stamp are served from the cache.
 * On both engines.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../packages/server/src/auth/create-user';
import { buildApp } from '../packages/server/src/http/build-app';
import { readKpiCatalog } from '../packages/server/src/metrics/read-kpi-catalog';
import { setTargetOverride } from '../packages/server/src/scorecards/set-target-override';
import { computeAll } from '../packages/server/src/services/compute-all';
import { createAppContext } from '../packages/server/src/services/create-app-context';
import { createTestStore, type TestStore, testEngines } from '../test-support/test-stores';
import { importFixture, KPI_SETTINGS } from './metrics-support';

const PASSWORD = 'a long enough passphrase 42';

interface KpiRow {
  kpiId: string;
  target: { value: number; source: string } | null;
}

describe.each(testEngines())('server read caches (%s)', (engine) => {
  let t: TestStore;
  let app: FastifyInstance;
  const session = { cookie: '', csrf: '' };

  beforeAll(async () => {
    t = await createTestStore(engine);
    await importFixture(t.store);
    await computeAll(t.store, KPI_SETTINGS, readKpiCatalog(), { from: '2024-01-01', to: '2025-01-01', scorecards: true, actor: 'test' });
    await createUser(t.store, { email: 'ops@cache.test', password: PASSWORD, role: 'sales_ops' }, { actor: 'test', now: Date.now() });
    const cairn = { store: t.store, settings: KPI_SETTINGS, config: {} as never, close: async () => undefined };
    const ctx = createAppContext(cairn);
    // As a server does after it listens: the company-wide caches fill before the first request.
    await ctx.warm?.();
    app = await buildApp(ctx);
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'ops@cache.test', password: PASSWORD } });
    expect(r.statusCode, r.body).toBe(200);
    session.cookie = r.cookies.find((c) => c.name === 'cairn_session')?.value ?? '';
    session.csrf = r.json().csrfToken;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const headers = () => ({ cookie: `cairn_session=${session.cookie}`, 'x-csrf-token': session.csrf });
  const winRate = async (period: string) => {
    const r = await app.inject({ method: 'GET', url: `/api/v1/scorecards/team:T1?period=${period}`, headers: headers() });
    expect(r.statusCode, r.body).toBe(200);
    const kpis = (r.json().scorecard.perspectives as { objectives: { kpis: KpiRow[] }[] }[]).flatMap((p) =>
      p.objectives.flatMap((o) => o.kpis),
    );
    return kpis.find((k) => k.kpiId === 'win_rate')?.target ?? null;
  };

  it('shows an override made through the API on the next read', async () => {
    const before = await winRate('FY2024-Q2');
    expect(before?.source).not.toBe('override');
    expect(await winRate('FY2024-Q2')).toEqual(before);
    const set = await app.inject({
      method: 'POST',
      url: '/api/v1/targets/overrides',
      headers: headers(),
      payload: { kpiId: 'win_rate', node: 'team:T1', period: 'FY2024-Q2', value: 0.5, reason: 'agreed with the VP' },
    });
    expect(set.statusCode, set.body).toBe(201);
    expect(await winRate('FY2024-Q2')).toMatchObject({ value: 0.5, source: 'override' });
  });

  it('shows an override made by another process once the stamp is read again (within a second)', async () => {
    const before = await winRate('FY2024-Q3');
    expect(before?.source).not.toBe('override');
    await setTargetOverride(t.store, KPI_SETTINGS, readKpiCatalog(), {
      kpiId: 'win_rate',
      node: 'T1',
      period: 'FY2024-Q3',
      value: 0.4,
      reason: 'set from the command line',
      actor: 'cli',
    });
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await winRate('FY2024-Q3')).toMatchObject({ value: 0.4, source: 'override' });
  });
});
