/**
 * The KPI engine end to end on fixtures/company-kpi, on every engine: import,
 * `computeKpis`, then the stored values against answers worked out by hand
 * (the reasoning sits beside each row; amounts in cents). Then DuckDB and
 * PostgreSQL must agree on every KPI × node × period.
 *
 * The company: ENT → DIV → REG → teams T1 and T2. RA and RB sit in T1; RC sits
 * in T2 until 2024-04-01 and in T1 from then on, so RC's Q1 deals stay with T2.
 */
import { sql } from '@cairn/core/sql';
import type { KpiCatalog } from '@cairn/core/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeKpis } from '../packages/server/src/metrics/compute-kpis';
import { readKpiCatalog } from '../packages/server/src/metrics/read-kpi-catalog';
import { createTestStore, type EngineName, type TestStore, testEngines } from '../test-support/test-stores';
import { importFixture, KPI_SETTINGS } from './metrics-support';

interface ValueRow {
  kpi_id: string;
  node_kind: string;
  node_id: string;
  period_label: string;
  value: number | null;
  numerator: string | null;
  denominator: string | null;
}

type Key = `${string} ${string} ${string}`;

/** kpi, node id, period → value (numerator/denominator where they tell the story). */
const EXPECTED: [Key, number | null, string | null, string | null][] = [
  // bookings = every line booked: Q1 RA L1 1,000,000; RB L2 2,000,000 + L3 300,000 (cancelled, still booked); RC L4 800,000 (in T2)
  ['bookings RA FY2024-Q1', 1_000_000, '1000000.000000', null],
  ['bookings RB FY2024-Q1', 2_300_000, '2300000.000000', null],
  ['bookings T1 FY2024-Q1', 3_300_000, '3300000.000000', null], // RA + RB
  ['bookings T2 FY2024-Q1', 800_000, '800000.000000', null], // RC before the move
  ['bookings ENT FY2024-Q1', 4_100_000, '4100000.000000', null],
  // Q2: RC L5 1,200,000 now counts for T1; RA L6 400,000
  ['bookings T1 FY2024-Q2', 1_600_000, '1600000.000000', null],
  ['bookings ENT FY2024-Q2', 1_600_000, '1600000.000000', null],
  ['bookings RC FY2024', 2_000_000, '2000000.000000', null], // the rep keeps both quarters
  ['bookings T2 FY2024', 800_000, '800000.000000', null], // T2 keeps RC's Q1 history
  ['bookings T1 FY2024', 4_900_000, '4900000.000000', null], // 3,300,000 + 1,600,000
  // net bookings = bookings − cancelled (L3 300,000)
  ['net_bookings RB FY2024-Q1', 2_000_000, '2000000.000000', null],
  ['net_bookings ENT FY2024-Q1', 3_800_000, '3800000.000000', null],
  ['net_bookings ENT FY2024', 5_400_000, '5400000.000000', null],
  // net bookings year to date at the end of May: L1 + L2 + L4 + L5 + L6 = 1,000,000+2,000,000+800,000+1,200,000+400,000
  ['net_bookings_ytd ENT 2024-05', 5_400_000, '5400000.000000', null],
  ['net_bookings_ytd ENT 2024-02', 3_000_000, '3000000.000000', null], // L1 + L2
  // win rate: Q1 RA 1 won (O1) of 4 closed; RB 1 of 1 (O5); RC 1 of 1 (O6, in T2)
  ['win_rate RA FY2024-Q1', 0.25, '1.000000', '4.000000'],
  ['win_rate RB FY2024-Q1', 1, '1.000000', '1.000000'],
  // T1 = 2 won / 5 closed = 0.4, not the mean of its reps' 0.25 and 1 (0.625)
  ['win_rate T1 FY2024-Q1', 0.4, '2.000000', '5.000000'],
  ['win_rate T2 FY2024-Q1', 1, '1.000000', '1.000000'],
  ['win_rate ENT FY2024-Q1', 0.5, '3.000000', '6.000000'],
  // Q2: RC O7 won, O8 lost (in T1 now); RB O9 lost → T1 1 of 3
  ['win_rate RC FY2024-Q2', 0.5, '1.000000', '2.000000'],
  ['win_rate T1 FY2024-Q2', 1 / 3, '1.000000', '3.000000'],
  // Year: T1 won O1, O5, O7 of O1–O5, O7–O9 = 3 / 8; T2 keeps O6; RC 2 of 3 across both teams
  ['win_rate T1 FY2024', 0.375, '3.000000', '8.000000'],
  ['win_rate T2 FY2024', 1, '1.000000', '1.000000'],
  ['win_rate RC FY2024', 2 / 3, '2.000000', '3.000000'],
  ['win_rate ENT FY2024', 4 / 9, '4.000000', '9.000000'],
  // March alone: RA lost O3 and O4
  ['win_rate RA 2024-03', 0, '0.000000', '2.000000'],
  // win rate by value, Q1 ENT: won 1,000,000 + 2,000,000 + 800,000 of closed 3,800,000 + 500,000 + 500,000 + 200,000
  ['win_rate_value ENT FY2024-Q1', 3_800_000 / 5_000_000, '3800000.000000', '5000000.000000'],
  // gross margin Q1 ENT: margins 400,000 + 500,000 + 200,000 over amounts 1,000,000 + 2,000,000 + 800,000 (L3 cancelled)
  ['gross_margin_pct ENT FY2024-Q1', 1_100_000 / 3_800_000, '1100000.000000', '3800000.000000'],
  // Q2: L6 has no margin, so only L5 counts: 900,000 / 1,200,000
  ['gross_margin_pct ENT FY2024-Q2', 0.75, '900000.000000', '1200000.000000'],
  // new logo: every Q1 line is in its customer's first quarter; L5 and L6 are expansion
  ['new_logo_bookings ENT FY2024-Q1', 3_800_000, '3800000.000000', null],
  ['new_logo_bookings ENT FY2024-Q2', 0, '0.000000', null],
  ['expansion_bookings ENT FY2024-Q2', 1_600_000, '1600000.000000', null],
  // cross-sell: L5 (SW new to K3, HW bought before); L3 is cross-sell but cancelled
  ['cross_sell_bookings T1 FY2024-Q2', 1_200_000, '1200000.000000', null],
  ['cross_sell_revenue_share ENT FY2024-Q2', 0.75, '1200000.000000', '1600000.000000'],
  ['cross_sell_revenue_share ENT FY2024-Q1', 0, '0.000000', '3800000.000000'],
  // average deal size Q1 ENT: won 1,000,000 + 2,000,000 + 800,000 over 3 deals
  ['average_deal_size ENT FY2024-Q1', 3_800_000 / 3, '3800000.000000', '3.000000'],
  // sales cycle of won deals: O1 30 days, O5 50, O6 30 (Q1); O7 30 (Q2)
  ['sales_cycle_days RA FY2024-Q1', 30, '30.000000', '1.000000'],
  ['sales_cycle_days T1 FY2024-Q1', 40, '80.000000', '2.000000'], // (30 + 50) / 2
  ['sales_cycle_days ENT FY2024-Q1', 110 / 3, '110.000000', '3.000000'],
  ['sales_cycle_days ENT FY2024', 35, '140.000000', '4.000000'],
  ['median_sales_cycle_days ENT FY2024', 30, null, null], // 30, 30, 30, 50
  // active customers, trailing 12 months to the end of June: K1, K2, K3 once at ENT;
  // T1 reached K1, K2 and (through RC after the move) K3; T2 reached K3 in March
  ['active_customers ENT 2024-06', 3, '3.000000', null],
  ['active_customers T1 2024-06', 3, '3.000000', null],
  ['active_customers T2 2024-06', 1, '1.000000', null],
  ['active_customers RC 2024-06', 1, '1.000000', null],
  // lines per customer, trailing 12 months to June: K1 {HW}, K2 {HW} (SW cancelled), K3 {HW, SW} = 4 pairs / 3
  ['lines_per_customer ENT 2024-06', 4 / 3, null, null],
  // new customers by first active booking, credited to the owner: K1 (RA) Jan, K2 (RB) Feb, K3 (RC) Mar
  ['new_customers ENT FY2024-Q1', 3, '3.000000', null],
  ['new_customers T2 FY2024-Q1', 1, '1.000000', null],
  // weighted pipeline: O10 open, negotiation (0.7), closes in June: 1,000,000 × 0.7
  ['weighted_pipeline RA 2024-06', 700_000, '700000.000000', null],
  ['open_pipeline ENT FY2024-Q2', 1_000_000, '1000000.000000', null],
];

