import { describe, expect, it } from 'vitest';
import { buildKpiTarget, type TargetInputs } from './build-kpi-target';
import type { KpiActual } from './scorecard-types';
import { peerStats, territoryFactor, territoryFactorAmong } from './territory-factor';

const month = (value: number, numerator = value, denominator: number | null = null): KpiActual => ({ value, numerator, denominator });

const base: Omit<TargetInputs, 'policy'> = { unit: 'currency', aggregation: 'additive', grain: 'quarter' };

describe('buildKpiTarget', () => {
  it.each([
    {
      name: 'quota as imported',
      input: { ...base, policy: { source: 'quota', measure: 'bookings' }, quota: 300_000 } as TargetInputs,
      // The quota itself.
      value: 300_000,
      source: 'quota',
    },
    {
      name: 'trailing four quarters of an additive KPI, per quarter',
      input: {
        ...base,
        policy: { source: 'baseline', method: 'trailing_4q' },
        trailingPeriods: [month(2_000), month(3_000), month(4_000), month(3_000)],
      } as TargetInputs,
      // The four quarters before: 2,000 + 3,000 + 4,000 + 3,000 = 12,000 over 4 quarters = 3,000 per quarter.
      value: 3_000,
      source: 'baseline_trailing_4q',
    },
    {
      name: 'trailing four quarters with a seasonality index',
      input: {
        ...base,
        policy: { source: 'baseline', method: 'trailing_4q' },
        trailingPeriods: new Array(4).fill(month(3_003)),
        seasonality: { index: 1.2, step: '× seasonality 1.2 (Q4)' },
      } as TargetInputs,
      // 12,012 over 4 quarters = 3,003; × 1.2 = 3,603.6 → 3,604 minor units (half away from zero).
      value: 3_604,
      source: 'baseline_trailing_4q',
    },
    {
      name: 'a ratio recomputed from summed parts, not averaged',
      input: {
        ...base,
        unit: 'percent',
        aggregation: 'ratio_of_sums',
        policy: { source: 'baseline', method: 'trailing_4q' },
        // Three quarters of 3 won / 30 closed (10%), one busy quarter of 45 won / 50 closed (90%).
        trailingPeriods: [...new Array(3).fill(month(0.1, 3, 30)), month(0.9, 45, 50)],
        seasonality: { index: 1.5, step: 'ignored for ratios' },
      } as TargetInputs,
      // (9 + 45) / (90 + 50) = 54 / 140 = 0.385714…; the mean of the rates would be (0.3 + 0.9) / 4 = 0.3.
      // Seasonality applies to additive KPIs only.
      value: 54 / 140,
      source: 'baseline_trailing_4q',
    },
    {
      name: 'a rate per period (not aggregable) keeps the period’s length',
      input: {
        ...base,
        unit: 'count',
        aggregation: 'not_aggregable',
        policy: { source: 'baseline', method: 'trailing_4q' },
        // Activities per rep by quarter: 210, 190, 200, and one quarter with no value.
        trailingPeriods: [month(210), month(190), undefined, month(200)],
      } as TargetInputs,
      // Mean of the three quarters with a value: 600 / 3 = 200 per quarter (not a monthly 66.7).
      value: 200,
      source: 'baseline_trailing_4q',
    },
    {
      name: 'same period last year plus growth',
      input: {
        ...base,
        policy: { source: 'baseline', method: 'last_year_growth', growthPct: 10 },
        sameLastYear: month(50_000),
      } as TargetInputs,
      // 50,000 × 1.10 = 55,000.
      value: 55_000,
      source: 'baseline_last_year_growth',
    },
    {
      name: 'territory adjustment on a fixed target',
      input: {
        ...base,
        unit: 'count',
        policy: { source: 'fixed', value: 40 },
        territory: territoryFactor(150, [100, 50, 150]),
      } as TargetInputs,
      // Peers' mean potential = 300 / 3 = 100; factor 150 / 100 = 1.5; 40 × 1.5 = 60.
      value: 60,
      source: 'fixed',
    },
  ])('$name', ({ input, value, source }) => {
    const r = buildKpiTarget(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.target.value).toBeCloseTo(value, 9);
    expect(r.target.source).toBe(source);
    expect(r.target.provenance.length).toBeGreaterThan(0);
    // A full run says nothing and gets exactly the same target.
    const silent = buildKpiTarget({ ...input, explain: false });
    expect(silent).toEqual({ ok: true, target: { ...r.target, provenance: [] } });
  });

  it('records an override with its reason and what it replaced', () => {
    const r = buildKpiTarget({
      ...base,
      policy: { source: 'quota', measure: 'bookings' },
      quota: 300_000,
      override: { value: 250_000, reason: 'territory split in August', setBy: 'ops@acme.test', setAt: '2025-08-03T10:00:00' },
    });
    expect(r).toEqual({
      ok: true,
      target: {
        kpiId: '',
        value: 250_000,
        source: 'override',
        overrideReason: 'territory split in August',
        provenance: ['set by ops@acme.test on 2025-08-03: territory split in August (the quota target was 300,000)'],
      },
    });
  });

  it('says why there is no target', () => {
    expect(buildKpiTarget({ ...base, policy: { source: 'quota', measure: 'bookings' }, quota: null })).toEqual({
      ok: false,
      reason: 'no bookings quota for this node and period',
    });
    expect(buildKpiTarget({ ...base, policy: { source: 'baseline', method: 'trailing_4q' }, trailingPeriods: [] })).toEqual({
      ok: false,
      reason: 'no history in the trailing four quarters',
    });
  });
});

describe('territoryFactor', () => {
  it.each([
    // 200 over a peer mean of (200 + 50 + 50) / 3 = 100 → 2.0, clamped to 1.5.
    { potential: 200, peers: [200, 50, 50], factor: 1.5 },
    // 20 over a mean of 100 → 0.2, clamped to 0.5.
    { potential: 20, peers: [20, 180, 100], factor: 0.5 },
    // 90 over (90 + 110) / 2 = 100 → 0.9; zero-potential peers are ignored.
    { potential: 90, peers: [90, 110, 0], factor: 0.9 },
  ])('$potential among $peers → $factor', ({ potential, peers, factor }) => {
    const r = territoryFactor(potential, peers);
    expect(r.factor).toBeCloseTo(factor, 12);
  });

  it('gives no factor without a potential', () => {
    expect(territoryFactor(null, [1, 2])).toEqual({ factor: null, reason: 'no market potential for this node' });
  });

  it('gives the same factor and words against peers summarised once, and only the factor when nothing is said', () => {
    const peers = [90, 110, 0];
    expect(peerStats(peers)).toEqual({ count: 2, mean: 100 });
    expect(territoryFactorAmong(90, peerStats(peers))).toEqual(territoryFactor(90, peers));
    expect(territoryFactorAmong(90, peerStats(peers), false)).toEqual({ factor: 0.9, step: '' });
    expect(territoryFactorAmong(90, peerStats([0]))).toEqual({ factor: null, reason: 'no peer has a market potential' });
  });
});
