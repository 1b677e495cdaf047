/**
 * customer_month and recognised_revenue are derived tables, kept up to date
 * with the order lines and revenue schedules by every path that changes them:
 * an import or a customer merge lists the customers it touched and the next
 * reader (compute, explain) rebuilds theirs; a full derive rebuilds every row;
 * a store that predates a table or whose rules changed has it rebuilt in full.
 * After each, on both engines, both tables hold exactly what a rebuild from
 * every stored line and schedule gives.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityName } from '@cairn/core/model';
import { ident, param, sql } from '@cairn/core/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../packages/server/src/ingest/import-file';
import { mergeCustomers } from '../packages/server/src/quality/merge-customers';
import { computeKpis } from '../packages/server/src/metrics/compute-kpis';
import { explainKpi } from '../packages/server/src/metrics/explain-kpi';
import { readKpiCatalog } from '../packages/server/src/metrics/read-kpi-catalog';
import { CUSTOMER_TABLES, rebuildCustomerTable, refreshCustomerTables } from '../packages/server/src/services/customer-derived-tables';
import { deriveFacts } from '../packages/server/src/services/derive-facts';
import { createTestStore, type TestStore, testEngines } from '../test-support/test-stores';
import { importFixture, KPI_FIXTURE, KPI_SETTINGS } from './metrics-support';

const catalog = readKpiCatalog();
const ORDER_LINE_HEADER =
  'id,order_id,customer_id,rep_id,product_id,opportunity_id,booked_at,quantity,amount,margin,currency,contract_months,crm_cross_sell_flag,status,cancelled_at';

const SCHEDULE_HEADER = 'order_line_id,period_start,amount,currency';

describe.each(testEngines())('customer_month and recognised_revenue kept up to date (%s)', (engine) => {
  let t: TestStore;
  let dir: string;
  const snapshotRows = () =>
    t.store.query(sql`SELECT customer_id, owner_rep_id, month_start, as_of, is_active, was_active, net_t12_minor, net_prior_t12_minor,
      retained_t12_minor, margin_t12_minor, lines_t12 FROM customer_month ORDER BY customer_id, month_start`);
  const revenueRows = () =>
    t.store.query(sql`SELECT order_line_id, period_start, rep_id, customer_id, product_line, status, currency, amount_rc_minor
      FROM recognised_revenue ORDER BY order_line_id, period_start`);
  const rows = async () => ({ snapshot: await snapshotRows(), revenue: await revenueRows() });
  /** Both tables as they are, and as a rebuild from every stored line and schedule makes them (left in place). */
  const asStoredAndRebuilt = async () => {
    const stored = await rows();
    for (const table of CUSTOMER_TABLES) await t.store.session((s) => rebuildCustomerTable(s, table.name, 'order_line'));
    return { stored, rebuilt: await rows() };
  };
  /** Imports `text` as a file of `entity`, which must commit. */
  const importText = async (entity: EntityName, text: string) => {
    const path = join(dir, `${entity}.csv`);
    writeFileSync(path, text);
    const r = await importFile(t.store, KPI_SETTINGS, { entity, path, mode: 'atomic', actor: 'test' });
    expect(r.status, JSON.stringify(r.errors)).toBe('committed');
    return r;
  };
  const importSchedules = (lines: string[]) => importText('revenue_schedule', `${SCHEDULE_HEADER}\n${lines.join('\n')}\n`);
  const revenueOf = (line: string) =>
    t.store.query<{ period_start: string; rep_id: string; amount_rc_minor: string; status: string }>(
      sql`SELECT CAST(period_start AS VARCHAR) AS period_start, rep_id, amount_rc_minor, status FROM recognised_revenue
        WHERE order_line_id = ${param(line)} ORDER BY period_start`,
    );
  const importLines = (lines: string[]) => importText('order_line', `${ORDER_LINE_HEADER}\n${lines.join('\n')}\n`);
  const stale = async () =>
    (await t.store.query<{ customer_id: string }>(sql`SELECT customer_id FROM customer_month_stale ORDER BY customer_id`)).map(
      (r) => r.customer_id,
    );
  const monthOf = (customer: string, month: string) =>
    t.store.query<{ net_t12_minor: string; is_active: boolean }>(
      sql`SELECT net_t12_minor, is_active FROM customer_month WHERE customer_id = ${param(customer)} AND month_start = CAST(${param(month)} AS DATE)`,
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-customer-month-'));
    t = await createTestStore(engine);
    await importFixture(t.store);
  });
  afterAll(async () => {
    await t?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are built, for every customer the company’s imports listed, by the first refresh', async () => {
    expect(await stale()).toEqual(['K1', 'K2', 'K3', 'K4']);
    expect(await rows()).toEqual({ snapshot: [], revenue: [] });
    expect(await refreshCustomerTables(t.store)).toEqual({ full: [], customers: 4 });
    expect(await stale()).toEqual([]);
    // Every schedule row, with its line's rep; L9's euros at the rate in force on each month's first day:
    // 1,000.00 EUR × 1.1 on 2025-02-01 and 2025-03-01, × 1.2 from 2025-04-01 (fx_rate.csv).
    expect(await revenueOf('L9')).toEqual([
      { period_start: '2025-02-01', rep_id: 'RD', amount_rc_minor: expect.anything(), status: 'active' },
      { period_start: '2025-03-01', rep_id: 'RD', amount_rc_minor: expect.anything(), status: 'active' },
      { period_start: '2025-04-01', rep_id: 'RD', amount_rc_minor: expect.anything(), status: 'active' },
    ]);
    expect((await revenueOf('L9')).map((r) => Number(r.amount_rc_minor))).toEqual([110_000, 110_000, 120_000]);
    const { stored, rebuilt } = await asStoredAndRebuilt();
    expect(stored.snapshot.length).toBeGreaterThan(50);
    expect(stored.revenue).toHaveLength(10);
    expect(stored).toEqual(rebuilt);
  });

  it('follow an import that amends, cancels and adds lines: it lists those customers, the next refresh rebuilds them', async () => {
    const before = await monthOf('K1', '2024-06-01');
    const untouched = await rows();
    await importLines([
      // L6 (K1) amended from 4,000.00 to 5,000.00; L4 (K3) cancelled; a new K4 line two years after the others.
      'L6,S6,K1,RA,P1,,2024-05-20,4,5000.00,,USD,,false,active,',
      'L4,S4,K3,RC,P1,O6,2024-03-10,8,8000.00,2000.00,USD,,false,cancelled,2024-04-01',
      'L90,S90,K4,RD,P2,,2027-02-10,1,1234.56,100.00,USD,,false,active,',
    ]);
    expect(await stale()).toEqual(['K1', 'K3', 'K4']);
    expect(await rows()).toEqual(untouched); // the import leaves the rows to the next reader
    expect(await refreshCustomerTables(t.store)).toEqual({ full: [], customers: 3 });
    expect(await stale()).toEqual([]);
    expect(await refreshCustomerTables(t.store)).toBeNull();
    const after = await monthOf('K1', '2024-06-01');
    expect(BigInt(after[0]?.net_t12_minor ?? 0) - BigInt(before[0]?.net_t12_minor ?? 0)).toBe(100_000n);
    // The new line: active in its month's snapshot and the 11 after, then a year as was-active, then no row.
    expect((await monthOf('K4', '2028-01-01'))[0]?.is_active).toBe(true);
    expect((await monthOf('K4', '2029-01-01'))[0]?.is_active).toBe(false);
    expect(await monthOf('K4', '2029-02-01')).toEqual([]);
    // L4's recognised revenue now carries the line's cancelled status.
    expect((await revenueOf('L4')).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    const { stored, rebuilt } = await asStoredAndRebuilt();
    expect(stored).toEqual(rebuilt);
  });

  it('follow an import of revenue schedules: new or changed rows list their line’s customer, a re-import no one', async () => {
    const schedules = ['L6,2024-06-01,2000.00,USD', 'L6,2024-07-01,2000.00,USD', 'L9,2025-03-01,1500.00,EUR'];
    await importSchedules(schedules);
    expect(await stale()).toEqual(['K1', 'K4']);
    expect(await revenueOf('L6')).toEqual([]);
    expect(await refreshCustomerTables(t.store)).toEqual({ full: [], customers: 2 });
    expect((await revenueOf('L6')).map((r) => [r.period_start, r.rep_id, Number(r.amount_rc_minor)])).toEqual([
      ['2024-06-01', 'RA', 200_000],
      ['2024-07-01', 'RA', 200_000],
    ]);
    // 1,500.00 EUR × 1.1 = 1,650.00 USD.
    expect((await revenueOf('L9')).map((r) => Number(r.amount_rc_minor))).toEqual([110_000, 165_000, 120_000]);
    await importSchedules(schedules);
    expect(await stale()).toEqual([]);
    // A line moved to another rep moves its recognised revenue with it.
    await importLines(['L6,S6,K1,RB,P1,,2024-05-20,4,5000.00,,USD,,false,active,']);
    await refreshCustomerTables(t.store);
    expect((await revenueOf('L6')).map((r) => r.rep_id)).toEqual(['RB', 'RB']);
    const { stored, rebuilt } = await asStoredAndRebuilt();
    expect(stored).toEqual(rebuilt);
  });

  it('follow an import of customers: a changed owner lists the customer, other changes no one', async () => {
    const original = readFileSync(join(KPI_FIXTURE, 'customer.csv'), 'utf8');
    const importCustomers = (text: string) => importText('customer', text);
    const [header, ...records] = original.trim().split('\n');
    const columns = (header ?? '').split(',');
    const ownerAt = columns.indexOf('owner_rep_id');
    const nameAt = columns.indexOf('name');
    const k3 = records.find((r) => r.startsWith('K3,')) ?? '';
    const withField = (record: string, at: number, value: string) =>
      record
        .split(',')
        .map((v, i) => (i === at ? value : v))
        .join(',');
    // A new name changes nothing either table reads.
    const renamed = await importCustomers(`${header}\n${withField(k3, nameAt, 'Kilo Three Renamed')}\n`);
    expect(renamed.updated).toBe(1);
    expect(await stale()).toEqual([]);
    // A new owner moves the customer's month-end rows to that owner.
    const owner = k3.split(',')[ownerAt];
    const newOwner = owner === 'RA' ? 'RB' : 'RA';
    await importCustomers(`${header}\n${withField(k3, ownerAt, newOwner)}\n`);
    expect(await stale()).toEqual(['K3']);
    await refreshCustomerTables(t.store);
    const owners = await t.store.query<{ owner_rep_id: string }>(
      sql`SELECT DISTINCT owner_rep_id FROM customer_month WHERE customer_id = 'K3'`,
    );
    expect(owners).toEqual([{ owner_rep_id: newOwner }]);
    const { stored, rebuilt } = await asStoredAndRebuilt();
    expect(stored).toEqual(rebuilt);
  });

  it('follow an import of products: a product moved to another line re-derives the customers with lines of it', async () => {
    const original = readFileSync(join(KPI_FIXTURE, 'product.csv'), 'utf8');
    const importProducts = (text: string) => importText('product', text);
    const lineFacts = () =>
      t.store.query(sql`SELECT id, product_line, amount_rc_minor, margin_rc_minor, is_new_logo, is_cross_sell FROM order_line ORDER BY id`);
    const header = original.split('\n')[0];
    // A new product has no lines: nothing to derive, no one listed.
    await importProducts(`${header}\nP3,NET-1,Gauge link,NET,DIV,500.00,USD,0.5000\n`);
    expect(await stale()).toEqual([]);
    const before = await lineFacts();
    // P2 moves from SW to HW: the customers with P2 lines (K1 L7, K2 L3 L11, K3 L5, K4 L10) are re-derived and listed.
    await importProducts(original.replace('P2,SW-1,Gauge cloud,SW,', 'P2,SW-1,Gauge cloud,HW,'));
    expect(await stale()).toEqual(['K1', 'K2', 'K3', 'K4']);
    const moved = await lineFacts();
    expect(moved.filter((r) => r.product_line === 'SW')).toEqual([]);
    expect(moved).not.toEqual(before);
    // The same facts as a full derive gives.
    await t.store.session((s) => deriveFacts(s, KPI_SETTINGS));
    expect(await lineFacts()).toEqual(moved);
    await importProducts(original);
    await refreshCustomerTables(t.store);
    expect(await lineFacts()).toEqual(before);
    const { stored, rebuilt } = await asStoredAndRebuilt();
    expect(stored).toEqual(rebuilt);
  });

  it('are refreshed by compute and by explain before they read them', async () => {
    await importLines(['L91,S91,K3,RC,P1,,2024-07-01,1,700.00,70.00,USD,,false,active,']);
    expect(await stale()).toEqual(['K3']);
    await computeKpis(t.store, KPI_SETTINGS, catalog, { kpiIds: ['churn_rate'] });
    expect(await stale()).toEqual([]);
    const { stored, rebuilt } = await asStoredAndRebuilt();
    expect(stored).toEqual(rebuilt);
    await importSchedules(['L91,2024-07-01,700.00,USD']);
    expect(await stale()).toEqual(['K3']);
    await explainKpi(t.store, KPI_SETTINGS, catalog, { kpiId: 'churn_rate', node: 'ENT', period: 'FY2024' });
    expect(await stale()).toEqual([]);
    expect((await revenueOf('L91')).map((r) => Number(r.amount_rc_minor))).toEqual([70_000]);
    const again = await asStoredAndRebuilt();
    expect(again.stored).toEqual(again.rebuilt);
  });

  it('follow a merge: the kept customer takes the dropped one’s rows, the dropped one has none', async () => {
    await mergeCustomers(t.store, KPI_SETTINGS, { keepId: 'K1', dropId: 'K2', actor: 'test' });
    expect(await stale()).toEqual(['K1', 'K2']);
    await refreshCustomerTables(t.store);
    const { stored, rebuilt } = await asStoredAndRebuilt();
    expect(stored).toEqual(rebuilt);
    expect(stored.snapshot.some((r) => r.customer_id === 'K2')).toBe(false);
    expect(stored.revenue.some((r) => r.customer_id === 'K2')).toBe(false);
    expect((await revenueOf('L2')).length).toBe(1); // L2 was K2's; its schedule is now K1's
    expect(stored.revenue.find((r) => r.order_line_id === 'L2')?.customer_id).toBe('K1');
  });

  it('are rebuilt by a full derive, and marked built by the current rules', async () => {
    await t.store.query(sql`DELETE FROM customer_month WHERE customer_id = 'K1'`);
    await t.store.query(sql`DELETE FROM recognised_revenue WHERE customer_id = 'K1'`);
    await t.store.session((s) => deriveFacts(s, KPI_SETTINGS));
    const { stored, rebuilt } = await asStoredAndRebuilt();
    expect(stored.snapshot.some((r) => r.customer_id === 'K1')).toBe(true);
    expect(stored.revenue.some((r) => r.customer_id === 'K1')).toBe(true);
    expect(stored).toEqual(rebuilt);
    expect(await refreshCustomerTables(t.store)).toBeNull();
  });

  it.each(CUSTOMER_TABLES.map((table) => [table.name, table] as const))(
    'rebuild %s in full when its rules changed, or the store predates it, and leave the other alone',
    async (name, table) => {
      const want = await rows();
      await t.store.query(sql`DELETE FROM ${ident(name)}`);
      await t.store.query(sql`UPDATE company_setting SET value = ${param(`${table.rules}-old`)} WHERE key = ${param(table.rulesKey)}`);
      expect(await refreshCustomerTables(t.store)).toEqual({ full: [name], customers: 0 });
      expect(await rows()).toEqual(want);
      await t.store.query(sql`DELETE FROM ${ident(name)}`);
      await t.store.query(sql`DELETE FROM company_setting WHERE key = ${param(table.rulesKey)}`);
      // Customers listed meanwhile are still rebuilt in the table that was up to date.
      await importLines(['L93,S93,K4,RD,P1,,2025-06-01,1,900.00,90.00,USD,,false,active,']);
      await t.store.query(
        sql`DELETE FROM customer_month WHERE customer_id = 'K4' AND ${name === 'customer_month' ? sql`FALSE` : sql`TRUE`}`,
      );
      const notices: string[] = [];
      expect(await refreshCustomerTables(t.store, (x) => notices.push(x))).toEqual({ full: [name], customers: 1 });
      expect(notices).toEqual([name]);
      const { stored, rebuilt } = await asStoredAndRebuilt();
      expect(stored).toEqual(rebuilt);
      expect(stored.snapshot.some((r) => r.customer_id === 'K4')).toBe(true);
    },
  );
});