function keyOf(r: ValueRow): Key {
  return `${r.kpi_id} ${r.node_id} ${r.period_label}`;
}

async function values(store: TestStore['store']): Promise<ValueRow[]> {
  return store.query<ValueRow>(
    sql`SELECT kpi_id, node_kind, node_id, grain, period_label, value, numerator, denominator FROM kpi_value
      ORDER BY kpi_id, grain, period_start, node_kind, node_id`,
  );
}

const results = new Map<EngineName, ValueRow[]>();
let catalog: KpiCatalog;

describe.each(testEngines())('KPI engine on company-kpi (%s)', (engine) => {
  let t: TestStore;
  let rows: Map<Key, ValueRow>;
  beforeAll(async () => {
    catalog = readKpiCatalog();
    t = await createTestStore(engine);
    await importFixture(t.store);
    await computeKpis(t.store, KPI_SETTINGS, catalog, { from: '2024-01-01', to: '2025-01-01' });
    const all = await values(t.store);
    results.set(engine, all);
    rows = new Map(all.map((r) => [keyOf(r), r]));
  });
  afterAll(async () => t?.dispose());

  it.each(EXPECTED)('%s = %s', (key, value, numerator, denominator) => {
    const row = rows.get(key);
    expect(row, `no value stored for ${key}`).toBeDefined();
    if (value === null) expect(row?.value).toBeNull();
    else expect(row?.value).toBeCloseTo(value, 12);
    if (numerator !== null) expect(row?.numerator).toBe(numerator);
    if (denominator !== null) expect(row?.denominator).toBe(denominator);
  });

  it('recomputes a ratio at the team level instead of averaging its reps', () => {
    const reps = ['RA', 'RB'].map((r) => rows.get(`win_rate ${r} FY2024-Q1`)?.value as number);
    const mean = (reps[0] as number) / 2 + (reps[1] as number) / 2;
    expect(mean).toBeCloseTo(0.625, 12);
    expect(rows.get('win_rate T1 FY2024-Q1')?.value).toBeCloseTo(0.4, 12);
  });

  it('keeps a moved rep’s history with the team of that time', () => {
    expect(rows.get('bookings T2 FY2024-Q1')?.value).toBe(800_000);
    expect(rows.get('bookings T2 FY2024-Q2')?.value).toBe(0); // T2 still has a row (RC's March customers are active), but no booking
    expect(rows.get('bookings T1 FY2024-Q2')?.value).toBe(1_600_000);
  });

  it('stores every KPI of the catalog with its definition version', async () => {
    const defs = await t.store.query<{ kpi_id: string; version: number }>(sql`SELECT kpi_id, version FROM kpi_definition`);
    expect(defs.length).toBe(catalog.kpis.size);
    const kpis = new Set((results.get(engine) ?? []).map((r) => r.kpi_id));
    expect(kpis.has('win_rate')).toBe(true);
  });

  it('recomputing the same range replaces the values instead of adding to them', async () => {
    const before = (await values(t.store)).length;
    await computeKpis(t.store, KPI_SETTINGS, catalog, { from: '2024-01-01', to: '2025-01-01', kpiIds: ['win_rate'] });
    expect((await values(t.store)).length).toBe(before);
  });
});

describe('DuckDB and PostgreSQL', () => {
  it.runIf(testEngines().includes('postgres'))('give the same value for every KPI × node × period', () => {
    const duck = results.get('duckdb') ?? [];
    const pg = results.get('postgres') ?? [];
    expect(duck.length).toBeGreaterThan(1000);
    expect(pg.length).toBe(duck.length);
    duck.forEach((d, i) => {
      const p = pg[i] as ValueRow;
      // Money and counts are DECIMAL: exactly equal. Values are DOUBLE from the same exact parts: equal within 1e-12.
      expect({ ...p, value: null }).toEqual({ ...d, value: null });
      if (d.value === null) expect(p.value).toBeNull();
      else expect(Math.abs((p.value as number) - d.value)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(d.value)));
    });
  });
});
