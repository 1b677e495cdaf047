import { describe, expect, it } from 'vitest';
import { spearman } from './spearman';

describe('spearman', () => {
  it('matches the scipy.stats.spearmanr documentation example, with a tie', () => {
    // ranks of y = 5, 6, 7, 8, 7 are 1, 2, 3.5, 5, 3.5. About the mean rank 3: Σdxdy = 4 + 1 + 0 + 2 + 1 = 8,
    // Σdx² = 10, Σdy² = 4 + 1 + 0.25 + 4 + 0.25 = 9.5, so rho = 8/√95 = 0.8207826817.
    // scipy.stats.spearmanr([1,2,3,4,5], [5,6,7,8,7]) = (0.8207826816681233, pvalue=0.08858700531354381)
    const got = spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]);
    expect(got.rho).toBeCloseTo(8 / Math.sqrt(95), 12);
    expect(got.pValue).toBeCloseTo(0.08858700531354381, 10);
    expect(got.n).toBe(5);
  });

  it('matches the IQ and television example of the Wikipedia article', () => {
    // Σd² = 194 over 10 people without ties: rho = 1 − 6·194/(10·99) = −29/165 = −0.1757575758, p = 0.627188
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const hoursOfTv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    const got = spearman(iq, hoursOfTv);
    expect(got.rho).toBeCloseTo(-29 / 165, 12);
    // scipy.stats.spearmanr(iq, tv).pvalue = 0.6271883447764846
    expect(got.pValue).toBeCloseTo(0.6271883447764846, 10);
  });

  it('is 1 with p = 0 for a perfectly monotone relation, however curved', () => {
    expect(spearman([1, 2, 3, 4, 5, 6], [1, 4, 9, 16, 25, 36])).toEqual({ rho: 1, n: 6, pValue: 0, reason: null });
    expect(spearman([1, 2, 3, 4], [8, 4, 2, 1])).toMatchObject({ rho: -1, pValue: 0 });
  });

  it('reports no coefficient below 4 pairs', () => {
    expect(spearman([1, 2, 3], [3, 1, 2])).toEqual({ rho: null, n: 3, pValue: null, reason: '3 pairs; at least 4 are needed' });
  });

  it('reports no variation for a constant series instead of a zero correlation', () => {
    expect(spearman([4, 4, 4, 4, 4], [1, 2, 3, 4, 5])).toEqual({ rho: null, n: 5, pValue: null, reason: 'no variation' });
  });

  it('refuses unpaired or non-finite input, which is a bug in the caller', () => {
    expect(() => spearman([1, 2, 3, 4], [1, 2, 3])).toThrow(/paired/);
    expect(() => spearman([1, 2, Number.NaN, 4], [1, 2, 3, 4])).toThrow(/finite/);
  });
});
