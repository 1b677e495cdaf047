/**
 * The web app in a real Chromium (Debian's, driven by playwright-core) against
 * the real server on the demo company, signed in with the demo sign-ins that
 * `npm start` prints. Three journeys:
 *  - a manager opens the team scorecard, drills to a rep, opens a KPI, its
 *    explain rows, adds an annotation and sees it, and exports CSV;
 *  - a rep tries another rep's URL and gets a clear "not allowed" page;
 *  - sales ops uploads a malformed file and sees the errors by row.
 * Every page visited is saved under test-output/screenshots/. Under CI the
 * suite is mandatory (.ci/run installs Chromium); elsewhere it runs when
 * /usr/bin/chromium (or $CAIRN_CHROMIUM) exists.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { strFromU8, unzipSync } from 'fflate';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { param, sql } from '@cairn/core/sql';
import { createDemoUsers, type DemoSignIn } from '../../packages/server/src/auth/create-demo-users';
import { readCompanySettings } from '../../packages/server/src/db/company-settings';
import { buildApp } from '../../packages/server/src/http/build-app';
import { readKpiCatalog } from '../../packages/server/src/metrics/read-kpi-catalog';
import { computeAll } from '../../packages/server/src/services/compute-all';
import { createAppContext } from '../../packages/server/src/services/create-app-context';
import { loadDemo } from '../../packages/server/src/services/load-demo';
import { createTestStore, type TestStore } from '../../test-support/test-stores';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WEB_ROOT = join(ROOT, 'packages/web/dist');
const SHOTS = join(ROOT, 'test-output/screenshots');
const CHROMIUM = process.env.CAIRN_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const runnable = process.env.CI === 'true' || existsSync(CHROMIUM);

describe.runIf(runnable)('web journeys in Chromium (duckdb, demo company)', () => {
  let t: TestStore;
  let app: FastifyInstance;
  let browser: Browser;
  let base = '';
  let signIns: DemoSignIn[] = [];

  beforeAll(async () => {
    if (!existsSync(join(WEB_ROOT, 'index.html'))) throw new Error('the web app is not built: run `npm run build:web` (npm test does)');
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`);
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestStore('duckdb');
    const settings = await readCompanySettings(t.store);
    const cairn = { store: t.store, settings, config: {} as never, close: async () => undefined };
    await loadDemo(cairn, { size: 'small' });
    await computeAll(t.store, settings, readKpiCatalog(), { scorecards: true, actor: 'test' });
    signIns = await createDemoUsers(t.store);
    app = await buildApp(createAppContext(cairn), { webRoot: WEB_ROOT });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.dispose();
  });

  const who = (role: DemoSignIn['role']) => {
    const s = signIns.find((x) => x.role === role);
    if (!s) throw new Error(`no demo sign-in for ${role}`);
    return s;
  };

  async function signedIn(role: DemoSignIn['role']): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true })).newPage();
    // Two shared cores under a full test run: give every step room rather than flake.
    page.setDefaultTimeout(60_000);
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Email').fill(who(role).email);
    await page.getByLabel('Password').fill(who(role).password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  it('a manager drills from the team scorecard to a rep, a KPI and its deals, annotates it and exports CSV', async () => {
    const page = await signedIn('manager');
    const [team] = await t.store.query<{ id: string; name: string }>(
      sql`SELECT o.id, o.name FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id WHERE u.email = ${param(who('manager').email)}`,
    );
    if (!team) throw new Error('the demo manager has no team');
    await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 20_000 }).toBe(team.name);
    await page.getByRole('region', { name: 'KPIs', exact: true }).first().waitFor();
    await shot(page, '01-manager-team-scorecard');

    // Drill to an account executive of the team.
    const [rep] = await t.store.query<{ name: string }>(
      sql`SELECT r.name FROM rep r JOIN rep_assignment a ON a.rep_id = r.id
        WHERE a.org_unit_id = ${param(team.id)} AND a.valid_to IS NULL AND r.role = ${param('AE')} ORDER BY r.name LIMIT 1`,
    );
    if (!rep) throw new Error(`team ${team.id} has no AE`);
    await page.getByRole('region', { name: 'Reps' }).getByRole('link', { name: rep.name }).click();
    await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 20_000 }).toBe(rep.name);
    await page.getByRole('region', { name: 'KPIs', exact: true }).first().waitFor();
    await shot(page, '02-manager-rep-scorecard');

    // The KPI, its trend and the deals behind it.
    await page.getByRole('region', { name: 'KPIs', exact: true }).first().getByRole('link', { name: 'Win rate', exact: true }).click();
    await page.getByRole('region', { name: 'Values' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Explain' }).click();
    const rows = page.getByRole('region', { name: /^Rows behind / }).first();
    await rows.waitFor({ timeout: 20_000 });
    expect(await rows.getByRole('row').count()).toBeGreaterThan(1);
    await shot(page, '03-manager-kpi-explain');

    // The value by product line: one row per line the team sold, each with its own wins over closes.
    const byLine = page.getByRole('region', { name: 'By product line' });
    await byLine.waitFor({ timeout: 20_000 });
    expect(await byLine.getByRole('row').count()).toBeGreaterThan(2);
    expect(await byLine.textContent()).toMatch(/%/);

    // An annotation appears on the chart's points and in the values table.
    const note = `Two big deals slipped to next quarter (${Date.now()})`;
    await page.getByLabel('Annotation').fill(note);
    await page.getByRole('button', { name: 'Add annotation' }).click();
    await page.getByText('Annotation added.').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByRole('region', { name: 'Values' }).textContent(), { timeout: 20_000 }).toContain(note);
    await shot(page, '04-manager-annotation');

    // Export the values as CSV.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('region', { name: 'Values' }).getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv.split('\n').length).toBeGreaterThan(2);
    expect(csv).toContain(note);
  }, 180_000);

  it('a rep who opens another rep’s scorecard gets a clear “not allowed” page', async () => {
    const page = await signedIn('rep');
    const [other] = await t.store.query<{ id: string }>(
      sql`SELECT r.id FROM rep r WHERE r.id <> (SELECT rep_id FROM app_user WHERE email = ${param(who('rep').email)}) ORDER BY r.id LIMIT 1`,
    );
    await page.goto(`${base}/scorecards/rep:${other?.id}?period=FY2025-Q2`);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('link', { name: 'my scorecard' }).count()).toBeGreaterThan(0);
    expect(await page.textContent('body')).toContain('outside what you may see');
    await shot(page, '05-rep-not-allowed');
  }, 120_000);

  it('sales ops uploads a malformed file and sees every error by row', async () => {
    const page = await signedIn('sales_ops');
    // The imports page is loaded lazily, and the home page writes its default
    // period into the URL once the periods arrive. Make both slow, in the order
    // a loaded machine produced: the periods arrive while the imports page is
    // still loading. The period write must not cancel the user's navigation.
    let clicked: () => void = () => undefined;
    const click = new Promise<void>((r) => {
      clicked = r;
    });
    await page.route(/\/api\/v1\/kpis\/net_bookings\/values\?/, async (route) => {
      await click;
      await route.continue();
    });
    await page.route(/\/assets\/imports-page[^/]*\.js$/, async (route) => {
      await new Promise((r) => setTimeout(r, 2_000));
      await route.continue();
    });
    await page.goto(`${base}/`);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports' }).click();
    clicked();
    try {
      await page.getByLabel('Entity').waitFor({ timeout: 60_000 });
    } catch (e) {
      await shot(page, '06-sales-ops-imports-not-ready');
      throw e;
    }
    await page.getByLabel('Entity').selectOption('org_unit');
    await page.getByLabel('File').setInputFiles({
      name: 'org-units.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'id,name,kind,parent_id\nX1,=HYPERLINK("http://evil"),team,ent\nX2,Second,galaxy,ent\nX3,,team,ent\nX4,Fourth,=1+2,ent\n',
      ),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    const errors = page.getByRole('region', { name: 'Errors by row' });
    await errors.waitFor({ timeout: 20_000 });
    const text = (await errors.textContent()) ?? '';
    expect(text).toContain('org-units.csv');
    expect(text).toContain('galaxy');
    expect(await errors.getByRole('row').count()).toBeGreaterThanOrEqual(4);
    await shot(page, '06-sales-ops-import-errors');

    // Both exports of the error table carry the bad value as text, never as a formula.
    const download = async (button: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), errors.getByRole('button', { name: button }).click()]);
      return { name: file.suggestedFilename(), bytes: readFileSync((await file.path()) as string) };
    };
    const csv = await download('Export CSV');
    expect(csv.name).toMatch(/^import-errors-.*\.csv$/);
    const csvText = csv.bytes.toString('utf8');
    expect(csvText).toContain("'=1+2");
    expect(csvText).not.toMatch(/(^|,)=1\+2/m);
    const xlsx = await download('Export XLSX');
    expect(xlsx.name).toMatch(/^import-errors-.*\.xlsx$/);
    const sheets = unzipSync(new Uint8Array(xlsx.bytes));
    const xml = Object.entries(sheets)
      .filter(([path]) => path.startsWith('xl/'))
      .map(([, data]) => strFromU8(data))
      .join('\n');
    expect(xml).toContain("'=1+2");
    expect(xml).toContain('galaxy');
    expect(xml).not.toContain('<f>');
  }, 120_000);
});
