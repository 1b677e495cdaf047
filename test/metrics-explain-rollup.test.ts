/**
 * Explain adds up, and additive KPIs roll up: on company-kpi, the rows explain
 * lists sum to the numerator and denominator it reports; and for random
 * bookings (fast-check) every parent's bookings equal the sum over its children.
 */
import { param, sql } from '@cairn/core/sql';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeKpis } from '../packages/server/src/metrics/compute-kpis';
import { explainKpi } from '../packages/server/src/metrics/explain-kpi';
import { readKpiCatalog } from '../packages/server/src/metrics/read-kpi-catalog';
import { createTestStore, type TestStore, testEngines } from '../test-support/test-stores';
import { catalogWithTop2Share, importFixture, KPI_SETTINGS } from './metrics-support';

const catalog = readKpiCatalog();

describe.each(testEngines())('explain on company-kpi (%s)', (engine) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(engine);
    await importFixture(t.store);
  });
  afterAll(async () => t?.dispose());

  it('lists the rows behind a team win rate, and they add up to its parts', async () => {
    const e = await explainKpi(t.store, KPI_SETTINGS, catalog, { kpiId: 'win_rate', node: 'T1', period: 'FY2024-Q1' });
    expect(e.node).toEqual({ kind: 'team', id: 'T1' });
    expect(e.value).toBeCloseTo(0.4, 12);
    expect([e.numerator, e.denominator]).toEqual(['2.000000', '5.000000']);
    const won = e.measures.find((m) => m.name === 'opps_won');
    const closed = e.measures.find((m) => m.name === 'opps_closed');
    expect(won?.rows.map((r) => r.row_id)).toEqual(['O1', 'O5']);
    expect(closed?.rows.map((r) => r.row_id)).toEqual(['O1', 'O2', 'O5', 'O3', 'O4']);
    expect(e.sql.text).toContain('GROUPING SETS');
    expect(e.sql.text.match(/\$\d+/g)?.length).toBeGreaterThanOrEqual(e.sql.params.length);
  });

  it('pages through the rows of an enterprise value; the pages add up to it', async () => {
    const first = await explainKpi(t.store, KPI_SETTINGS, catalog, {
      kpiId: 'bookings',
      node: 'enterprise:ENT',
      period: 'FY2024-Q1',
      pageSize: 2,
    });
    const second = await explainKpi(t.store, KPI_SETTINGS, catalog, {
      kpiId: 'bookings',
      node: 'enterprise:ENT',
      period: 'FY2024-Q1',
      pageSize: 2,
      page: 2,
    });
    const m1 = first.measures[0];
    const m2 = second.measures[0];
    expect(m1?.rowCount).toBe(4);
    const ids = [...(m1?.rows ?? []), ...(m2?.rows ?? [])].map((r) => r.row_id);
    expect(ids).toEqual(['L1', 'L2', 'L3', 'L4']);
    const total = [...(m1?.rows ?? []), ...(m2?.rows ?? [])].reduce((s, r) => s + Number(r.contribution), 0);
    expect(total).toBe(4_100_000);
    expect(Number(m1?.contributionSum)).toBe(4_100_000);
    expect(first.numerator).toBe('4100000.000000');
  });

  it('lists the customers behind a team churn rate as of the quarter end', async () => {
    // At 2025-06-30, K1, K2 and K3 (all owned in T1) were active a year earlier; K3 has bought nothing since.
    const e = await explainKpi(t.store, KPI_SETTINGS, catalog, { kpiId: 'churn_rate', node: 'T1', period: 'FY2025-Q2' });
    expect(e.value).toBeCloseTo(1 / 3, 12);
    expect([e.numerator, e.denominator]).toEqual(['1.000000', '3.000000']);
    const ids = (name: string) => e.measures.find((m) => m.name === name)?.rows.map((r) => r.row_id);
    expect(ids('customers_churned')).toEqual(['K3/2025-06-01']);
    expect(ids('customers_active_year_ago')).toEqual(['K1/2025-06-01', 'K2/2025-06-01', 'K3/2025-06-01']);
    expect(e.measures.every((m) => m.rows.every((r) => String(r.row_date).startsWith('2025-06-30')))).toBe(true);
  });

  it.each([
    // NRR T1 at 2025-06-30: K1 600,000 + K2 2,750,000 + K3 0 over 1,400,000 + 2,000,000 + 2,000,000
    ['net_revenue_retention', 'T1', 'FY2025-Q2', { cohort_net_t12: 3_350_000, cohort_net_prior_t12: 5_400_000 }],
    // tenure at 2025-03-31: RA 1,183 + RB 1,034 + RC 819 + RD 181 + RF 147 days
    ['average_tenure_days', 'ENT', 'FY2025-Q1', { tenure_days_at_end: 3364 }],
    // stale at 2025-03-31 in T1: O10, O12, O13, O16 of O10–O13, O16
    ['stale_opportunity_share', 'T1', 'FY2025-Q1', { stale_open_opps: 4, open_opps_at_end: 5 }],
    // the ten largest active customers at 2025-03-31: all four, K1 1,000,000 + K2 250,000 + K3 1,200,000 + K4 330,000
    ['customer_concentration', 'ENT', 'FY2025-Q1', { top10_customers_net_t12: 2_780_000, active_customers_net_t12: 2_780_000 }],
    // L9's EUR schedule for February and March at 1.10
    ['recognised_revenue', 'T2', 'FY2025-Q1', { recognised_revenue_amount: 220_000 }],
  ] as const)('pages %s of %s in %s through rows that add up to each measure', async (kpiId, node, period, sums) => {
    const e = await explainKpi(t.store, KPI_SETTINGS, catalog, { kpiId, node, period });
    for (const [name, sum] of Object.entries(sums)) {
      const m = e.measures.find((x) => x.name === name);
      expect(m, name).toBeDefined();
      expect(Number(m?.contributionSum), name).toBe(sum);
      expect(
        m?.rows.reduce((acc, r) => acc + Number(r.contribution), 0),
        name,
      ).toBe(sum);
      expect(m?.rowCount, name).toBe(m?.rows.length);
    }
  });

  it('shows each (customer, product line) pair behind lines per customer as readable text', async () => {
    // Trailing 12 months to June 2024 at the enterprise: K1 {HW}, K2 {HW}, K3 {HW, SW} = 4 pairs (golden test).
    const e = await explainKpi(t.store, KPI_SETTINGS, catalog, { kpiId: 'lines_per_customer', node: 'ENT', period: '2024-06' });
    const pairs = e.measures.find((m) => m.name === 'customer_lines_12m');
    expect(pairs?.distinctContributions).toBe(4);
    const shown = [...new Set(pairs?.rows.map((r) => String(r.contribution)))].sort();
    expect(shown).toHaveLength(4);
    // key()'s separator (U+0001) is shown as ' | ', never as a control character.
    for (const s of shown) expect(s).toMatch(/^K\d \| \S+$/);
  });

  it('lists only the largest rows of a top sum, ranked at the node', async () => {
    // At 2025-03-31 the enterprise's two largest active customers are K3 1,200,000 and K1 1,000,000 (then K4, K2).
    const e = await explainKpi(t.store, KPI_SETTINGS, catalogWithTop2Share(), { kpiId: 'top2_share', node: 'ENT', period: 'FY2025-Q1' });
    const top = e.measures.find((m) => m.name === 'top2_customers_net_t12');
    expect(top?.rows.map((r) => [r.row_id, Number(r.contribution)])).toEqual([
      ['K1/2025-03-01', 1_000_000],
      ['K3/2025-03-01', 1_200_000],
    ]);
    expect(Number(top?.contributionSum)).toBe(2_200_000);
    expect(e.value).toBeCloseTo(2_200_000 / 2_780_000, 12);
  });

  it('refuses an unknown KPI, node or period with a clear message', async () => {
    await expect(explainKpi(t.store, KPI_SETTINGS, catalog, { kpiId: 'nope', node: 'T1', period: '2024-01' })).rejects.toThrow(
      'unknown KPI `nope`',
    );
    await expect(explainKpi(t.store, KPI_SETTINGS, catalog, { kpiId: 'win_rate', node: 'ZZ', period: '2024-01' })).rejects.toThrow(
      'no rep or org unit ZZ',
    );
    // kind:id names a node of that kind, or nothing: a team id under another kind is not found either.
    for (const node of ['team:ZZ', 'rep:T1', 'division:T1']) {
      await expect(explainKpi(t.store, KPI_SETTINGS, catalog, { kpiId: 'win_rate', node, period: '2024-01' })).rejects.toThrow(
        `no ${node.replace(':', ' ')}; the node list`,
      );
    }
    await expect(
      explainKpi(t.store, KPI_SETTINGS, catalog, { kpiId: 'win_rate', node: 'team:T1', period: '2024-01' }),
    ).resolves.toBeTruthy();
    await expect(explainKpi(t.store, KPI_SETTINGS, catalog, { kpiId: 'win_rate', node: 'T1', period: 'soon' })).rejects.toThrow(
      'is not a period',
    );
  });
});

