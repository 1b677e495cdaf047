/**
 * After an import, only the periods its rows feed are recomputed, and they
 * come out as a full compute would: on company-kpi (DuckDB), change one order
 * line, recompute the affected periods, and compare every stored value with a
 * full compute of the same data; then the same through importFile's
 * recomputeKpis option, which pays nothing until KPI values exist.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { param, sql } from '@cairn/core/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../packages/server/src/ingest/import-file';
import { computeAffectedPeriods } from '../packages/server/src/metrics/compute-affected-periods';
import { computeKpis } from '../packages/server/src/metrics/compute-kpis';
import { readKpiCatalog } from '../packages/server/src/metrics/read-kpi-catalog';
import { createTestStore, type TestStore } from '../test-support/test-stores';
import { importFixture, KPI_SETTINGS } from './metrics-support';

const catalog = readKpiCatalog();

interface Row {
  kpi_id: string;
  node_id: string;
  period_label: string;
  value: number | null;
  numerator: string | null;
  denominator: string | null;
}

describe('computeAffectedPeriods on company-kpi (duckdb)', () => {
  let t: TestStore;
  const values = () =>
    t.store.query<Row>(sql`SELECT kpi_id, node_kind, node_id, grain, period_label, value, numerator, denominator FROM kpi_value
      ORDER BY kpi_id, grain, period_start, node_kind, node_id`);
  const bookings = async (node: string, period: string) =>
    (
      await t.store.query<{ value: number }>(
        sql`SELECT value FROM kpi_value WHERE kpi_id = 'bookings' AND node_id = ${param(node)} AND period_label = ${param(period)}`,
      )
    )[0]?.value;
  beforeAll(async () => {
    t = await createTestStore('duckdb');
    await importFixture(t.store);
    await computeKpis(t.store, KPI_SETTINGS, catalog);
  });
  afterAll(async () => t?.dispose());

  it('recomputes the years an order line feeds, and they equal a full compute', async () => {
    expect(await bookings('RA', 'FY2024-Q2')).toBe(400_000); // L6 4,000.00 booked 2024-05-20
    // An import corrects L6 to 5,000.00.
    await t.store.query(sql`UPDATE order_line SET amount_rc_minor = 500000 WHERE id = 'L6'`);
    const r = await computeAffectedPeriods(t.store, KPI_SETTINGS, catalog, { from: '2024-05-20', to: '2024-05-21' });
    // Trailing windows (and customer_month's 24 months) reach into FY2025 and FY2026; compute covers the years
    // with bookings, FY2024 and FY2025 (the fixture books into 2025), so FY2024–FY2025 are recomputed.
    expect(r && { from: r.from, to: r.to }).toEqual({ from: '2024-01-01', to: '2026-01-01' });
    expect(await bookings('RA', 'FY2024-Q2')).toBe(500_000);
    expect(await bookings('ENT', 'FY2024')).toBe(5_800_000); // T1 4,900,000 + T2 800,000 + the 100,000 correction
    const incremental = await values();
    await computeKpis(t.store, KPI_SETTINGS, catalog);
    expect(incremental).toEqual(await values());
  });

  it('does nothing for rows outside the computed years', async () => {
    const leads = { from: '2019-03-01', to: '2019-03-02', table: 'lead' };
    expect(await computeAffectedPeriods(t.store, KPI_SETTINGS, catalog, leads)).toBeNull();
    // nor for a table no KPI reads
    expect(await computeAffectedPeriods(t.store, KPI_SETTINGS, catalog, { ...leads, table: 'invoice' })).toBeNull();
  });

  it('recomputes later years for an old order line: it may be the customer’s first booking', async () => {
    // A 2019 line would make K1's 2024 lines expansion, not new logo: order lines reach every later date.
    const r = await computeAffectedPeriods(t.store, KPI_SETTINGS, catalog, { from: '2019-03-01', to: '2019-03-02', table: 'order_line' });
    expect(r && { from: r.from, to: r.to }).toEqual({ from: '2024-01-01', to: '2026-01-01' });
  });
});

describe('importFile with recomputeKpis on company-kpi (duckdb)', () => {
  let t: TestStore;
  let dir: string;
  const values = () =>
    t.store.query<Row>(sql`SELECT kpi_id, node_kind, node_id, grain, period_label, value, numerator, denominator FROM kpi_value
      ORDER BY kpi_id, grain, period_start, node_kind, node_id`);
  const importCsv = async (entity: 'order_line' | 'opportunity_history' | 'org_unit', text: string) => {
    const path = join(dir, `${entity}.csv`);
    writeFileSync(path, text);
    return importFile(t.store, KPI_SETTINGS, { entity, path, mode: 'atomic', actor: 'test', recomputeKpis: catalog });
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-recompute-'));
    t = await createTestStore('duckdb');
    await importFixture(t.store);
  });
  afterAll(async () => {
    await t?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('computes nothing while the store holds no KPI values', async () => {
    const r = await importCsv('order_line', `${ORDER_LINE_HEADER}\nL6,S6,K1,RA,P1,,2024-05-20,4,4500.00,,USD,,false,active,\n`);
    expect(r.status).toBe('committed');
    expect(r.kpis).toBeNull();
    expect(r.phases.map((p) => p.phase)).toContain('recompute KPIs');
    expect(await values()).toEqual([]);
  });

  it('recomputes the years an imported order line moves, the same as a full compute', async () => {
    await computeKpis(t.store, KPI_SETTINGS, catalog);
    // L6 corrected to 5,000.00: May 2024 and, through trailing windows and snapshots, every later year computed
    const r = await importCsv('order_line', `${ORDER_LINE_HEADER}\nL6,S6,K1,RA,P1,,2024-05-20,4,5000.00,,USD,,false,active,\n`);
    expect(r.kpis && { from: r.kpis.from, to: r.kpis.to }).toEqual({ from: '2024-01-01', to: '2026-01-01' });
    const incremental = await values();
    await computeKpis(t.store, KPI_SETTINGS, catalog);
    expect(incremental).toEqual(await values());
  });

  it('recomputes from the year of an opportunity change on, and skips an import that changes nothing', async () => {
    // O14 touched on 2025-05-01: it is no longer stale at the end of May, and every later snapshot may move
    const row = `${HISTORY_HEADER}\nO14,2025-05-01 09:00:00,prospecting,,USD,2025-08-31,pipeline,crm\n`;
    const r = await importCsv('opportunity_history', row);
    expect(r.kpis && { from: r.kpis.from, to: r.kpis.to }).toEqual({ from: '2025-01-01', to: '2026-01-01' });
    const incremental = await values();
    await computeKpis(t.store, KPI_SETTINGS, catalog);
    expect(incremental).toEqual(await values());
    expect((await importCsv('opportunity_history', row)).kpis).toBeNull(); // the same file again: nothing changed
  });

  it('recomputes every year when the org changes', async () => {
    const r = await importCsv('org_unit', `id,name,kind,parent_id\nT2,Team Two (West),team,REG\n`);
    expect(r.kpis && { from: r.kpis.from, to: r.kpis.to }).toEqual({ from: '2024-01-01', to: '2026-01-01' });
  });
});

const ORDER_LINE_HEADER =
  'id,order_id,customer_id,rep_id,product_id,opportunity_id,booked_at,quantity,amount,margin,currency,contract_months,crm_cross_sell_flag,status,cancelled_at';
const HISTORY_HEADER = 'opportunity_id,changed_at,stage,amount,currency,close_date,forecast_category,source';
