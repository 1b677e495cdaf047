import { describe, expect, it } from 'vitest';
import { correlationPValue } from './correlation-p-value';

describe('correlationPValue', () => {
  it.each([
    // t = 2 with 10 df is r = 2/√(4 + 10); scipy: 2·t.sf(2, 10) = 0.07338803477074037
    [2 / Math.sqrt(14), 10, 0.07338803477074037],
    // the sign of r does not matter for a two-sided test
    [-2 / Math.sqrt(14), 10, 0.07338803477074037],
    // t = 20 with 30 df: 2·t.sf(20, 30) = 6.7490836657712895e-19, far below what 1 − CDF could show
    [20 / Math.sqrt(430), 30, 6.7490836657712895e-19],
  ])('r = %d with %d df has p = %d', (r, df, want) => {
    expect(correlationPValue(r, df) / want).toBeCloseTo(1, 10);
  });

  it('is 1 for no correlation and 0 for a perfect one', () => {
    expect(correlationPValue(0, 8)).toBe(1);
    expect(correlationPValue(1, 8)).toBe(0);
    expect(correlationPValue(-1, 8)).toBe(0);
  });
});
