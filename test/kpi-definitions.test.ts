/**
 * A company defines its own KPI through the service the API calls: it is
 * validated with the whole catalog (every problem at once), stored as a
 * version that is never overwritten, computed like any standard KPI, and
 * served by the API to the roles that keep the catalog. On both engines.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '@cairn/core/domain';
import { param, sql } from '@cairn/core/sql';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../packages/server/src/auth/create-user';
import { buildApp } from '../packages/server/src/http/build-app';
import { defineKpi, readEffectiveCatalog } from '../packages/server/src/metrics/custom-kpis';
import { computeKpis } from '../packages/server/src/metrics/compute-kpis';
import { createAppContext } from '../packages/server/src/services/create-app-context';
import { createTestStore, type TestStore, testEngines } from '../test-support/test-stores';
import { importFixture, KPI_SETTINGS } from './metrics-support';
import { REPO_ROOT, runCli } from './support/run-cli';

const FIXTURE = readFileSync(join(REPO_ROOT, 'fixtures/kpi-definitions/large-deal-win-rate.yaml'), 'utf8');
/** The fixture's KPI with a threshold the test company's deals reach: 5,000.00. */
const DEFINITION = FIXTURE.replaceAll('10000000', '500000');
const PASSWORD = 'a long enough passphrase 42';

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof DomainError)) throw new Error(`expected a refusal, got ${String(e)}`);
  return e;
}

describe.each(testEngines())('KPI definitions through the service (%s)', (engine) => {
  let t: TestStore;

  beforeAll(async () => {
    t = await createTestStore(engine);
    await importFixture(t.store);
  }, 120_000);
  afterAll(async () => t?.dispose());

  it('refuses a definition with every problem listed, and writes nothing', async () => {
    const bad = DEFINITION.replace('safe_div(large_opps_won, large_opps_closed)', 'large_opps_won / no_such_measure').replace(
      'filter: is_won = true and amount_rc_minor',
      'filter: is_won = true and amount_zz',
    );
    const e = await refusal(defineKpi(t.store, { yaml: bad, actor: 'ops@test' }));
    expect(e.code).toBe('invalid_input');
    const paths = (e.details as { path: string; message: string }[]).map((d) => `${d.path}: ${d.message}`);
    expect(paths.some((p) => p.startsWith('saved:large_deal_win_rate@1:measures.large_opps_won') && p.includes('amount_zz'))).toBe(true);
    expect(paths.some((p) => p.startsWith('saved:large_deal_win_rate@1:kpis.large_deal_win_rate') && p.includes('no_such_measure'))).toBe(
      true,
    );
    expect(paths.length).toBeGreaterThanOrEqual(2);
    const [n] = await t.store.query<{ n: string }>(sql`SELECT COUNT(*) AS n FROM custom_kpi`);
    expect(Number(n?.n)).toBe(0);
  });

  it('refuses a standard-library id and a text without exactly one KPI', async () => {
    const standard = await refusal(
      defineKpi(t.store, { yaml: DEFINITION.replaceAll('large_deal_win_rate', 'win_rate'), actor: 'ops@test' }),
    );
    expect(standard.code).toBe('conflict');
    expect(standard.message).toContain('`win_rate` is a standard-library KPI');
    const none = await refusal(defineKpi(t.store, { yaml: 'measures: {}\n', actor: 'ops@test' }));
    expect(none.message).toBe('definition: holds 0 KPIs; give exactly one under `kpis:` (and the new measures it reads under `measures:`)');
  });

  it('stores a new KPI, computes it from its rows like any other, and keeps every version', async () => {
    const { kpi } = await defineKpi(t.store, { yaml: DEFINITION, actor: 'ops@test' });
    expect(kpi.id).toBe('large_deal_win_rate');
    const catalog = await readEffectiveCatalog(t.store);
    expect(catalog.kpis.has('large_deal_win_rate')).toBe(true);
    await computeKpis(t.store, KPI_SETTINGS, catalog, { from: '2024-01-01', to: '2025-01-01', kpiIds: ['large_deal_win_rate'] });
    // FY2024-Q1, deals of 5,000 or more: O1 won, O2 lost, O3 lost, O5 won, O6 won → 3 of 5.
    const [v] = await t.store.query<{ value: unknown; numerator: unknown; denominator: unknown; definition_version: unknown }>(
      sql`SELECT value, numerator, denominator, definition_version FROM kpi_value WHERE kpi_id = ${param('large_deal_win_rate')}
        AND node_kind = ${param('enterprise')} AND period_label = ${param('FY2024-Q1')}`,
    );
    expect([Number(v?.value), Number(v?.numerator), Number(v?.denominator), Number(v?.definition_version)]).toEqual([0.6, 3, 5, 1]);

    // The same version changed is refused; a raised version is stored beside the first.
    const changed = DEFINITION.replace('Big deals are won differently', 'Big deals differ');
    const again = await refusal(defineKpi(t.store, { yaml: changed, actor: 'ops@test' }));
    expect(again.message).toBe('KPI `large_deal_win_rate` is at version 1; save the change as version 2');
    await defineKpi(t.store, { yaml: changed.replace('version: 1', 'version: 2'), actor: 'ops@test' });
    const versions = await t.store.query<{ version: unknown; stored_by: string }>(
      sql`SELECT version, stored_by FROM kpi_definition WHERE kpi_id = ${param('large_deal_win_rate')} ORDER BY version`,
    );
    expect(versions.map((r) => [Number(r.version), r.stored_by])).toEqual([
      [1, 'ops@test'],
      [2, 'ops@test'],
    ]);
    expect((await readEffectiveCatalog(t.store)).kpis.get('large_deal_win_rate')?.version).toBe(2);
  });
});

