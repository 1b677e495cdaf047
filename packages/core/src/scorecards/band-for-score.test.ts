import { describe, expect, it } from 'vitest';
import { bandForScore, PARENT_GREEN_AT_SCORE, PARENT_RED_BELOW_SCORE } from './band-for-score';
import type { Band } from './scorecard-types';

describe('bandForScore', () => {
  it('derives its thresholds from the default relative band', () => {
    expect(PARENT_RED_BELOW_SCORE).toBe(8.5); // 10 × 85 / 100
    expect(PARENT_GREEN_AT_SCORE).toBe(9.25); // (10 + 8.5) / 2
  });

  it.each<[number | null, Band]>([
    [10, 'green'],
    [9.25, 'green'], // the green edge is green
    [9.2499, 'amber'],
    [8.5, 'amber'], // the red edge is amber
    [8.4999, 'red'],
    [0, 'red'],
    [null, 'no_data'],
  ])('a parent scoring %s is %s', (score, want) => {
    expect(bandForScore(score)).toBe(want);
  });
});
