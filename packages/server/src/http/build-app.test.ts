import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore, testEngines } from '../../../../test-support/test-stores';
import { createApiToken } from '../auth/create-api-token';
import { createUser } from '../auth/create-user';
import { readCompanySettings } from '../db/company-settings';
import { createAppContext } from '../services/create-app-context';
import { buildApp } from './build-app';

const ORG = 'id,name,kind,parent_id\nE,Enterprise,enterprise,\nD1,Division One,division,E\n';
const BAD = 'id,name,kind,parent_id\nE,Enterprise,enterprise,\nX,=HYPERLINK("http://evil"),team,E\nY,Why,galaxy,E\n';

describe.each(testEngines())('HTTP API on %s', (engine) => {
  let t: TestStore;
  let app: FastifyInstance;
  let token = '';
  const auth = () => ({ authorization: `Bearer ${token}` });
  beforeAll(async () => {
    t = await createTestStore(engine);
    const settings = await readCompanySettings(t.store);
    const cairn = { store: t.store, settings, config: {} as never, close: async () => undefined };
    app = await buildApp(createAppContext(cairn, 'tester'));
    // Imports need a signed-in role that may import: a sales-ops user's API token.
    const ops = await createUser(
      t.store,
      { email: 'ops@example.com', password: 'a long enough password', role: 'sales_ops' },
      { actor: 'test', now: Date.now() },
    );
    token = (await createApiToken(t.store, { userId: ops.id, name: 'test', createdBy: 'test' }, Date.now())).token;
  });
  afterAll(async () => {
    await app.close();
    await t.dispose();
  });

  it('answers health with the store and settings', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'ok', reportingCurrency: 'USD' });
  });

  it('imports an uploaded CSV and is idempotent on the second upload', async () => {
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/org_unit?file_name=org.csv',
      headers: { 'content-type': 'text/csv', ...auth() },
      payload: ORG,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'committed', inserted: 2, updated: 0, file: 'org.csv' });
    const second = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/org_unit?file_name=org.csv',
      headers: { 'content-type': 'text/csv', ...auth() },
      payload: ORG,
    });
    expect(second.json()).toMatchObject({ status: 'committed', inserted: 0, updated: 0, unchanged: 2 });
  });

  it('takes a multipart upload (the file in a part, its name from the part) and reports errors by row the same way', async () => {
    const multipart = async (text: string, name: string) => {
      const form = new FormData();
      form.append('file', new Blob([text], { type: 'text/csv' }), name);
      const encoded = new Response(form);
      return {
        headers: { 'content-type': encoded.headers.get('content-type') ?? '', ...auth() },
        payload: Buffer.from(await encoded.arrayBuffer()),
      };
    };
    const ok = await app.inject({ method: 'POST', url: '/api/v1/imports/org_unit', ...(await multipart(ORG, 'org-units.csv')) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'committed', file: 'org-units.csv' });
    const bad = await app.inject({ method: 'POST', url: '/api/v1/imports/org_unit?mode=atomic', ...(await multipart(BAD, 'bad-org.csv')) });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { file: string; line: number }) => [e.file, e.line])).toEqual([
      ['bad-org.csv', 3],
      ['bad-org.csv', 4],
    ]);
    const empty = new FormData();
    empty.append('mode', 'atomic');
    const encoded = new Response(empty);
    const none = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/org_unit',
      headers: { 'content-type': encoded.headers.get('content-type') ?? '', ...auth() },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().detail).toContain('no file part');
  });

  it('refuses a malformed upload with row-level errors and writes nothing', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/org_unit?file_name=bad.csv',
      headers: { 'content-type': 'text/csv', ...auth() },
      payload: BAD,
    });
    expect(r.statusCode).toBe(422);
    const body = r.json();
    expect(body.status).toBe('rejected');
    expect(body.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
      [3, 'name'],
      [4, 'kind'],
    ]);
    const log = await app.inject({ method: 'GET', url: '/api/v1/imports?limit=10', headers: auth() });
    expect(log.json().items[0]).toMatchObject({ file_name: 'bad.csv', status: 'rejected', inserted: '0' });
  });

  it('answers unknown entities and bad parameters with problem+json', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/planet?mode=sometimes',
      headers: { 'content-type': 'text/csv', ...auth() },
      payload: ORG,
    });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().detail).toMatch(/fix the request/);
    const missing = await app.inject({ method: 'GET', url: '/api/v1/nothing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().type).toBe('urn:cairn:error:not_found');
  });

  it('refuses a mapping that is not a shipped mapping name', async () => {
    const path = join(tmpdir(), 'cairn-evil.yaml');
    writeFileSync(path, 'entity: org_unit\n');
    const r = await app.inject({
      method: 'POST',
      url: `/api/v1/imports/org_unit?mapping=${encodeURIComponent(path)}`,
      headers: { 'content-type': 'text/csv', ...auth() },
      payload: ORG,
    });
    expect(r.statusCode).toBe(400);
    expect(readFileSync(path, 'utf8')).toBe('entity: org_unit\n');
  });
});
