import { describe, expect, it } from 'vitest';
import { quantileSorted } from './quantile-sorted';

describe('quantileSorted', () => {
  const eight = [100, 200, 300, 400, 500, 600, 700, 800];
  it.each([
    [eight, 0.25, 275], // position 7 × 0.25 = 1.75: 200 + 0.75 × 100 (numpy.percentile gives 275)
    [eight, 0.5, 450], // position 3.5: halfway between 400 and 500
    [eight, 0.75, 625], // position 5.25: 600 + 0.25 × 100
    [eight, 0, 100],
    [eight, 1, 800],
    [[1, 3.2, 4.4, 6.1, 7.5], 0.25, 3.2], // position 1 exactly
    [[42], 0.75, 42],
  ])('quantile of %j at %d is %d', (sorted, p, want) => {
    expect(quantileSorted(sorted, p)).toBeCloseTo(want, 12);
  });

  it('refuses an empty list and p outside [0, 1]', () => {
    expect(() => quantileSorted([], 0.5)).toThrow(/no values/);
    expect(() => quantileSorted([1], 1.5)).toThrow(/0 ≤ p ≤ 1/);
  });
});
