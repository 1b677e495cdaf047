import { describe, expect, it } from 'vitest';
import type { Direction } from '../metrics/kpi-definition';
import { attainmentPct } from './attainment-pct';

describe('attainmentPct', () => {
  it.each<[string, number, number, Direction, number, number]>([
    // higher_is_better: actual × 100 / target
    ['on target', 100, 100, 'higher_is_better', 0, 100],
    ['at the default red line', 85, 100, 'higher_is_better', 0, 85], // 85 × 100 / 100
    ['short of a sales target', 450, 600, 'higher_is_better', 0, 75], // 450 × 100 / 600
    ['over a sales target', 130, 100, 'higher_is_better', 0, 130],
    ['capped at twice the target', 350, 100, 'higher_is_better', 0, 200], // 350 → cap 200
    ['negative net bookings attain nothing', -20, 100, 'higher_is_better', 0, 0], // −20 → floor 0
    // lower_is_better: 200 − actual × 100 / target, the mirror of higher-is-better around 100
    ['10% under a cost target', 36, 40, 'lower_is_better', 0, 110], // 200 − 3600 / 40 = 200 − 90
    ['10% over a cost target', 44, 40, 'lower_is_better', 0, 90], // 200 − 4400 / 40 = 200 − 110
    ['a perfect zero', 0, 40, 'lower_is_better', 0, 200], // 200 − 0
    ['three times the cost target', 120, 40, 'lower_is_better', 0, 0], // 200 − 300 → floor 0
    // in_band with a 5% tolerance: 100 − max(0, |actual − target| × 100 / target − 5)
    ['inside the band', 104, 100, 'in_band', 5, 100], // deviation 4 ≤ 5
    ['on the band edge', 95, 100, 'in_band', 5, 100], // deviation 5
    ['above the band', 115, 100, 'in_band', 5, 90], // deviation 15: 100 − (15 − 5)
    ['below the band', 40, 50, 'in_band', 5, 85], // deviation 10 × 100 / 50 = 20: 100 − 15
    ['far outside the band', 400, 100, 'in_band', 5, 0], // deviation 300: 100 − 295 → floor 0
    ['in_band with no tolerance', 110, 100, 'in_band', 0, 90], // deviation 10
  ])('%s', (_, actual, target, direction, tolerance, want) => {
    expect(attainmentPct(actual, target, direction, tolerance)).toEqual({ pct: want, reason: null });
  });

  it.each<[number, Direction]>([
    [0, 'higher_is_better'],
    [-5, 'higher_is_better'],
    [0, 'lower_is_better'],
    [0, 'in_band'],
  ])('has no attainment for a target of %d (%s)', (target, direction) => {
    expect(attainmentPct(10, target, direction, 5)).toEqual({ pct: null, reason: 'target is zero or negative' });
  });
});
