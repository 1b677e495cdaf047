import { describe, expect, it } from 'vitest';
import type { Direction } from '../metrics/kpi-definition';
import { DEFAULT_IN_BAND_BAND, DEFAULT_RELATIVE_BAND } from './default-band';
import type { Band, BandSpec } from './scorecard-types';
import { scoreKpi } from './score-kpi';

type Row = [
  what: string,
  actual: number,
  target: number,
  direction: Direction,
  band: BandSpec,
  tolerancePp: number,
  pct: number,
  score: number,
  want: Band,
];

const REL = DEFAULT_RELATIVE_BAND; // green at 100, red below 85
const IN = DEFAULT_IN_BAND_BAND; // tolerance 5, red beyond 15
const NPS: BandSpec = { type: 'absolute', green: 40, red: 20 };
const CYCLE: BandSpec = { type: 'absolute', green: 60, red: 90 }; // days, lower is better

describe('scoreKpi', () => {
  it.each<Row>([
    // relative: score = 10 × attainment / green_at, clamped to 0–10
    ['exactly at green is green', 100, 100, 'higher_is_better', REL, 0, 100, 10, 'green'],
    ['just below green is amber', 99.99, 100, 'higher_is_better', REL, 0, 99.99, 9.999, 'amber'], // 10 × 99.99 / 100
    ['exactly at the red line is amber', 85, 100, 'higher_is_better', REL, 0, 85, 8.5, 'amber'], // 10 × 85 / 100
    ['just below the red line is red', 84.99, 100, 'higher_is_better', REL, 0, 84.99, 8.499, 'red'],
    ['over target scores no more than 10', 150, 100, 'higher_is_better', REL, 0, 150, 10, 'green'],
    ['nothing attained scores 0', 0, 100, 'higher_is_better', REL, 0, 0, 0, 'red'],
    // a stricter band: green at 110, red below 90. 99 of 90 = 110%: score 10 × 110 / 110
    ['custom band edge', 99, 90, 'higher_is_better', { type: 'relative', greenAtPct: 110, redBelowPct: 90 }, 0, 110, 10, 'green'],
    // 81 of 90 = 90%: red below 90 → amber; score 10 × 90 / 110 = 8.1818…
    ['custom red edge', 81, 90, 'higher_is_better', { type: 'relative', greenAtPct: 110, redBelowPct: 90 }, 0, 90, 900 / 110, 'amber'],
    // lower is better: 44 days against 40 → 200 − 110 = 90%: amber, score 9
    ['a cost over target', 44, 40, 'lower_is_better', REL, 0, 90, 9, 'amber'],
    // 47 of 40 → 200 − 117.5 = 82.5%: red, score 8.25
    ['a cost far over target', 47, 40, 'lower_is_better', REL, 0, 82.5, 8.25, 'red'],
    // tolerance +3 points: green at 97, red below 82
    ['97% is green with 3 points of tolerance', 97, 100, 'higher_is_better', REL, 3, 97, 10, 'green'], // 10 × 97 / 97
    ['96.99% is amber with 3 points of tolerance', 96.99, 100, 'higher_is_better', REL, 3, 96.99, 9699 / 97 / 10, 'amber'],
    ['82% is amber with 3 points of tolerance', 82, 100, 'higher_is_better', REL, 3, 82, 820 / 97, 'amber'], // 10 × 82 / 97 = 8.4536…
    ['81.99% is red with 3 points of tolerance', 81.99, 100, 'higher_is_better', REL, 3, 81.99, 819.9 / 97, 'red'],
    // a stricter region (−5 points): green at 105, red below 90
    ['100% is amber in a stricter region', 100, 100, 'higher_is_better', REL, -5, 100, 1000 / 105, 'amber'], // 9.5238…
    // absolute, higher is better (NPS 40 green, 20 red), target 40: score 10 × attainment / 100
    ['NPS at green', 40, 40, 'higher_is_better', NPS, 0, 100, 10, 'green'],
    ['NPS just below green', 39, 40, 'higher_is_better', NPS, 0, 97.5, 9.75, 'amber'], // 39 × 100 / 40
    ['NPS at red', 20, 40, 'higher_is_better', NPS, 0, 50, 5, 'amber'], // 20 is not below 20
    ['NPS below red', 19, 40, 'higher_is_better', NPS, 0, 47.5, 4.75, 'red'],
    // +10 points move both thresholds 10% of the gap (20) towards red: green 38, red 18
    ['NPS 38 is green with 10 points of tolerance', 38, 40, 'higher_is_better', NPS, 10, 95, 9.5, 'green'],
    ['NPS 17.9 is red with 10 points of tolerance', 17.9, 40, 'higher_is_better', NPS, 10, 44.75, 4.475, 'red'],
    // absolute, lower is better (green ≤ 60 days, red > 90), target 60
    ['cycle at green', 60, 60, 'lower_is_better', CYCLE, 0, 100, 10, 'green'],
    ['cycle at red', 90, 60, 'lower_is_better', CYCLE, 0, 50, 5, 'amber'], // 200 − 150
    ['cycle beyond red', 91, 60, 'lower_is_better', CYCLE, 0, 200 - 9100 / 60, (200 - 9100 / 60) / 10, 'red'],
    // +10 points: gap 30, thresholds move 3 days towards red: green 63, red 93
    ['cycle 63 is green with 10 points of tolerance', 63, 60, 'lower_is_better', CYCLE, 10, 95, 9.5, 'green'],
    // in_band (5 / 15): score 10 inside, then 10 × (30 − d) / (30 − 5) for deviation d
    ['inside the band', 104, 100, 'in_band', IN, 0, 100, 10, 'green'],
    ['on the tolerance edge', 105, 100, 'in_band', IN, 0, 100, 10, 'green'],
    ['just outside the tolerance', 106, 100, 'in_band', IN, 0, 99, 9.6, 'amber'], // d 6: 10 × 24 / 25
    ['on the red edge', 85, 100, 'in_band', IN, 0, 90, 6, 'amber'], // d 15: 10 × 15 / 25
    ['just beyond the red edge', 84, 100, 'in_band', IN, 0, 89, 5.6, 'red'], // d 16: 10 × 14 / 25
    ['at twice red_beyond', 130, 100, 'in_band', IN, 0, 75, 0, 'red'], // d 30: 0
    ['beyond twice red_beyond', 150, 100, 'in_band', IN, 0, 55, 0, 'red'], // d 50: clamp 0
    // +3 points widen the band to 8 / 18: d 8 green; d 18 amber (score 10 × (36 − 18) / (36 − 8) = 6.4286); d 19 red
    ['widened tolerance edge', 108, 100, 'in_band', IN, 3, 100, 10, 'green'],
    ['widened red edge', 118, 100, 'in_band', IN, 3, 90, 180 / 28, 'amber'],
    ['beyond the widened red edge', 119, 100, 'in_band', IN, 3, 89, 170 / 28, 'red'],
  ])('%s', (_, actual, target, direction, band, tolerancePp, pct, score, want) => {
    const r = scoreKpi({ actual, target, direction, band, tolerancePp });
    expect(r.band).toBe(want);
    expect(r.attainmentPct).toBeCloseTo(pct, 9);
    expect(r.score).toBeCloseTo(score, 9);
    expect(r.noDataReason).toBeNull();
  });

  it.each<[string, number | null, number | null, string]>([
    ['no actual', null, 100, 'no value for this period'],
    ['no target', 100, null, 'no target for this period'],
    ['a zero target', 100, 0, 'target is zero or negative'],
    ['neither', null, null, 'no value for this period'],
  ])('has no data with %s, never a zero score', (_, actual, target, reason) => {
    expect(scoreKpi({ actual, target, direction: 'higher_is_better', band: REL, tolerancePp: 0 })).toEqual({
      attainmentPct: null,
      score: null,
      band: 'no_data',
      noDataReason: reason,
    });
  });

  it('refuses a tolerance that leaves no green line', () => {
    expect(() => scoreKpi({ actual: 1, target: 1, direction: 'higher_is_better', band: REL, tolerancePp: 100 })).toThrow(RangeError);
  });
});
