import { describe, expect, it } from 'vitest';
import { regularisedIncompleteBeta } from './regularised-incomplete-beta';

describe('regularisedIncompleteBeta', () => {
  it.each([
    // Integer a, b: I_x(a, b) = P(Binomial(a+b−1, x) ≥ a). For (½; 2, 3): P(Bin(4, ½) ≥ 2) = (6 + 4 + 1)/16 = 0.6875
    [0.5, 2, 3, 0.6875],
    // I_x(½, ½) = (2/π)·asin(√x): (2/π)·asin(√0.2) = 0.2951672353
    [0.2, 0.5, 0.5, (2 / Math.PI) * Math.asin(Math.sqrt(0.2))],
    // I_x(a, 1) = x^a: 0.3^4 = 0.0081
    [0.3, 4, 1, 0.0081],
    // scipy.special.betainc(a, b, x), above and below the symmetry switch
    [0.9, 10, 2, 0.6973568802000002],
    [0.3, 5, 0.5, 0.0006913033857629756],
    [0.999, 100, 0.5, 0.6550435163244294],
    [0.01, 0.5, 30, 0.560665631094749],
  ])('I_%d(%d, %d) = %d', (x, a, b, want) => {
    expect(regularisedIncompleteBeta(x, a, b)).toBeCloseTo(want, 12);
  });

  it('converges for the large degrees of freedom of pooled series', () => {
    // scipy.special.betainc(500, 0.5, 0.99) and betainc(2000, 0.5, 0.95)
    expect(regularisedIncompleteBeta(0.99, 500, 0.5) / 0.0015273578790529906).toBeCloseTo(1, 9);
    expect(regularisedIncompleteBeta(0.95, 2000, 0.5) / 1.5724271513852328e-46).toBeCloseTo(1, 9);
  });

  it('is 0 and 1 at the ends', () => {
    expect(regularisedIncompleteBeta(0, 3, 0.5)).toBe(0);
    expect(regularisedIncompleteBeta(1, 3, 0.5)).toBe(1);
  });

  it('keeps a tiny tail probability instead of rounding it to zero', () => {
    // x^a/(a·B(a, b)) dominates for small x: I_1e-6(5, ½) ≈ 1e-30/(5·B(5, ½)) with B(5, ½) = 256/315
    const got = regularisedIncompleteBeta(1e-6, 5, 0.5);
    expect(got / (1e-30 / (5 * (256 / 315)))).toBeCloseTo(1, 5);
  });

  it('refuses arguments outside its domain', () => {
    expect(() => regularisedIncompleteBeta(1.5, 1, 1)).toThrow(/0 ≤ x ≤ 1/);
    expect(() => regularisedIncompleteBeta(0.5, 0, 1)).toThrow(/a, b > 0/);
  });
});
