import { describe, expect, it } from 'vitest';
import { rngFor } from '../demo/prng';
import { type FairnessComparison, type FairnessDimension, fairnessReport, type RepForFairness } from './fairness-report';

function rep(repId: string, score: number | null, extra: Partial<RepForFairness> = {}): RepForFairness {
  return { repId, score, marketPotential: null, tenureDays: null, trainingCohort: null, ...extra };
}

function comparison(reps: readonly RepForFairness[], dimension: FairnessDimension): FairnessComparison {
  const found = fairnessReport(reps).comparisons.find((c) => c.dimension === dimension);
  if (found === undefined) throw new Error(`no ${dimension} comparison`);
  return found;
}

/** 48 reps with seeded tenure and cohort; `score(potentialRank, noise)` decides how much territory matters. */
function team(seed: number, score: (potentialShare: number, noise: number) => number): RepForFairness[] {
  return Array.from({ length: 48 }, (_, i) => {
    const rng = rngFor(seed, 2, i);
    return {
      repId: `rep-${i}`,
      score: Math.min(10, Math.max(0, score(i / 47, rng.normal()))),
      marketPotential: 200_000 + 50_000 * i,
      tenureDays: rng.between(30, 1500),
      trainingCohort: rng.pick(['2023-spring', '2023-autumn', '2024-spring']),
    };
  });
}

describe('fairnessReport', () => {
  it('splits by potential quartile and tests the split, on a hand-computed example', () => {
    // potentials 100..800: quartile cuts at 275, 450, 625 (type 7), so two reps per quartile.
    // Scores 1..8 rank as themselves; rank sums 3, 7, 11, 15: H = 12/72 × (9 + 49 + 121 + 225)/2 − 27 = 20/3
    // scipy.stats.kruskal([1,2],[3,4],[5,6],[7,8]) = (6.666666666666664, pvalue=0.08331630551120184): not flagged
    const reps = [1, 2, 3, 4, 5, 6, 7, 8].map((s) => rep(`r${s}`, s, { marketPotential: s * 100 }));
    const got = comparison(reps, 'market_potential');
    expect(got.groups.map((g) => [g.label, g.n, g.median])).toEqual([
      ['Q1 (≤ 275)', 2, 1.5],
      ['Q2 (275–450)', 2, 3.5],
      ['Q3 (450–625)', 2, 5.5],
      ['Q4 (> 625)', 2, 7.5],
    ]);
    expect(got.groups[1]?.range).toEqual({ above: 275, atMost: 450 });
    expect(got.test.h).toBeCloseTo(20 / 3, 12);
    expect(got.test.pValue).toBeCloseTo(0.08331630551120184, 10);
    expect(got.flag).toBeNull();
    expect(got.note).toBe('fewer than 5 reps in Q1 (≤ 275), Q2 (275–450), Q3 (450–625), Q4 (> 625): the p-value is a rough approximation');
  });

  it('summarises each group by n, mean, median and quartiles', () => {
    // cohort A scores 1.0, 3.2, 4.4, 6.1, 7.5: mean 22.2/5 = 4.44; p25, median, p75 at positions 1, 2, 3 = 3.2, 4.4, 6.1
    const reps = [1.0, 3.2, 4.4, 6.1, 7.5].map((s, i) => rep(`a${i}`, s, { trainingCohort: 'A' }));
    const [a] = comparison(reps, 'training_cohort').groups;
    expect(a).toMatchObject({ key: 'A', n: 5, median: 4.4, p25: 3.2, p75: 6.1, range: null });
    expect(a?.mean).toBeCloseTo(4.44, 12);
  });

  it('flags scores that rise with territory potential, naming the groups and the gap', () => {
    // score = 2 + 6 × (position in the potential order) + noise: Q1 medians near 2.8, Q4 near 7.2
    const got = comparison(
      team(5, (share, noise) => 2 + 6 * share + 0.5 * noise),
      'market_potential',
    );
    expect(got.test.pValue).toBeLessThan(0.001);
    expect(got.flag?.message).toMatch(
      /^Scores differ by territory market-potential quartile \(Kruskal–Wallis H = \d+\.\d\d, 3 df, p < 0\.001\): Q1 \(≤ [\d,.]+\) has the lowest median score \(\d\.\d\) and Q4 \(> [\d,.]+\) the highest \(\d\.\d\), a gap of \d\.\d points\.$/,
    );
    const [q1, , , q4] = got.groups;
    expect((q4?.median ?? 0) - (q1?.median ?? 0)).toBeGreaterThan(3);
  });

  it('does not flag potential when scores do not depend on it, nor cohorts and tenure that play no part', () => {
    const report = fairnessReport(team(9, (_share, noise) => 6 + 1.5 * noise));
    expect(report.comparisons.map((c) => [c.dimension, c.flag])).toEqual([
      ['market_potential', null],
      ['tenure', null],
      ['training_cohort', null],
    ]);
    expect(report.comparisons.every((c) => c.test.reason === null && c.test.pValue >= 0.05)).toBe(true);
  });

  it('flags a ramp-up penalty: new reps score lower whatever their territory', () => {
    const reps = team(13, (_share, noise) => 6 + 0.5 * noise).map((r) => ({
      ...r,
      score: (r.score ?? 0) - ((r.tenureDays ?? 0) < 183 ? 3 : 0),
    }));
    const got = comparison(reps, 'tenure');
    expect(got.flag?.message).toMatch(/: <6 months has the lowest median score \(\d\.\d\) and .* the highest/);
  });

  it('bands tenure at 6 months (183 days), a year (365) and two years (730)', () => {
    const reps = [0, 182, 183, 364, 365, 729, 730, 4000].map((days) => rep(`t${days}`, 5, { tenureDays: days }));
    expect(comparison(reps, 'tenure').groups.map((g) => [g.key, g.label, g.n])).toEqual([
      ['under_6_months', '<6 months', 2],
      ['6_to_12_months', '6–12 months', 2],
      ['1_to_2_years', '1–2 years', 2],
      ['2_years_plus', '2+ years', 2],
    ]);
  });

  it('counts reps without a score apart, and reps missing one attribute per comparison', () => {
    const reps = [
      rep('a', 4, { marketPotential: 10, tenureDays: 100, trainingCohort: 'A' }),
      rep('b', 6, { marketPotential: null, tenureDays: 400, trainingCohort: '  ' }),
      rep('c', null, { marketPotential: 30, tenureDays: 50, trainingCohort: 'B' }),
      rep('d', 8, { marketPotential: 20, tenureDays: null, trainingCohort: 'B' }),
    ];
    const report = fairnessReport(reps);
    expect(report).toMatchObject({ scored: 3, withoutScore: 1 });
    expect(report.comparisons.map((c) => [c.dimension, c.missing, c.groups.reduce((n, g) => n + g.n, 0)])).toEqual([
      ['market_potential', 1, 2],
      ['tenure', 1, 2],
      ['training_cohort', 1, 2],
    ]);
  });

  it('gives no test, and no flag, when everyone falls in one group', () => {
    const got = comparison([rep('a', 3, { trainingCohort: 'X' }), rep('b', 9, { trainingCohort: 'X' })], 'training_cohort');
    expect(got.test).toMatchObject({ h: null, reason: 'fewer than two groups have values' });
    expect(got.flag).toBeNull();
    expect(got.note).toBeNull();
  });
});