describe('additive KPIs roll up (DuckDB, fast-check)', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore('duckdb');
    await importFixture(t.store);
  });
  afterAll(async () => t?.dispose());

  it('a parent’s bookings equal the sum over its children in every period', async () => {
    const line = fc.record({
      rep: fc.constantFrom('RA', 'RB', 'RC'),
      day: fc.integer({ min: 0, max: 364 }),
      amount: fc.integer({ min: -50_000, max: 5_000_000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 25 }), async (lines) => {
        await t.store.query(sql`DELETE FROM order_line`);
        for (const [i, l] of lines.entries()) {
          const date = new Date(Date.UTC(2024, 0, 1 + l.day)).toISOString().slice(0, 10);
          await t.store.query(sql`INSERT INTO order_line (id, order_id, customer_id, rep_id, product_id, booked_at, quantity, amount_minor, currency, status, amount_rc_minor)
            VALUES (${param(`X${i}`)}, ${param(`X${i}`)}, 'K1', ${param(l.rep)}, 'P1', CAST(${param(date)} AS DATE), 1, ${param(l.amount)}, 'USD', 'active', ${param(l.amount)})`);
        }
        await computeKpis(t.store, KPI_SETTINGS, catalog, { from: '2024-01-01', to: '2025-01-01', kpiIds: ['bookings'] });
        const rows = await t.store.query<{ node_kind: string; node_id: string; period_label: string; numerator: string }>(
          sql`SELECT node_kind, node_id, period_label, numerator FROM kpi_value WHERE kpi_id = 'bookings'`,
        );
        const at = (kind: string, id: string, p: string) =>
          Number(rows.find((r) => r.node_kind === kind && r.node_id === id && r.period_label === p)?.numerator ?? 0);
        for (const p of new Set(rows.map((r) => r.period_label))) {
          const reps = rows.filter((r) => r.node_kind === 'rep' && r.period_label === p).reduce((s, r) => s + Number(r.numerator), 0);
          const teams = at('team', 'T1', p) + at('team', 'T2', p);
          expect(teams).toBe(reps);
          expect(at('region', 'REG', p)).toBe(teams);
          expect(at('division', 'DIV', p)).toBe(at('region', 'REG', p));
          expect(at('enterprise', 'ENT', p)).toBe(at('division', 'DIV', p));
        }
        const total = lines.reduce((s, l) => s + l.amount, 0);
        expect(at('enterprise', 'ENT', 'FY2024')).toBe(total);
      }),
      { numRuns: 8 },
    );
  });
});
