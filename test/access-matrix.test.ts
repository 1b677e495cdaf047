/**
 * The access matrix: every route, called as every role, against objects
 * inside and outside the caller's scope, on both engines. Out of scope never
 * answers 2xx; a role without the right gets 403; lists carry no row out of
 * scope. The matrix must name every route the app registers: a new route
 * added without an entry here fails the first test.
 *
 * The company is fixtures/company-kpi: ENT → DIV → REG → T1, T2. RA and RB
 * sit in T1; RD in T2; RC moved from T2 to T1 on 2024-04-01. The manager
 * manages T1; the rep is RA.
 */
import type { UserRole } from '@cairn/core/contract';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../packages/server/src/auth/create-user';
import { buildApp } from '../packages/server/src/http/build-app';
import { readKpiCatalog } from '../packages/server/src/metrics/read-kpi-catalog';
import { computeAll } from '../packages/server/src/services/compute-all';
import { createAppContext } from '../packages/server/src/services/create-app-context';
import { createTestStore, type TestStore, testEngines } from '../test-support/test-stores';
import { importFixture, KPI_SETTINGS } from './metrics-support';

const ROLES: readonly UserRole[] = ['admin', 'sales_ops', 'executive', 'manager', 'rep', 'finance', 'auditor'];
const PASSWORD = 'matrix password long enough';
const P = 'FY2024-Q2';

interface Session {
  cookie: string;
  csrf: string;
}

interface Call {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  payload?: object;
  contentType?: string;
  rawBody?: string;
}

/** The object a role's in-scope calls use, and one outside its scope (managers and reps only). */
const IN_SCOPE: Record<UserRole, string> = {
  admin: 'team:T1',
  sales_ops: 'team:T1',
  executive: 'team:T2',
  finance: 'region:REG',
  auditor: 'rep:RD',
  manager: 'team:T1',
  rep: 'rep:RA',
};
const OUT_OF_SCOPE: Partial<Record<UserRole, string[]>> = {
  manager: ['team:T2', 'rep:RD', 'region:REG', 'enterprise:ENT'],
  rep: ['rep:RB', 'team:T2', 'region:REG'],
};

interface Entry {
  /** `METHOD path` exactly as registered. */
  route: string;
  /** Which roles may use it (others get 403); `public` needs no sign-in. */
  allowed: readonly UserRole[] | 'public';
  /** The call for a role, for a node (in or out of its scope); null for routes with no node. */
  call(node: string): Call;
  /** Does the node decide access (so out-of-scope calls are tried)? */
  scoped: boolean;
  /** Statuses besides 2xx that count as an allowed answer (a 422 import report, a 404 for someone else's token). */
  okStatuses?: number[];
}

const ALL = ROLES;
const q = (node: string) => encodeURIComponent(node);

let importId = '';
let otherUserId = '';
let definedKpis = 0;

/** A KPI definition under a new id each call (every allowed role defines its own). */
const kpiDefinition = () => {
  const id = `matrix_kpi_${++definedKpis}`;
  return `kpis:
  ${id}:
    name: "Matrix KPI ${definedKpis}"
    description: "Net bookings, defined through the API by the access matrix."
    perspective: financial
    unit: currency
    direction: higher_is_better
    indicator: lagging
    frequency: monthly
    owner: "Sales operations"
    rationale: "Checks who may define KPIs."
    formula: "gross_bookings - cancelled_bookings"
    aggregation: additive
    status: pilot
    version: 1
    effective_from: 2024-01-01
`;
};

