import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from '@cairn/core/sql';
import { createTestStore, type TestStore, testEngines } from '../../../../test-support/test-stores';
import { type AuthPolicy, DEFAULT_AUTH_POLICY } from '../auth/auth-policy';
import { createAuthContext } from '../auth/create-auth-context';
import { createUser } from '../auth/create-user';
import { sha256Hex } from '../auth/secret-tokens';
import { readCompanySettings } from '../db/company-settings';
import { createAppContext } from '../services/create-app-context';
import type { Cairn } from '../services/open-cairn';
import { buildApp } from './build-app';

const MINUTE = 60_000;
const ADMIN = { email: 'ada@example.com', password: 'correct horse battery staple' };
const REP = { email: 'rex@example.com', password: 'rex-password-1234' };
const MANAGER = { email: 'meg@example.com', password: 'meg-password-1234' };
const POLICY: AuthPolicy = { ...DEFAULT_AUTH_POLICY, maxFailuresPerClient: 8 };

interface Signed {
  cookie: string;
  csrf: string;
  userId: string;
}

describe.each(testEngines())('authentication over HTTP on %s', (engine) => {
  let t: TestStore;
  let app: FastifyInstance;
  let cairn: Cairn;
  let now = Date.parse('2026-03-02T09:00:00Z');
  const logLines: string[] = [];
  let client = 0;
  /** Each test signs in from its own address, so per-client throttling of one test does not reach another. */
  let address = '';

  const inject = (opts: {
    method: 'GET' | 'POST' | 'DELETE';
    url: string;
    cookie?: string;
    csrf?: string;
    bearer?: string;
    payload?: object;
  }) =>
    app.inject({
      method: opts.method,
      url: opts.url,
      remoteAddress: address,
      headers: {
        ...(opts.cookie ? { cookie: `cairn_session=${opts.cookie}` } : {}),
        ...(opts.csrf ? { 'x-csrf-token': opts.csrf } : {}),
        ...(opts.bearer ? { authorization: `Bearer ${opts.bearer}` } : {}),
      },
      ...(opts.payload ? { payload: opts.payload } : {}),
    });

  /** A POST as someone: a session (cookie and CSRF token, either left out to test its absence) or an API token. */
  const post = (url: string, as: { cookie?: string; csrf?: string; bearer?: string }, payload?: object) =>
    inject({ method: 'POST', url, cookie: as.cookie, csrf: as.csrf, bearer: as.bearer, ...(payload ? { payload } : {}) });

  const signIn = (who: { email: string; password: string }) =>
    inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: who.email, password: who.password } });

  async function signedIn(who: { email: string; password: string }): Promise<Signed> {
    const r = await signIn(who);
    expect(r.statusCode, r.body).toBe(200);
    const cookie = r.cookies.find((c) => c.name === 'cairn_session');
    if (!cookie) throw new Error('no session cookie');
    return { cookie: cookie.value, csrf: r.json().csrfToken, userId: r.json().viewer.userId };
  }

  async function newToken(by: Signed, name = 'integration', userId?: string): Promise<{ id: string; token: string }> {
    const r = await post('/api/v1/auth/tokens', by, { name, ...(userId ? { userId } : {}) });
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  }

  beforeAll(async () => {
    t = await createTestStore(engine);
    await t.store.query(
      sql`INSERT INTO org_unit (id, name, kind, parent_id) VALUES ('E', 'Enterprise', 'enterprise', NULL), ('T1', 'Team One', 'team', 'E')`,
    );
    await t.store.query(sql`INSERT INTO rep (id, name, role) VALUES ('R1', 'Rex Rep', 'AE')`);
    const at = { actor: 'test', now };
    await createUser(t.store, { ...ADMIN, role: 'admin' }, at);
    await createUser(t.store, { ...REP, role: 'rep', repId: 'R1' }, at);
    await createUser(t.store, { ...MANAGER, role: 'manager', orgUnitId: 'T1' }, at);
    cairn = { store: t.store, settings: await readCompanySettings(t.store), config: {} as never, close: async () => undefined };
    const ctx = { ...createAppContext(cairn, 'tester'), auth: createAuthContext(t.store, POLICY, () => now) };
    const stream = { write: (line: string) => logLines.push(line) };
    app = await buildApp(ctx, { logger: { level: 'info', stream } });
  });
  afterAll(async () => {
    await app.close();
    await t.dispose();
  });
  beforeEach(() => {
    client++;
    address = `10.0.0.${client}`;
  });

  it('signs in with an HttpOnly SameSite=Strict cookie and answers who is signed in', async () => {
    const r = await signIn(ADMIN);
    expect(r.statusCode).toBe(200);
    const cookie = r.cookies.find((c) => c.name === 'cairn_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.value.length).toBeGreaterThanOrEqual(43);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.json()).toMatchObject({ viewer: { email: ADMIN.email, role: 'admin', via: 'session' }, idleTimeoutMinutes: 30 });
    const me = await inject({ method: 'GET', url: '/api/v1/auth/me', cookie: cookie?.value ?? '' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ viewer: { email: ADMIN.email }, csrfToken: r.json().csrfToken });
    const rows = await t.store.query<{ id_hash: string }>(sql`SELECT id_hash FROM user_session`);
    expect(rows.map((x) => x.id_hash)).toContain(sha256Hex(cookie?.value ?? ''));
    expect(JSON.stringify(rows)).not.toContain(cookie?.value);
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const secureApp = await buildApp(createAppContext(cairn, 't'), { trustProxy: true });
    const r = await secureApp.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      remoteAddress: address,
      headers: { 'x-forwarded-proto': 'https' },
      payload: ADMIN,
    });
    await secureApp.close();
    expect(r.cookies.find((c) => c.name === 'cairn_session')).toMatchObject({ secure: true, httpOnly: true });
  });

  it('answers a request without credentials with 401 problem+json saying how to sign in; health stays public', async () => {
    const r = await inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(r.statusCode).toBe(401);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.headers['www-authenticate']).toContain('Bearer');
    expect(r.json().detail).toMatch(/^sign in first: POST \/api\/v1\/auth\/sign-in/);
    expect((await inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('gives a wrong password and an unknown email the same 401', async () => {
    const wrong = await signIn({ email: ADMIN.email, password: 'not the password at all' });
    const unknown = await signIn({ email: 'nobody@example.com', password: 'not the password at all' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.cookies).toEqual([]);
  });

  it('throttles an email after 5 failures with 429 and Retry-After, even for the right password, until the window passes', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn({ email: MANAGER.email, password: `wrong guess ${i}` })).statusCode).toBe(401);
    const blocked = await signIn(MANAGER);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['content-type']).toContain('application/problem+json');
    expect(Number(blocked.headers['retry-after'])).toBe(15 * 60);
    // From another address too: the limit is per email.
    address = '10.1.1.1';
    expect((await signIn(MANAGER)).statusCode).toBe(429);
    now += 15 * MINUTE;
    expect((await signIn(MANAGER)).statusCode).toBe(200);
  });

  it('forgives an email its failures after a successful sign-in', async () => {
    for (let i = 0; i < 4; i++) expect((await signIn({ email: REP.email, password: `wrong guess ${i}` })).statusCode).toBe(401);
    expect((await signIn(REP)).statusCode).toBe(200);
    // Another address, so the client's own count (which a success does not clear) stays under its limit.
    address = '10.2.2.2';
    for (let i = 0; i < 4; i++) expect((await signIn({ email: REP.email, password: `wrong guess ${i}` })).statusCode).toBe(401);
    expect((await signIn(REP)).statusCode).toBe(200);
  });

  it('throttles one client address trying many emails', async () => {
    for (let i = 0; i < 8; i++) expect((await signIn({ email: `guess${i}@example.com`, password: 'whatever-it-is' })).statusCode).toBe(401);
    const blocked = await signIn(ADMIN);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    now += 15 * MINUTE;
  });

  it('ends a session after 30 minutes without a request, and keeps an active one alive', async () => {
    const s = await signedIn(ADMIN);
    now += 29 * MINUTE;
    expect((await inject({ method: 'GET', url: '/api/v1/auth/me', cookie: s.cookie })).statusCode).toBe(200);
    now += 29 * MINUTE;
    expect((await inject({ method: 'GET', url: '/api/v1/auth/me', cookie: s.cookie })).statusCode).toBe(200);
    now += 30 * MINUTE;
    const idle = await inject({ method: 'GET', url: '/api/v1/auth/me', cookie: s.cookie });
    expect(idle.statusCode).toBe(401);
    expect(idle.json().detail).toMatch(/inactivity/);
    expect(idle.cookies.find((c) => c.name === 'cairn_session')?.value).toBe('');
  });

  it('ends a session at the absolute limit of 12 hours however active it is', async () => {
    const s = await signedIn(ADMIN);
    const started = now;
    while (now + 20 * MINUTE < started + 12 * 60 * MINUTE) {
      now += 20 * MINUTE;
      expect((await inject({ method: 'GET', url: '/api/v1/auth/me', cookie: s.cookie })).statusCode).toBe(200);
    }
    now = started + 12 * 60 * MINUTE;
    const r = await inject({ method: 'GET', url: '/api/v1/auth/me', cookie: s.cookie });
    expect(r.statusCode).toBe(401);
    expect(r.json().detail).toMatch(/time limit/);
  });

  it('signs out: the cookie stops working', async () => {
    const s = await signedIn(REP);
    expect((await inject({ method: 'POST', url: '/api/v1/auth/sign-out', cookie: s.cookie })).statusCode).toBe(403);
    const out = await post('/api/v1/auth/sign-out', s);
    expect(out.statusCode).toBe(204);
    expect((await inject({ method: 'GET', url: '/api/v1/auth/me', cookie: s.cookie })).statusCode).toBe(401);
  });

  it('ends the session a browser held when it signs in again', async () => {
    const first = await signedIn(REP);
    const again = await post('/api/v1/auth/sign-in', { cookie: first.cookie }, ADMIN);
    expect(again.json().viewer.email).toBe(ADMIN.email);
    expect((await inject({ method: 'GET', url: '/api/v1/auth/me', cookie: first.cookie })).statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated POST without the right CSRF token, and takes a bearer token without one', async () => {
    const admin = await signedIn(ADMIN);
    const missing = await inject({ method: 'POST', url: '/api/v1/auth/tokens', cookie: admin.cookie, payload: { name: 'x' } });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().detail).toMatch(/x-csrf-token/);
    const wrong = await post('/api/v1/auth/tokens', { cookie: admin.cookie, csrf: `${admin.csrf}x` }, { name: 'x' });
    expect(wrong.statusCode).toBe(403);
    const other = await signedIn(ADMIN);
    const foreign = await post('/api/v1/auth/tokens', { cookie: admin.cookie, csrf: other.csrf }, { name: 'x' });
    expect(foreign.statusCode).toBe(403);
    const { token } = await newToken(admin, 'provisioning');
    const viaToken = await post(
      '/api/v1/users',
      { bearer: token },
      { email: 'fin@example.com', role: 'finance', password: 'finance-pass-123' },
    );
    expect(viaToken.statusCode, viaToken.body).toBe(201);
    expect(viaToken.json()).toMatchObject({ email: 'fin@example.com', role: 'finance', disabledAt: null });
  });

  it('shows a token once, stores only its hash, lists it without the secret, and revokes it', async () => {
    const rep = await signedIn(REP);
    const created = await newToken(rep, 'crm sync');
    expect(created.token).toMatch(/^cairn_[A-Za-z0-9_-]{43}$/);
    const stored = await t.store.query(sql`SELECT * FROM api_token`);
    expect(JSON.stringify(stored)).not.toContain(created.token);
    expect(JSON.stringify(stored)).toContain(sha256Hex(created.token));
    const me = await inject({ method: 'GET', url: '/api/v1/auth/me', bearer: created.token });
    expect(me.json()).toMatchObject({ viewer: { email: REP.email, role: 'rep', repId: 'R1', via: 'token' }, csrfToken: null });
    const list = await inject({ method: 'GET', url: '/api/v1/auth/tokens', cookie: rep.cookie });
    expect(list.json().items).toEqual([expect.objectContaining({ id: created.id, name: 'crm sync', prefix: created.token.slice(0, 10) })]);
    expect(list.body).not.toContain(created.token);
    const minted = await post('/api/v1/auth/tokens', { bearer: created.token }, { name: 'another' });
    expect(minted.statusCode).toBe(403);
    const revoked = await inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${created.id}`, cookie: rep.cookie, csrf: rep.csrf });
    expect(revoked.statusCode).toBe(204);
    expect((await inject({ method: 'GET', url: '/api/v1/auth/me', bearer: created.token })).statusCode).toBe(401);
    expect((await inject({ method: 'GET', url: '/api/v1/auth/me', bearer: 'cairn_not-a-real-token' })).statusCode).toBe(401);
  });

  it('keeps tokens and users to their owner: a non-admin gets 403 on user administration and on others’ tokens', async () => {
    const rep = await signedIn(REP);
    const admin = await signedIn(ADMIN);
    const adminToken = await newToken(admin, 'admin tool');
    expect((await inject({ method: 'GET', url: '/api/v1/users', cookie: rep.cookie, csrf: rep.csrf })).statusCode).toBe(403);
    const add = await post('/api/v1/users', rep, { email: 'x@example.com', role: 'admin', password: 'sneaky-admin-123' });
    expect(add.statusCode).toBe(403);
    expect(add.headers['content-type']).toContain('application/problem+json');
    expect((await post(`/api/v1/users/${admin.userId}/disable`, rep)).statusCode).toBe(403);
    expect(
      (await inject({ method: 'GET', url: `/api/v1/auth/tokens?user_id=${admin.userId}`, cookie: rep.cookie, csrf: rep.csrf })).statusCode,
    ).toBe(403);
    expect(
      (await inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${adminToken.id}`, cookie: rep.cookie, csrf: rep.csrf })).statusCode,
    ).toBe(404);
    const users = await inject({ method: 'GET', url: '/api/v1/users?limit=2', cookie: admin.cookie });
    expect(users.statusCode).toBe(200);
    expect(users.json()).toMatchObject({ limit: 2, offset: 0 });
    expect(users.json().items).toHaveLength(2);
    expect(users.json().total).toBeGreaterThanOrEqual(3);
    expect(users.body).not.toMatch(/password|argon2/);
  });

  it('validates a new user and reports every problem at once', async () => {
    const admin = await signedIn(ADMIN);
    const r = await post('/api/v1/users', admin, { email: 'not-an-email', role: 'manager', password: 'short', repId: 'R1' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { path: string }) => e.path)).toEqual(['email', 'password', 'orgUnitId', 'repId']);
    const dup = await post('/api/v1/users', admin, {
      email: ` ${REP.email.toUpperCase()} `,
      role: 'executive',
      password: 'long-enough-pass',
    });
    expect(dup.statusCode).toBe(409);
    const team = await post('/api/v1/users', admin, {
      email: 'mo@example.com',
      role: 'manager',
      orgUnitId: 'NOPE',
      password: 'long-enough-pass',
    });
    expect(team.json().errors).toEqual([{ path: 'orgUnitId', message: 'no org unit NOPE' }]);
  });

  it('disabling a user ends their live session and silences their token at once', async () => {
    const admin = await signedIn(ADMIN);
    await post('/api/v1/users', admin, { email: 'sam@example.com', role: 'sales_ops', password: 'sales-ops-pass-1' });
    const sam = await signedIn({ email: 'sam@example.com', password: 'sales-ops-pass-1' });
    const samToken = await newToken(admin, 'sam integration', sam.userId);
    expect((await inject({ method: 'GET', url: '/api/v1/auth/me', bearer: samToken.token })).statusCode).toBe(200);
    const off = await post(`/api/v1/users/${sam.userId}/disable`, admin);
    expect(off.statusCode).toBe(200);
    expect(off.json().disabledAt).not.toBeNull();
    expect((await inject({ method: 'GET', url: '/api/v1/auth/me', cookie: sam.cookie })).statusCode).toBe(401);
    expect((await inject({ method: 'GET', url: '/api/v1/auth/me', bearer: samToken.token })).statusCode).toBe(401);
    expect((await signIn({ email: 'sam@example.com', password: 'sales-ops-pass-1' })).statusCode).toBe(401);
    const self = await post(`/api/v1/users/${admin.userId}/disable`, admin);
    expect(self.statusCode).toBe(409);
  });

  it('logs each denied request once, marked security, and never a password, session id, CSRF token or API token', async () => {
    logLines.length = 0;
    const admin = await signedIn(ADMIN);
    const { token } = await newToken(admin, 'log check');
    const rep = await signedIn(REP);
    const denied = [
      await signIn({ email: ADMIN.email, password: `${ADMIN.password}!` }),
      await inject({ method: 'GET', url: '/api/v1/auth/me' }),
      await post('/api/v1/auth/tokens', { cookie: admin.cookie, csrf: 'forged' }, { name: 'x' }),
      await inject({ method: 'GET', url: '/api/v1/users', cookie: rep.cookie }),
      await inject({ method: 'GET', url: '/api/v1/auth/me', bearer: `${token.slice(0, -2)}xx` }),
    ];
    expect(denied.map((r) => r.statusCode)).toEqual([401, 401, 403, 403, 401]);
    await inject({ method: 'GET', url: '/api/v1/auth/me', cookie: admin.cookie, bearer: token });
    const text = logLines.join('');
    for (const secret of [ADMIN.password, REP.password, admin.cookie, rep.cookie, admin.csrf, rep.csrf, token, token.slice(6)]) {
      expect(text).not.toContain(secret);
    }
    const security = logLines.map((l) => JSON.parse(l)).filter((l) => l.security === true);
    expect(security.map((l) => [l.level, l.status, l.reason])).toEqual([
      [40, 401, 'unauthenticated'],
      [40, 401, 'no_credentials'],
      [40, 403, 'csrf_token_wrong'],
      [40, 403, 'forbidden'],
      [40, 401, 'token_unknown'],
    ]);
    expect(security[2]).toMatchObject({ method: 'POST', url: '/api/v1/auth/tokens', userId: admin.userId });
    expect(security[3]).toMatchObject({ userId: rep.userId });
    expect(security.every((l) => typeof l.reqId === 'string')).toBe(true);
  });
});
