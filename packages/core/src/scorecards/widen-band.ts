/**
 * A region's tolerance, in percentage points (positive = more lenient,
 * negative = stricter), applied to a band before it judges a KPI:
 * - relative: both thresholds drop by the points (green at 100 → 97 for +3);
 * - in_band: the tolerance and the red limit both widen by the points;
 * - absolute: both thresholds move towards red by that percent of the gap
 *   between them (green 40 / red 20 with +10 → green 38 / red 18).
 * A tolerance that leaves the band meaningless (green at 0% or below, a
 * negative tolerance) is a configuration bug, thrown as a RangeError.
 */
import { assertNever } from '../domain/assert-never';
import type { BandSpec } from './scorecard-types';

/** The band as it applies in a region with `tolerancePp` points of tolerance. */
export function widenBand(band: BandSpec, tolerancePp: number): BandSpec {
  if (!Number.isFinite(tolerancePp)) throw new RangeError(`tolerance must be a finite number of points, not ${tolerancePp}`);
  if (tolerancePp === 0) return band;
  switch (band.type) {
    case 'relative': {
      const widened = { ...band, greenAtPct: band.greenAtPct - tolerancePp, redBelowPct: band.redBelowPct - tolerancePp };
      if (!(widened.greenAtPct > 0)) throw new RangeError(`a tolerance of ${tolerancePp} points leaves green at ${widened.greenAtPct}%`);
      return widened;
    }
    case 'absolute': {
      const shift = ((band.red - band.green) * tolerancePp) / 100;
      return { ...band, green: band.green + shift, red: band.red + shift };
    }
    case 'in_band': {
      const widened = { ...band, tolerancePct: band.tolerancePct + tolerancePp, redBeyondPct: band.redBeyondPct + tolerancePp };
      if (widened.tolerancePct < 0) throw new RangeError(`a tolerance of ${tolerancePp} points leaves a band of ${widened.tolerancePct}%`);
      return widened;
    }
    default:
      return assertNever(band, 'band');
  }
}
