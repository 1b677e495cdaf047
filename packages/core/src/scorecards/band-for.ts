/**
 * The band of a KPI that has an attainment. Edges belong to the better band:
 * exactly at green is green, exactly at the red threshold is amber.
 * - relative: green when attainment ≥ green_at, red when < red_below.
 * - absolute: the actual in the KPI's unit against the thresholds. Which way is
 *   better follows their order (green above red: higher is better), which the
 *   template loader has checked against the KPI's direction.
 * - in_band: green inside the tolerance; red beyond red_beyond_pct of the
 *   target. In attainment terms (see attainmentPct): green at 100, red below
 *   100 − (red_beyond − tolerance).
 */
import { assertNever } from '../domain/assert-never';
import type { Band, BandSpec } from './scorecard-types';

/** Green, amber or red for an actual and its attainment under a band. */
export function bandFor(band: BandSpec, actual: number, attainmentPct: number): Exclude<Band, 'no_data'> {
  switch (band.type) {
    case 'relative':
      return grade(attainmentPct >= band.greenAtPct, attainmentPct < band.redBelowPct);
    case 'absolute':
      return band.green > band.red ? grade(actual >= band.green, actual < band.red) : grade(actual <= band.green, actual > band.red);
    case 'in_band':
      return grade(attainmentPct >= 100, attainmentPct < 100 - (band.redBeyondPct - band.tolerancePct));
    default:
      return assertNever(band, 'band');
  }
}

function grade(green: boolean, red: boolean): Exclude<Band, 'no_data'> {
  if (green) return 'green';
  return red ? 'red' : 'amber';
}
