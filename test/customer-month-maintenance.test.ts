/**
 * customer_month is a derived table, kept up to date with the order lines by
 * every path that changes them: an import or a customer merge lists the
 * customers it touched and the next reader (compute, explain) rebuilds theirs;
 * a full derive rebuilds every row; a store that predates the table or whose
 * rules changed is rebuilt in full. After each, on both engines, the table
 * holds exactly what a rebuild from every stored order line gives.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { param, sql } from '@cairn/core/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../packages/server/src/ingest/import-file';
import { mergeCustomers } from '../packages/server/src/quality/merge-customers';
import { computeKpis } from '../packages/server/src/metrics/compute-kpis';
import { explainKpi } from '../packages/server/src/metrics/explain-kpi';
import { readKpiCatalog } from '../packages/server/src/metrics/read-kpi-catalog';
import { CUSTOMER_MONTH_RULES, rebuildCustomerMonth, refreshCustomerMonth } from '../packages/server/src/services/customer-month';
import { deriveFacts } from '../packages/server/src/services/derive-facts';
import { createTestStore, type TestStore, testEngines } from '../test-support/test-stores';
import { importFixture, KPI_SETTINGS } from './metrics-support';

const catalog = readKpiCatalog();
const ORDER_LINE_HEADER =
  'id,order_id,customer_id,rep_id,product_id,opportunity_id,booked_at,quantity,amount,margin,currency,contract_months,crm_cross_sell_flag,status,cancelled_at';

describe.each(testEngines())('customer_month kept up to date (%s)', (engine) => {
  let t: TestStore;
  let dir: string;
  const rows = () =>
    t.store.query(sql`SELECT customer_id, owner_rep_id, month_start, as_of, is_active, was_active, net_t12_minor, net_prior_t12_minor,
      retained_t12_minor, margin_t12_minor, lines_t12 FROM customer_month ORDER BY customer_id, month_start`);
  /** The table as it is, and as a rebuild from every stored order line makes it (left in place). */
  const asStoredAndRebuilt = async () => {
    const stored = await rows();
    await t.store.session((s) => rebuildCustomerMonth(s, 'order_line'));
    return { stored, rebuilt: await rows() };
  };
  const importLines = async (lines: string[]) => {
    const path = join(dir, 'order_line.csv');
    writeFileSync(path, `${ORDER_LINE_HEADER}\n${lines.join('\n')}\n`);
    const r = await importFile(t.store, KPI_SETTINGS, { entity: 'order_line', path, mode: 'atomic', actor: 'test' });
    expect(r.status, JSON.stringify(r.errors)).toBe('committed');
  };
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

  it('is built, for every customer the company’s imports listed, by the first refresh', async () => {
    expect(await stale()).toEqual(['K1', 'K2', 'K3', 'K4']);
    expect(await rows()).toEqual([]);
    expect(await refreshCustomerMonth(t.store)).toEqual({ rebuilt: 'customers', customers: 4 });
    expect(await stale()).toEqual([]);
    const { stored, rebuilt } = await asStoredAndRebuilt();
    expect(stored.length).toBeGreaterThan(50);
    expect(stored).toEqual(rebuilt);
  });

  it('follows an import that amends, cancels and adds lines: it lists those customers, the next refresh rebuilds them', async () => {
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
    expect(await refreshCustomerMonth(t.store)).toEqual({ rebuilt: 'customers', customers: 3 });
    expect(await stale()).toEqual([]);
    expect(await refreshCustomerMonth(t.store)).toBeNull();
    const after = await monthOf('K1', '2024-06-01');
    expect(BigInt(after[0]?.net_t12_minor ?? 0) - BigInt(before[0]?.net_t12_minor ?? 0)).toBe(100_000n);
    // The new line: active in its month's snapshot and the 11 after, then a year as was-active, then no row.
    expect((await monthOf('K4', '2028-01-01'))[0]?.is_active).toBe(true);
    expect((await monthOf('K4', '2029-01-01'))[0]?.is_active).toBe(false);
    expect(await monthOf('K4', '2029-02-01')).toEqual([]);
    const { stored, rebuilt } = await asStoredAndRebuilt();
    expect(stored).toEqual(rebuilt);
  });

  it('is refreshed by compute and by explain before they read it', async () => {
    await importLines(['L91,S91,K3,RC,P1,,2024-07-01,1,700.00,70.00,USD,,false,active,']);
    expect(await stale()).toEqual(['K3']);
    await computeKpis(t.store, KPI_SETTINGS, catalog, { kpiIds: ['churn_rate'] });
    expect(await stale()).toEqual([]);
    const { stored, rebuilt } = await asStoredAndRebuilt();
    expect(stored).toEqual(rebuilt);
    await importLines(['L92,S92,K3,RC,P1,,2024-08-01,1,800.00,80.00,USD,,false,active,']);
    expect(await stale()).toEqual(['K3']);
    await explainKpi(t.store, KPI_SETTINGS, catalog, { kpiId: 'churn_rate', node: 'ENT', period: 'FY2024' });
    expect(await stale()).toEqual([]);
    const again = await asStoredAndRebuilt();
    expect(again.stored).toEqual(again.rebuilt);
  });

  it('follows a merge: the kept customer takes the dropped one’s months, the dropped one has none', async () => {
    await mergeCustomers(t.store, KPI_SETTINGS, { keepId: 'K1', dropId: 'K2', actor: 'test' });
    expect(await stale()).toEqual(['K1', 'K2']);
    await refreshCustomerMonth(t.store);
    const { stored, rebuilt } = await asStoredAndRebuilt();
    expect(stored).toEqual(rebuilt);
    expect(stored.some((r) => r.customer_id === 'K2')).toBe(false);
  });

  it('is rebuilt by a full derive, and marked built by the current rules', async () => {
    await t.store.query(sql`DELETE FROM customer_month WHERE customer_id = 'K1'`);
    await t.store.session((s) => deriveFacts(s, KPI_SETTINGS));
    const { stored, rebuilt } = await asStoredAndRebuilt();
    expect(stored.some((r) => r.customer_id === 'K1')).toBe(true);
    expect(stored).toEqual(rebuilt);
    expect(await refreshCustomerMonth(t.store)).toBeNull();
  });

  it('is rebuilt when the store is opened after its rules changed, or before it had the table', async () => {
    const want = await rows();
    await t.store.query(sql`DELETE FROM customer_month`);
    await t.store.query(sql`UPDATE company_setting SET value = ${param(`${CUSTOMER_MONTH_RULES}-old`)} WHERE key = 'customer_month_rules'`);
    expect(await refreshCustomerMonth(t.store)).toEqual({ rebuilt: 'full' });
    expect(await rows()).toEqual(want);
    await t.store.query(sql`DELETE FROM customer_month`);
    await t.store.query(sql`DELETE FROM company_setting WHERE key = 'customer_month_rules'`);
    const notices: string[] = [];
    expect(await refreshCustomerMonth(t.store, (table) => notices.push(table))).toEqual({ rebuilt: 'full' });
    expect(notices).toEqual(['customer_month']);
    expect(await rows()).toEqual(want);
  });
});
