/**
 * The band a template KPI gets when it states none. An in_band KPI can only be
 * judged by distance from its target, so it defaults to an in_band band; every
 * other KPI to the relative band: green at 100% of target, red below 85%.
 */
import { assertNever } from '../domain/assert-never';
import type { Direction } from '../metrics/kpi-definition';
import type { BandSpec } from './scorecard-types';

export const DEFAULT_RELATIVE_BAND = { type: 'relative', greenAtPct: 100, redBelowPct: 85 } as const satisfies BandSpec;
export const DEFAULT_IN_BAND_BAND = { type: 'in_band', tolerancePct: 5, redBeyondPct: 15 } as const satisfies BandSpec;

/** The default band for a KPI of this direction. */
export function defaultBand(direction: Direction): BandSpec {
  switch (direction) {
    case 'higher_is_better':
    case 'lower_is_better':
      return DEFAULT_RELATIVE_BAND;
    case 'in_band':
      return DEFAULT_IN_BAND_BAND;
    default:
      return assertNever(direction, 'direction');
  }
}
