import { describe, expect, it } from 'vitest';
import { kruskalWallis } from './kruskal-wallis';

describe('kruskalWallis', () => {
  it('matches the scipy.stats.kruskal documentation example without ties', () => {
    // N = 10, rank sums 25 and 30: H = 12/110 × (25²/5 + 30²/5) − 33 = 12/110 × 305 − 33 = 3/11
    // scipy.stats.kruskal([1,3,5,7,9], [2,4,6,8,10]) = (0.2727272727272734, pvalue=0.6015081344405895)
    const got = kruskalWallis([
      [1, 3, 5, 7, 9],
      [2, 4, 6, 8, 10],
    ]);
    expect(got).toMatchObject({ df: 1, reason: null });
    expect(got.h).toBeCloseTo(3 / 11, 12);
    expect(got.pValue).toBeCloseTo(0.6015081344405895, 10);
  });

  it('corrects for ties, as in the scipy.stats.kruskal documentation example', () => {
    // three 1s rank 2, five 2s rank 6: rank sums 6, 18, 12. H = 12/72 × (36/3 + 324/3 + 144/2) − 27 = 32 − 27 = 5
    // tie correction 1 − ((27 − 3) + (125 − 5))/(512 − 8) = 1 − 144/504 = 5/7, so H = 7; with 2 df p = e^−3.5
    const got = kruskalWallis([
      [1, 1, 1],
      [2, 2, 2],
      [2, 2],
    ]);
    expect(got.h).toBeCloseTo(7, 12);
    expect(got.df).toBe(2);
    expect(got.pValue).toBeCloseTo(Math.exp(-3.5), 12);
  });

  it('corrects a single tie in unequal groups', () => {
    // pooled 1, 2, 3, 5, 7, 7, 9 rank 1, 2, 3, 4, 5.5, 5.5, 7; rank sums 15 (n = 3) and 13 (n = 4)
    // H = 12/56 × (225/3 + 169/4) − 24 = 1.125; one tie of 2: C = 1 − 6/336; H = 1.125/C = 1.1454545
    // scipy.stats.kruskal([5,7,7], [1,2,3,9]) = (1.1454545454545455, pvalue=0.2845026979112044)
    const got = kruskalWallis([
      [5, 7, 7],
      [1, 2, 3, 9],
    ]);
    expect(got.h).toBeCloseTo(1.1454545454545455, 12);
    expect(got.pValue).toBeCloseTo(0.2845026979112044, 10);
  });

  it('ignores empty groups', () => {
    expect(kruskalWallis([[], [1, 3, 5, 7, 9], [], [2, 4, 6, 8, 10]])).toMatchObject({ df: 1, reason: null });
  });

  it('gives no test for fewer than two groups or no variation at all', () => {
    expect(kruskalWallis([[1, 2, 3], []])).toEqual({ h: null, df: 0, pValue: null, reason: 'fewer than two groups have values' });
    expect(
      kruskalWallis([
        [4, 4],
        [4, 4, 4],
      ]),
    ).toEqual({ h: null, df: 1, pValue: null, reason: 'no variation' });
  });
});
