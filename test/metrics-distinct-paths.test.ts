/**
 * A distinct count has two compilations: month masks while a compute spans at
 * most 63 months, per-month rows with the previous appearance beyond that. On
 * company-kpi (DuckDB) both must store the same 2024 values: 2024 alone reads
 * 24 months (masks); 2019–2024 reads 84 (rows).
 */
import { sql } from '@cairn/core/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeKpis } from '../packages/server/src/metrics/compute-kpis';
import { readKpiCatalog } from '../packages/server/src/metrics/read-kpi-catalog';
import { createTestStore, type TestStore } from '../test-support/test-stores';
import { importFixture, KPI_SETTINGS } from './metrics-support';

const catalog = readKpiCatalog();
const DISTINCT_KPIS = ['active_customers', 'lines_per_customer', 'activities_per_rep', 'enablement_adoption'].filter((k) =>
  catalog.kpis.has(k),
);

describe('distinct counts by month mask and by rows (duckdb)', () => {
  let t: TestStore;
  const values = () =>
    t.store.query(sql`SELECT kpi_id, node_kind, node_id, grain, period_label, value, numerator, denominator FROM kpi_value
      WHERE period_start >= DATE '2024-01-01' AND period_start < DATE '2025-01-01' ORDER BY kpi_id, grain, period_start, node_kind, node_id`);
  beforeAll(async () => {
    t = await createTestStore('duckdb');
    await importFixture(t.store);
  });
  afterAll(async () => t?.dispose());

  it('gives the same values either way', async () => {
    expect(DISTINCT_KPIS.length).toBeGreaterThan(1);
    await computeKpis(t.store, KPI_SETTINGS, catalog, { from: '2024-01-01', to: '2025-01-01', kpiIds: DISTINCT_KPIS });
    const masks = await values();
    await computeKpis(t.store, KPI_SETTINGS, catalog, { from: '2019-01-01', to: '2025-01-01', kpiIds: DISTINCT_KPIS });
    const rows = await values();
    expect(masks.length).toBeGreaterThan(50);
    expect(rows).toEqual(masks);
  });
});
