/**
 * One KPI's attainment, band and 0–10 score for a node and period.
 *
 * Missing data is never a zero: without an actual, a target, or a target above
 * zero, the KPI is `no_data` with the reason, and its weight goes to its
 * siblings (see rollUpScorecard).
 *
 * Scores (full precision; round only for display):
 * - relative: 10 × attainment / green_at, between 0 and 10: 10 from the green
 *   line up, 8.5 at the default red line (85 of 100).
 * - absolute: as relative with the target as the green line: 10 × attainment / 100.
 * - in_band: 10 inside the tolerance, falling linearly to 0 at twice
 *   red_beyond: 10 × (2R − d) / (2R − t) for a deviation d between the
 *   tolerance t and 2R, all in percent of the target.
 * A region's tolerance (tolerancePp) is applied to the band first (widenBand),
 * so it moves the score's green line as well as the band edges.
 */
import { assertNever } from '../domain/assert-never';
import type { Direction } from '../metrics/kpi-definition';
import { attainmentPct } from './attainment-pct';
import { bandFor } from './band-for';
import type { Band, BandSpec } from './scorecard-types';
import { widenBand } from './widen-band';

export interface KpiScoreInput {
  actual: number | null;
  target: number | null;
  direction: Direction;
  band: BandSpec;
  /** The region's tolerance in percentage points; 0 for none. */
  tolerancePp: number;
}

export interface KpiScore {
  attainmentPct: number | null;
  score: number | null;
  band: Band;
  noDataReason: string | null;
}

/** Attainment, band and score of one KPI, or no_data with the reason. */
export function scoreKpi(input: KpiScoreInput): KpiScore {
  if (input.actual === null) return noData('no value for this period');
  if (input.target === null) return noData('no target for this period');
  const band = widenBand(input.band, input.tolerancePp);
  const tolerancePct = band.type === 'in_band' ? band.tolerancePct : 0;
  const attainment = attainmentPct(input.actual, input.target, input.direction, tolerancePct);
  if (attainment.pct === null) return noData(attainment.reason ?? 'no attainment');
  return {
    attainmentPct: attainment.pct,
    score: clampScore(scoreFor(band, attainment.pct)),
    band: bandFor(band, input.actual, attainment.pct),
    noDataReason: null,
  };
}

function scoreFor(band: BandSpec, pct: number): number {
  switch (band.type) {
    case 'relative':
      return (10 * pct) / band.greenAtPct;
    case 'absolute':
      return (10 * pct) / 100;
    case 'in_band': {
      // attainment 100 − pct is how far outside the tolerance the actual is: d − t.
      const zeroAt = 2 * band.redBeyondPct - band.tolerancePct;
      return (10 * (zeroAt - (100 - pct))) / zeroAt;
    }
    default:
      return assertNever(band, 'band');
  }
}

function clampScore(score: number): number {
  return Math.min(10, Math.max(0, score));
}

function noData(reason: string): KpiScore {
  return { attainmentPct: null, score: null, band: 'no_data', noDataReason: reason };
}