const MATRIX: Entry[] = [
  { route: 'GET /api/health', allowed: 'public', scoped: false, call: () => ({ method: 'GET', url: '/api/health' }) },
  { route: 'GET /api/openapi.json', allowed: 'public', scoped: false, call: () => ({ method: 'GET', url: '/api/openapi.json' }) },
  {
    route: 'POST /api/v1/auth/sign-in',
    allowed: 'public',
    scoped: false,
    okStatuses: [401],
    call: () => ({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'nobody@matrix.test', password: 'wrong password here' },
    }),
  },
  // Signing out without a session is harmless, so it is public.
  { route: 'POST /api/v1/auth/sign-out', allowed: 'public', scoped: false, call: () => ({ method: 'POST', url: '/api/v1/auth/sign-out' }) },
  { route: 'GET /api/v1/auth/me', allowed: ALL, scoped: false, call: () => ({ method: 'GET', url: '/api/v1/auth/me' }) },
  { route: 'GET /api/v1/auth/tokens', allowed: ALL, scoped: false, call: () => ({ method: 'GET', url: '/api/v1/auth/tokens' }) },
  {
    route: 'POST /api/v1/auth/tokens',
    allowed: ALL,
    scoped: false,
    call: () => ({ method: 'POST', url: '/api/v1/auth/tokens', payload: { name: 'matrix' } }),
  },
  {
    route: 'DELETE /api/v1/auth/tokens/:id',
    allowed: ALL,
    scoped: false,
    // Someone else's (or no) token: not found for everyone, never a 2xx.
    okStatuses: [404],
    call: () => ({ method: 'DELETE', url: '/api/v1/auth/tokens/00000000-0000-4000-8000-000000000000' }),
  },
  { route: 'GET /api/v1/users', allowed: ['admin'], scoped: false, call: () => ({ method: 'GET', url: '/api/v1/users' }) },
  {
    route: 'POST /api/v1/users',
    allowed: ['admin'],
    scoped: false,
    okStatuses: [201, 409],
    call: () => ({ method: 'POST', url: '/api/v1/users', payload: { email: 'new@matrix.test', password: PASSWORD, role: 'executive' } }),
  },
  {
    route: 'POST /api/v1/users/:id/disable',
    allowed: ['admin'],
    scoped: false,
    call: () => ({ method: 'POST', url: `/api/v1/users/${otherUserId}/disable` }),
  },
  {
    route: 'POST /api/v1/imports/:entity',
    allowed: ['admin', 'sales_ops'],
    scoped: false,
    // An empty file: refused (422) with a row-level report, which is an answer, not a denial.
    okStatuses: [422],
    call: () => ({
      method: 'POST',
      url: '/api/v1/imports/lead?file_name=leads.csv',
      contentType: 'text/csv',
      rawBody: 'id,source,created_at\n',
    }),
  },
  { route: 'GET /api/v1/imports', allowed: ['admin', 'sales_ops'], scoped: false, call: () => ({ method: 'GET', url: '/api/v1/imports' }) },
  {
    route: 'GET /api/v1/mappings',
    allowed: ['admin', 'sales_ops'],
    scoped: false,
    call: () => ({ method: 'GET', url: '/api/v1/mappings' }),
  },
  {
    route: 'GET /api/v1/imports/:id/rejects',
    allowed: ['admin', 'sales_ops'],
    scoped: false,
    call: () => ({ method: 'GET', url: `/api/v1/imports/${importId}/rejects` }),
  },
  {
    route: 'GET /api/v1/imports/:id/rejects.csv',
    allowed: ['admin', 'sales_ops'],
    scoped: false,
    call: () => ({ method: 'GET', url: `/api/v1/imports/${importId}/rejects.csv` }),
  },
  { route: 'GET /api/v1/kpis', allowed: ALL, scoped: false, call: () => ({ method: 'GET', url: '/api/v1/kpis?q=win' }) },
  { route: 'GET /api/v1/kpis/:id', allowed: ALL, scoped: false, call: () => ({ method: 'GET', url: '/api/v1/kpis/win_rate' }) },
  {
    route: 'GET /api/v1/kpis/:id/values',
    allowed: ALL,
    scoped: true,
    call: (n) => ({ method: 'GET', url: `/api/v1/kpis/win_rate/values?node=${q(n)}&grain=quarter` }),
  },
  {
    route: 'GET /api/v1/kpis/:id/explain',
    allowed: ALL,
    scoped: true,
    call: (n) => ({ method: 'GET', url: `/api/v1/kpis/win_rate/explain?node=${q(n)}&period=${P}` }),
  },
  {
    route: 'GET /api/v1/kpis/:id/breakdown',
    allowed: ALL,
    scoped: true,
    call: (n) => ({ method: 'GET', url: `/api/v1/kpis/win_rate/breakdown?node=${q(n)}&period=${P}&by=segment` }),
  },
  {
    route: 'GET /api/v1/annotations',
    allowed: ALL,
    scoped: true,
    call: (n) => ({ method: 'GET', url: `/api/v1/annotations?kpiId=win_rate&node=${q(n)}` }),
  },
  {
    route: 'POST /api/v1/annotations',
    allowed: ['admin', 'sales_ops', 'executive', 'manager', 'rep', 'finance'],
    scoped: true,
    call: (n) => ({ method: 'POST', url: '/api/v1/annotations', payload: { kpiId: 'win_rate', node: n, period: P, body: 'matrix note' } }),
  },
  { route: 'GET /api/v1/nodes', allowed: ALL, scoped: false, call: () => ({ method: 'GET', url: '/api/v1/nodes' }) },
  {
    route: 'GET /api/v1/scorecards/:node',
    allowed: ALL,
    scoped: true,
    call: (n) => ({ method: 'GET', url: `/api/v1/scorecards/${q(n)}?period=${P}` }),
  },
  {
    route: 'GET /api/v1/strategy-maps/:node',
    allowed: ALL,
    scoped: true,
    call: (n) => ({ method: 'GET', url: `/api/v1/strategy-maps/${q(n)}?period=${P}&format=svg` }),
  },
  {
    route: 'POST /api/v1/targets/overrides',
    allowed: ['admin', 'sales_ops', 'manager'],
    scoped: true,
    call: (n) => ({
      method: 'POST',
      url: '/api/v1/targets/overrides',
      payload: { kpiId: 'win_rate', node: n, period: P, value: 0.4, reason: 'matrix check' },
    }),
  },
  {
    route: 'POST /api/v1/kpis',
    allowed: ['admin', 'sales_ops'],
    scoped: false,
    call: () => ({ method: 'POST', url: '/api/v1/kpis', payload: { yaml: kpiDefinition() } }),
  },
  {
    route: 'POST /api/v1/targets/tolerances',
    allowed: ['admin', 'sales_ops'],
    scoped: false,
    call: () => ({
      method: 'POST',
      url: '/api/v1/targets/tolerances',
      payload: { regionId: 'REG', tolerancePp: 5, reason: 'matrix check' },
    }),
  },
];

