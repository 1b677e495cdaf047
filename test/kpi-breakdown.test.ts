/**
 * KPI values by product line, customer segment and territory, checked by hand
 * on the small test company (fixtures/company-kpi), on both engines: each
 * slice is recomputed from its own rows (a ratio from its own numerator and
 * denominator), additive slices add up to the total, and a KPI whose facts do
 * not carry the dimension is refused with the reason.
 */
import { DomainError } from '@cairn/core/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiBreakdown } from '../packages/server/src/metrics/kpi-breakdown';
import { readKpiCatalog } from '../packages/server/src/metrics/read-kpi-catalog';
import { createTestStore, type TestStore, testEngines } from '../test-support/test-stores';
import { importFixture, KPI_SETTINGS } from './metrics-support';

const catalog = readKpiCatalog();
const slices = (b: Awaited<ReturnType<typeof kpiBreakdown>>) =>
  Object.fromEntries(b.slices.map((s) => [s.label, [s.value, Number(s.numerator ?? Number.NaN), Number(s.denominator ?? Number.NaN)]]));

describe.each(testEngines())('KPI breakdowns (%s)', (engine) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(engine);
    await importFixture(t.store);
  }, 120_000);
  afterAll(async () => t?.dispose());

  const breakdown = (kpiId: string, by: 'product_line' | 'segment' | 'territory', period = 'FY2024-Q1') =>
    kpiBreakdown(t.store, KPI_SETTINGS, catalog, { kpiId, node: 'enterprise:ENT', period, by });

  it('splits net bookings by product line and by segment, each adding up to the total', async () => {
    // FY2024-Q1: L1 10,000 (HW, Kite), L2 20,000 (HW, Larch), L3 3,000 (SW, Larch) booked and cancelled
    // in the quarter, L4 8,000 (HW, Moss): net 38,000.00.
    const byLine = await breakdown('net_bookings', 'product_line');
    expect(Number(byLine.total.value)).toBe(3_800_000);
    expect(byLine.slices.map((s) => [s.label, Number(s.value)])).toEqual([
      ['HW', 3_800_000],
      ['SW', 0],
    ]);
    const bySegment = await breakdown('net_bookings', 'segment');
    expect(bySegment.slices.map((s) => [s.label, Number(s.value)])).toEqual([
      ['enterprise', 1_000_000],
      ['mid_market', 800_000],
      ['smb', 2_000_000],
    ]);
    // The test company's customers have no territory: all of it is in "none".
    const byTerritory = await breakdown('net_bookings', 'territory');
    expect(byTerritory.slices.map((s) => [s.key, s.label, Number(s.value)])).toEqual([[null, 'none', 3_800_000]]);
  });

  it('recomputes a ratio in each slice from the slice’s own wins and closes, never averaged', async () => {
    // FY2024-Q1 closes: Kite (enterprise) O1 won, O2, O3, O4 lost; Larch (smb) O5 won; Moss (mid market) O6 won.
    const b = await breakdown('win_rate', 'segment');
    expect([b.total.value, Number(b.total.numerator), Number(b.total.denominator)]).toEqual([0.5, 3, 6]);
    expect(slices(b)).toEqual({ enterprise: [0.25, 1, 4], mid_market: [1, 1, 1], smb: [1, 1, 1] });
    const sum = (k: 'numerator' | 'denominator') => b.slices.reduce((a, s) => a + Number(s[k]), 0);
    expect([sum('numerator'), sum('denominator')]).toEqual([3, 6]);
  });

  it('refuses a breakdown the KPI’s facts cannot carry, saying which fact lacks it and what works', async () => {
    const e = await breakdown('rep_attrition', 'product_line').then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).message).toMatch(/^`rep_attrition` reads .* which ha(s|ve) no product line; /);
  });
});
