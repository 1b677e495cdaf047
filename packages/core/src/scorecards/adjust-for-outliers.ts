/**
 * The outlier-deal exception rule: one exceptional deal should not decide a
 * rep's average deal size or win rate.
 *
 * findOutlierDeals: a deal (won or lost) is an outlier when its amount is
 * strictly greater than `multiple` × the median amount of the won deals of
 * its customer segment (medianMinor: whole minor units, exact). The median is
 * taken over all the won deals passed in, the outliers themselves included (a
 * median barely moves for one large value), so the caller chooses the
 * population (e.g. the trailing year's won deals of the whole company). A
 * segment with no won deal has no median and therefore no outlier.
 *
 * adjustActual: the KPI recomputed from its parts without the excluded deals'
 * contributions: a ratio becomes (N − Σn) / (D − Σd) × scale, never an
 * average of ratios and never the old value nudged; an additive KPI (no
 * denominator) becomes N − Σn. When nothing is left in the denominator the
 * KPI has no value (not zero). Nothing is rounded.
 */
import { medianMinor } from './median-minor';
import type { ExcludedDeal, KpiActual } from './scorecard-types';

export interface DealForOutliers {
  opportunityId: string;
  /** Amount in the reporting currency's minor units. */
  amountMinor: number;
  segment: string;
  isWon: boolean;
}

/** The deals above `multiple` × their segment's median won deal, in input order, each with that median. */
export function findOutlierDeals(deals: readonly DealForOutliers[], multiple: number): ExcludedDeal[] {
  if (!(multiple > 0) || !Number.isFinite(multiple)) throw new RangeError(`an outlier multiple must be a positive number, not ${multiple}`);
  const wonBySegment = new Map<string, number[]>();
  for (const d of deals) {
    if (!d.isWon) continue;
    const amounts = wonBySegment.get(d.segment);
    if (amounts) amounts.push(d.amountMinor);
    else wonBySegment.set(d.segment, [d.amountMinor]);
  }
  const medians = new Map([...wonBySegment].map(([segment, amounts]) => [segment, medianMinor(amounts)]));
  const outliers: ExcludedDeal[] = [];
  for (const d of deals) {
    const median = medians.get(d.segment);
    if (median === undefined || median === null) continue;
    if (d.amountMinor > multiple * median) {
      outliers.push({ opportunityId: d.opportunityId, amountMinor: d.amountMinor, segment: d.segment, segmentMedianMinor: median });
    }
  }
  return outliers;
}

/** What one excluded deal added to a KPI's numerator and denominator. */
export interface OutlierContribution {
  numerator: number;
  denominator: number;
}

/** The actual recomputed without the given contributions; `scale` is the ratio's constant factor (1, or 100 for NPS). */
export function adjustActual(actual: KpiActual, contributions: readonly OutlierContribution[], scale: number): KpiActual {
  if (contributions.length === 0 || actual.numerator === null) return actual;
  const numerator = actual.numerator - contributions.reduce((sum, c) => sum + c.numerator, 0);
  if (actual.denominator === null) return { value: numerator, numerator, denominator: null };
  const denominator = actual.denominator - contributions.reduce((sum, c) => sum + c.denominator, 0);
  if (denominator < 0)
    throw new RangeError(`excluded rows take ${actual.denominator - denominator} from a denominator of ${actual.denominator}`);
  return { value: denominator === 0 ? null : (numerator / denominator) * scale, numerator, denominator };
}
