/**
 * The band of an objective, a perspective or a whole scorecard, read from its
 * score (the weighted mean of its children's 0–10 scores).
 *
 * The thresholds come from the default relative band (green at 100%, red
 * below 85%), under which a KPI scores 10 × attainment / 100:
 * - red below 8.5: on weighted average the children sit below the red line a
 *   single KPI has (10 × 85 / 100);
 * - green from 9.25: the middle of the default amber zone (8.5–10), i.e. on
 *   weighted average the children are nearer their green line than their red
 *   line. Asking for 10 would make a parent green only when every child is,
 *   so one amber KPI among twenty would turn an enterprise amber;
 * - amber in between. Edges belong to the better band.
 */
import { DEFAULT_RELATIVE_BAND } from './default-band';
import type { Band } from './scorecard-types';

/** A parent is red below this score: 8.5. */
export const PARENT_RED_BELOW_SCORE = (10 * DEFAULT_RELATIVE_BAND.redBelowPct) / DEFAULT_RELATIVE_BAND.greenAtPct;
/** A parent is green from this score: 9.25, halfway between the red line and 10. */
export const PARENT_GREEN_AT_SCORE = (10 + PARENT_RED_BELOW_SCORE) / 2;

/** Green, amber, red, or no_data when the parent has no score. */
export function bandForScore(score: number | null): Band {
  if (score === null) return 'no_data';
  if (score >= PARENT_GREEN_AT_SCORE) return 'green';
  return score < PARENT_RED_BELOW_SCORE ? 'red' : 'amber';
}
