/**
 * Attainment: how far an actual got towards its target, in percent, whatever
 * the KPI's direction, so that 100% always means "on target".
 *
 * - higher_is_better: actual / target × 100.
 * - lower_is_better: (2 − actual / target) × 100. Linear, and the mirror of
 *   higher-is-better around 100%: 10% under a cost target scores 110%, 10% over
 *   it 90%, exactly as 10% over or under a sales target would.
 * - in_band: 100 inside [target × (1 − tol), target × (1 + tol)]; outside, 100
 *   minus the distance from the band's nearer edge in percent of the target:
 *   100 − (|actual − target| / target × 100 − tol%). Never above 100: there is
 *   no credit for overshooting a band.
 *
 * A target of zero or below has no meaningful ratio, so there is no
 * attainment (and the KPI has no score, not a zero one). Attainment is kept
 * between 0 and ATTAINMENT_CAP_PCT: one runaway KPI must not carry a
 * scorecard, and a negative actual (net bookings after cancellations) has
 * attained nothing. Each division comes after the multiplication by 100, so
 * whole-number inputs land exactly on band edges (85 of 100 is 85, not
 * 85.00000000000001). Nothing is rounded.
 */
import { assertNever } from '../domain/assert-never';
import type { Direction } from '../metrics/kpi-definition';

/** The highest attainment counted, in percent: twice the target. */
export const ATTAINMENT_CAP_PCT = 200;

export interface Attainment {
  pct: number | null;
  /** Why there is no attainment; null when there is one. */
  reason: string | null;
}

/** Direction-aware attainment in percent; `tolerancePct` is the half-width of an in_band KPI's band. */
export function attainmentPct(actual: number, target: number, direction: Direction, tolerancePct = 0): Attainment {
  if (!(target > 0)) return { pct: null, reason: 'target is zero or negative' };
  const pct = raw(actual, target, direction, tolerancePct);
  return { pct: Math.min(ATTAINMENT_CAP_PCT, Math.max(0, pct)), reason: null };
}

function raw(actual: number, target: number, direction: Direction, tolerancePct: number): number {
  switch (direction) {
    case 'higher_is_better':
      return (actual * 100) / target;
    case 'lower_is_better':
      return 200 - (actual * 100) / target;
    case 'in_band': {
      const deviationPct = (Math.abs(actual - target) * 100) / target;
      return 100 - Math.max(0, deviationPct - tolerancePct);
    }
    default:
      return assertNever(direction, 'direction');
  }
}
