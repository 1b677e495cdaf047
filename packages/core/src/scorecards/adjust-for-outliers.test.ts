import { describe, expect, it } from 'vitest';
import { adjustActual, type DealForOutliers, findOutlierDeals } from './adjust-for-outliers';
import { medianMinor } from './median-minor';

describe('medianMinor', () => {
  it.each<[number[], number | null]>([
    [[], null],
    [[700], 700],
    [[300, 100, 200], 200], // odd count: the middle one
    [[400, 100, 300, 200], 250], // even count: (200 + 300) / 2
    [[100, 201], 151], // (100 + 201) / 2 = 150.5: half a minor unit rounds up
    [[-201, -100], -150], // (−301) / 2 = −150.5: rounds up, towards +∞
    [[9_007_199_254_740_990, 1], 4_503_599_627_370_496], // (9,007,199,254,740,991) / 2 = …495.5 → …496, exact
  ])('median of %j is %s', (amounts, want) => {
    expect(medianMinor(amounts)).toBe(want);
  });

  it('refuses an amount that is not a whole number of minor units', () => {
    expect(() => medianMinor([1.5])).toThrow(RangeError);
  });
});

const deal = (opportunityId: string, amountMinor: number, segment: string, isWon = true): DealForOutliers => ({
  opportunityId,
  amountMinor,
  segment,
  isWon,
});

describe('findOutlierDeals', () => {
  it('compares each deal with its own segment median', () => {
    const deals = [
      // smb, odd count of won deals: 100, 120, 900 → median 120; 5 × 120 = 600, so 900 is an outlier
      deal('S1', 100, 'smb'),
      deal('S2', 120, 'smb'),
      deal('S3', 900, 'smb'),
      // a lost smb deal is judged against the won median too: 700 > 600
      deal('S4', 700, 'smb', false),
      // enterprise, even count: 1,000, 2,000, 3,000, 50,000 → (2,000 + 3,000) / 2 = 2,500; 5 × 2,500 = 12,500
      deal('E1', 1_000, 'enterprise'),
      deal('E2', 2_000, 'enterprise'),
      deal('E3', 3_000, 'enterprise'),
      deal('E4', 50_000, 'enterprise'),
      // 12,500 is exactly 5 × the median: kept (only strictly greater is left out)
      deal('E5', 12_500, 'enterprise', false),
      // mid_market has no won deal, so no median and no outlier however large
      deal('M1', 10_000_000, 'mid_market', false),
    ];
    expect(findOutlierDeals(deals, 5)).toEqual([
      { opportunityId: 'S3', amountMinor: 900, segment: 'smb', segmentMedianMinor: 120 },
      { opportunityId: 'S4', amountMinor: 700, segment: 'smb', segmentMedianMinor: 120 },
      { opportunityId: 'E4', amountMinor: 50_000, segment: 'enterprise', segmentMedianMinor: 2_500 },
    ]);
  });

  it('finds nothing when no deal stands out', () => {
    expect(findOutlierDeals([deal('A', 100, 'smb'), deal('B', 300, 'smb')], 5)).toEqual([]); // median 200, limit 1,000
  });
});

describe('adjustActual', () => {
  it.each<[string, Parameters<typeof adjustActual>, ReturnType<typeof adjustActual>]>([
    [
      // win rate 3 / 5 = 0.6; leaving out one won deal (1, 1): (3 − 1) / (5 − 1) = 0.5
      'recomputes a ratio from its parts',
      [{ value: 0.6, numerator: 3, denominator: 5 }, [{ numerator: 1, denominator: 1 }], 1],
      { value: 0.5, numerator: 2, denominator: 4 },
    ],
    [
      // average deal size 1,100,000 / 4 = 275,000; two outliers (600,000, 1) and (300,000, 1):
      // (1,100,000 − 900,000) / (4 − 2) = 100,000 — not the mean of any ratios
      'takes several deals out at once',
      [
        { value: 275_000, numerator: 1_100_000, denominator: 4 },
        [
          { numerator: 600_000, denominator: 1 },
          { numerator: 300_000, denominator: 1 },
        ],
        1,
      ],
      { value: 100_000, numerator: 200_000, denominator: 2 },
    ],
    [
      // a lost outlier only leaves the denominator: win rate (2 − 0) / (8 − 1) × 100 = 28.571…
      'applies the scale after dividing',
      [{ value: 25, numerator: 2, denominator: 8 }, [{ numerator: 0, denominator: 1 }], 100],
      { value: (2 / 7) * 100, numerator: 2, denominator: 7 },
    ],
    [
      // the only closed deal was the outlier: (1 − 1) / (1 − 1) → no value, not 0
      'has no value when the denominator empties',
      [{ value: 1, numerator: 1, denominator: 1 }, [{ numerator: 1, denominator: 1 }], 1],
      { value: null, numerator: 0, denominator: 0 },
    ],
    [
      // additive: 1,000,000 − 400,000
      'subtracts from an additive KPI',
      [{ value: 1_000_000, numerator: 1_000_000, denominator: null }, [{ numerator: 400_000, denominator: 0 }], 1],
      { value: 600_000, numerator: 600_000, denominator: null },
    ],
    [
      'leaves an actual without parts alone',
      [{ value: null, numerator: null, denominator: null }, [{ numerator: 1, denominator: 1 }], 1],
      { value: null, numerator: null, denominator: null },
    ],
  ])('%s', (_, args, want) => {
    expect(adjustActual(...args)).toEqual(want);
  });

  it('refuses to take out more than the denominator holds', () => {
    expect(() => adjustActual({ value: 1, numerator: 1, denominator: 1 }, [{ numerator: 1, denominator: 2 }], 1)).toThrow(RangeError);
  });
});
