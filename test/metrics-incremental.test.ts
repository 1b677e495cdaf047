/**
 * After an import, only the periods its rows feed are recomputed, and they
 * come out as a full compute would: on company-kpi (DuckDB), change one order
 * line, recompute the affected periods, and compare every stored value with a
 * full compute of the same data.
 */
import { param, sql } from '@cairn/core/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    // Trailing windows reach into FY2025, but compute covers the years with bookings: FY2024.
    expect(r && { from: r.from, to: r.to }).toEqual({ from: '2024-01-01', to: '2025-01-01' });
    expect(await bookings('RA', 'FY2024-Q2')).toBe(500_000);
    expect(await bookings('ENT', 'FY2024')).toBe(5_800_000); // T1 4,900,000 + T2 800,000 + the 100,000 correction
    const incremental = await values();
    await computeKpis(t.store, KPI_SETTINGS, catalog);
    expect(incremental).toEqual(await values());
  });

  it('does nothing for rows outside the computed years', async () => {
    expect(await computeAffectedPeriods(t.store, KPI_SETTINGS, catalog, { from: '2019-03-01', to: '2019-03-02' })).toBeNull();
  });
});