describe.each(testEngines())('POST /api/v1/kpis (%s)', (engine) => {
  let t: TestStore;
  let app: FastifyInstance;
  const sessions = new Map<string, { cookie: string; csrf: string }>();

  beforeAll(async () => {
    t = await createTestStore(engine);
    await importFixture(t.store);
    const cairn = { store: t.store, settings: KPI_SETTINGS, config: {} as never, close: async () => undefined };
    app = await buildApp(createAppContext(cairn));
    for (const role of ['sales_ops', 'manager'] as const) {
      await createUser(
        t.store,
        { email: `${role}@kpi.test`, password: PASSWORD, role, ...(role === 'manager' ? { orgUnitId: 'T1' } : {}) },
        { actor: 'test', now: Date.now() },
      );
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: `${role}@kpi.test`, password: PASSWORD },
      });
      sessions.set(role, { cookie: r.cookies.find((c) => c.name === 'cairn_session')?.value ?? '', csrf: r.json().csrfToken });
    }
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const as = (role: string) => {
    const s = sessions.get(role);
    return { cookie: `cairn_session=${s?.cookie}`, 'x-csrf-token': s?.csrf ?? '' };
  };

  it('defines a KPI for sales ops, lists it at once, and refuses a manager', async () => {
    const refused = await app.inject({ method: 'POST', url: '/api/v1/kpis', headers: as('manager'), payload: { yaml: DEFINITION } });
    expect(refused.statusCode).toBe(403);
    const r = await app.inject({ method: 'POST', url: '/api/v1/kpis', headers: as('sales_ops'), payload: { yaml: DEFINITION } });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().definition).toMatchObject({ id: 'large_deal_win_rate', version: 1, status: 'pilot' });
    const listed = await app.inject({ method: 'GET', url: '/api/v1/kpis?q=large-deal', headers: as('manager') });
    const got = await app.inject({ method: 'GET', url: '/api/v1/kpis/large_deal_win_rate', headers: as('manager') });
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json().versions.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(listed.statusCode).toBe(200);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/kpis',
      headers: as('sales_ops'),
      payload: { yaml: 'kpis: {a: {}, b: {}}' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });
});

describe('cairn kpi define, then compute and explain it (duckdb, spawned CLI)', () => {
  let t: TestStore;
  let dir = '';
  beforeAll(async () => {
    t = await createTestStore('duckdb');
    await importFixture(t.store);
    // The CLI opens the file itself: a DuckDB file is open in one process only.
    await t.store.close();
    dir = mkdtempSync(join(tmpdir(), 'cairn-kpi-define-'));
  }, 120_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.dispose().catch(() => undefined);
  });

  it('defines the KPI from a file, computes it and explains its value', async () => {
    const file = join(dir, 'large-deal-win-rate.yaml');
    writeFileSync(file, DEFINITION);
    const env = { CAIRN_LOG_LEVEL: 'silent' };
    const defined = await runCli(['--db', t.location, 'kpi', 'define', file], env);
    expect(defined.code, defined.stderr).toBe(0);
    expect(defined.stdout).toBe(
      'defined large_deal_win_rate version 1 (pilot); run `cairn compute --kpi large_deal_win_rate` for its values\n',
    );
    const again = await runCli(['--db', t.location, 'kpi', 'define', file], env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('KPI `large_deal_win_rate` is at version 1; save the change as version 2');
    const computed = await runCli(
      ['--db', t.location, 'compute', '--kpi', 'large_deal_win_rate', '--from', '2024-01-01', '--to', '2025-01-01', '--no-scorecards'],
      env,
    );
    expect(computed.code, computed.stderr).toBe(0);
    const explained = await runCli(
      ['--db', t.location, '--json', 'kpi', 'explain', 'large_deal_win_rate', '--node', 'enterprise:ENT', '--period', 'FY2024-Q1'],
      env,
    );
    expect(explained.code, explained.stderr).toBe(0);
    const e = JSON.parse(explained.stdout) as { value: number; numerator: string; denominator: string; kpi: { version: number } };
    expect([e.value, Number(e.numerator), Number(e.denominator), e.kpi.version]).toEqual([0.6, 3, 5, 1]);
  }, 120_000);
});
