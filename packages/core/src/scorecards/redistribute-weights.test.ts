import { describe, expect, it } from 'vitest';
import { redistributeWeights, type WeightedChild } from './redistribute-weights';

const child = (label: string, weight: number, score: number | null, noDataReason: string | null = null): WeightedChild => ({
  label,
  weight,
  score,
  noDataReason: score === null ? (noDataReason ?? 'no value for this period') : null,
});

describe('redistributeWeights', () => {
  it('is the plain weighted mean when every child has data', () => {
    // (60 × 10 + 40 × 5) / 100 = 8
    const r = redistributeWeights('P', [child('a', 60, 10), child('b', 40, 5)]);
    expect(r).toEqual({ score: 8, effectiveWeights: [60, 40], sentences: [] });
  });

  it("gives a missing child's weight to the others in proportion to theirs", () => {
    // nps (20) is missing; churn 50 and complaints 30 share 80: churn gets 20 × 50/80 = 12.5, complaints 7.5.
    // effective 50 × 100/80 = 62.5 and 30 × 100/80 = 37.5; score (50 × 8 + 30 × 10) / 80 = 8.75
    const r = redistributeWeights('Customer › Retain', [
      child('churn_rate', 50, 8),
      child('nps', 20, null),
      child('complaint_rate', 30, 10),
    ]);
    expect(r.score).toBe(8.75);
    expect(r.effectiveWeights).toEqual([62.5, 0, 37.5]);
    expect(r.sentences).toEqual([
      'Customer › Retain: nps has no data (no value for this period); its 20% went to churn_rate (+12.5%) and complaint_rate (+7.5%).',
    ]);
  });

  it('says each missing child in its own sentence, shares to two decimals', () => {
    // b (10) and c (20) missing; a and d share 70 as 40 : 30 → b gives 10 × 40/70 = 5.714 and 10 × 30/70 = 4.286;
    // c gives 11.43 and 8.57. Score (40 × 6 + 30 × 8) / 70 = 480 / 70 = 6.857…
    const r = redistributeWeights('F › Grow', [
      child('a', 40, 6),
      child('b', 10, null),
      child('c', 20, null, 'no target for this period'),
      child('d', 30, 8),
    ]);
    expect(r.score).toBeCloseTo(480 / 70, 12);
    expect(r.effectiveWeights).toEqual([(40 * 100) / 70, 0, 0, (30 * 100) / 70]);
    expect(r.sentences).toEqual([
      'F › Grow: b has no data (no value for this period); its 10% went to a (+5.71%) and d (+4.29%).',
      'F › Grow: c has no data (no target for this period); its 20% went to a (+11.43%) and d (+8.57%).',
    ]);
  });

  it('has no score and says nothing when every child is missing (the parent passes its weight up)', () => {
    const r = redistributeWeights('P', [child('a', 50, null), child('b', 50, null)]);
    expect(r).toEqual({ score: null, effectiveWeights: [0, 0], sentences: [] });
  });

  it('counts a zero score as data, not as missing', () => {
    // (50 × 0 + 50 × 10) / 100 = 5
    expect(redistributeWeights('P', [child('a', 50, 0), child('b', 50, 10)]).score).toBe(5);
  });

  it('moves the same weights without the sentences when asked to say nothing', () => {
    const children = [child('a', 40, 9), child('b', 10, null), child('d', 30, 8)];
    const said = redistributeWeights('F › Grow', children);
    expect(said.sentences).toHaveLength(1);
    expect(redistributeWeights('F › Grow', children, false)).toEqual({ ...said, sentences: [] });
  });
});
