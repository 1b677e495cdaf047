import { describe, expect, it } from 'vitest';
import { regularisedUpperGamma } from './regularised-upper-gamma';

describe('regularisedUpperGamma', () => {
  it.each([
    // Q(1, x) = e^−x
    [1, 1, Math.exp(-1)],
    // Q(½, x) = erfc(√x); erfc(√2) = 0.0455002639 (the two-sided normal tail beyond 2σ)
    [0.5, 2, 0.04550026389635857],
    // integer a: Q(a, x) = P(Poisson(x) < a); Q(3, 2.5) = e^−2.5 (1 + 2.5 + 2.5²/2) = 0.0820850 × 6.625
    [3, 2.5, Math.exp(-2.5) * 6.625],
    // chi-square with 2 df: P(χ² > 7) = Q(1, 3.5) = e^−3.5 = 0.0301973834
    [1, 3.5, 0.0301973834223185],
    // scipy.special.gammaincc(a, x), on both sides of x = a + 1
    [10, 5, 0.9681719426937951],
    [10, 20, 0.0049954123083075785],
    [50, 60, 0.08440668109369177],
    [0.5, 0.01, 0.887537083981715],
  ])('Q(%d, %d) = %d', (a, x, want) => {
    expect(regularisedUpperGamma(a, x)).toBeCloseTo(want, 12);
  });

  it('keeps a tiny tail probability instead of rounding it to zero', () => {
    // scipy.special.gammaincc(2, 100) = 3.75727673578106e-42 (= e^−100 · 101)
    expect(regularisedUpperGamma(2, 100) / 3.75727673578106e-42).toBeCloseTo(1, 10);
  });

  it('is 1 at x = 0', () => {
    expect(regularisedUpperGamma(2.5, 0)).toBe(1);
  });
});
