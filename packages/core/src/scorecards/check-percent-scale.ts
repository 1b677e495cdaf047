/**
 * Percent KPIs are stored as fractions (a 40% win rate is 0.4), and absolute
 * thresholds and fixed targets are written in the stored unit. A value above
 * 10 (1,000%) on a percent KPI is almost surely a percentage typed as one.
 */
import type { Diagnostic } from '../domain/domain-error';
import type { KpiDef } from '../metrics/kpi-definition';

const LARGEST_PLAUSIBLE_FRACTION = 10;

/** A diagnostic when a percent KPI's threshold or target looks like a percentage, not a fraction. */
export function checkPercentScale(def: KpiDef, value: number, path: string): Diagnostic | null {
  if (def.unit !== 'percent' || Math.abs(value) <= LARGEST_PLAUSIBLE_FRACTION) return null;
  return {
    path,
    message: `\`${def.id}\` is a percent stored as a fraction (0.4 = 40%); ${value} would mean ${value * 100}%, write ${value / 100}`,
  };
}