/** Routes served by the API documentation page (swagger-ui): public, and only documentation. */
const DOCS_PREFIX = '/api/docs';

describe.each(testEngines())('access matrix (%s)', (engine) => {
  let t: TestStore;
  let app: FastifyInstance;
  const registered = new Set<string>();
  const sessions = new Map<UserRole, Session>();

  const send = (c: Call, s?: Session) =>
    app.inject({
      method: c.method,
      url: c.url,
      headers: {
        ...(s ? { cookie: `cairn_session=${s.cookie}`, 'x-csrf-token': s.csrf } : {}),
        ...(c.contentType ? { 'content-type': c.contentType } : {}),
      },
      ...(c.payload ? { payload: c.payload } : c.rawBody !== undefined ? { payload: c.rawBody } : {}),
    });

  beforeAll(async () => {
    t = await createTestStore(engine);
    await importFixture(t.store);
    await computeAll(t.store, KPI_SETTINGS, readKpiCatalog(), { from: '2024-01-01', to: '2025-01-01', scorecards: true, actor: 'test' });
    const cairn = { store: t.store, settings: KPI_SETTINGS, config: {} as never, close: async () => undefined };
    app = await buildApp(createAppContext(cairn), {
      onRoute: (r) => {
        for (const m of [r.method].flat()) if (m !== 'HEAD') registered.add(`${m} ${r.url}`);
      },
    });
    const at = { actor: 'test', now: Date.now() };
    for (const role of ROLES) {
      await createUser(
        t.store,
        {
          email: `${role}@matrix.test`,
          password: PASSWORD,
          role,
          ...(role === 'manager' ? { orgUnitId: 'T1' } : {}),
          ...(role === 'rep' ? { repId: 'RA' } : {}),
        },
        at,
      );
    }
    otherUserId = (await createUser(t.store, { email: 'other@matrix.test', password: PASSWORD, role: 'finance' }, at)).id;
    for (const role of ROLES) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: `${role}@matrix.test`, password: PASSWORD },
      });
      expect(r.statusCode, r.body).toBe(200);
      sessions.set(role, { cookie: r.cookies.find((c) => c.name === 'cairn_session')?.value ?? '', csrf: r.json().csrfToken });
    }
    const bad = await send(
      {
        method: 'POST',
        url: '/api/v1/imports/org_unit?mode=quarantine&file_name=q.csv',
        contentType: 'text/csv',
        rawBody: 'id,name,kind,parent_id\nZ,Zed,galaxy,ENT\n',
      },
      sessions.get('sales_ops'),
    );
    importId = bad.json().importId;
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  it('lists every registered route', () => {
    const listed = new Set(MATRIX.map((e) => e.route));
    const missing = [...registered].filter((r) => !listed.has(r) && !r.split(' ')[1]?.startsWith(DOCS_PREFIX));
    expect(missing, 'add these routes to the access matrix').toEqual([]);
    expect([...listed].filter((r) => !registered.has(r))).toEqual([]);
  });

  it('serves the API documentation to anyone, and only documentation', async () => {
    expect((await app.inject({ method: 'GET', url: `${DOCS_PREFIX}/json` })).statusCode).toBe(200);
    for (const r of registered) if (r.split(' ')[1]?.startsWith(DOCS_PREFIX)) expect(r.startsWith('GET ')).toBe(true);
  });

  it.each(MATRIX.map((e) => [e.route, e] as const))('%s: signed out', async (_route, e) => {
    const r = await send(e.call(IN_SCOPE.admin));
    if (e.allowed === 'public') expect(r.statusCode, r.body).toBeLessThan(500);
    else expect(r.statusCode, r.body).toBe(401);
  });

  it.each(MATRIX.filter((e) => e.allowed !== 'public').flatMap((e) => ROLES.map((role) => [e.route, role, e] as const)))(
    '%s as %s',
    async (_route, role, e) => {
      const s = sessions.get(role);
      const r = await send(e.call(IN_SCOPE[role]), s);
      const allowed = e.allowed !== 'public' && e.allowed.includes(role);
      if (allowed) expect([200, 201, 204, ...(e.okStatuses ?? [])], `${r.statusCode} ${r.body}`).toContain(r.statusCode);
      else expect(r.statusCode, r.body).toBe(403);
      if (e.scoped) {
        for (const node of OUT_OF_SCOPE[role] ?? []) {
          const out = await send(e.call(node), s);
          expect(out.statusCode, `${role} reached ${node}: ${out.body}`).toBe(403);
          expect(out.headers['content-type']).toContain('application/problem+json');
        }
      }
      // Signing out in the matrix must not end the session the other rows use.
      if (e.route === 'POST /api/v1/auth/sign-out') {
        const again = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          payload: { email: `${role}@matrix.test`, password: PASSWORD },
        });
        sessions.set(role, { cookie: again.cookies.find((c) => c.name === 'cairn_session')?.value ?? '', csrf: again.json().csrfToken });
      }
    },
  );

  it('lists only nodes in scope', async () => {
    const ids = async (role: UserRole) =>
      ((await send({ method: 'GET', url: '/api/v1/nodes?limit=200' }, sessions.get(role))).json().items as { kind: string; id: string }[])
        .map((n) => `${n.kind}:${n.id}`)
        .sort();
    // The rep: their own detail, their team and the enterprise as aggregates.
    expect(await ids('rep')).toEqual(['enterprise:ENT', 'rep:RA', 'team:T1']);
    const manager = await ids('manager');
    expect(manager).toContain('team:T1');
    expect(manager.filter((n) => ['team:T2', 'region:REG', 'rep:RD', 'enterprise:ENT'].includes(n))).toEqual([]);
  });

  it('shows a rep their team’s aggregate without the other reps in it', async () => {
    const r = await send({ method: 'GET', url: `/api/v1/scorecards/team%3AT1?period=${P}` }, sessions.get('rep'));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().children.map((c: { node: { id: string } }) => c.node.id)).toEqual(['RA']);
    // But not the rows behind it.
    const rows = await send({ method: 'GET', url: `/api/v1/kpis/win_rate/explain?node=team%3AT1&period=${P}` }, sessions.get('rep'));
    expect(rows.statusCode).toBe(403);
  });

  it('hides a rep’s months under another manager', async () => {
    const r = await send({ method: 'GET', url: '/api/v1/kpis/win_rate/values?node=rep%3ARC&grain=quarter' }, sessions.get('manager'));
    expect(r.statusCode, r.body).toBe(200);
    const periods = (r.json().points as { periodLabel: string }[]).map((p) => p.periodLabel);
    // RC won O6 in Q1 while in T2: not T1's manager's to see; from Q2 on he is in T1.
    expect(periods).not.toContain('FY2024-Q1');
    expect(periods).toContain('FY2024-Q2');
  });
});
