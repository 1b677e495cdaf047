/**
 * Baselines from a node's own history. A ratio is recomputed from the summed
 * numerators and denominators of the months it covers, never averaged; an
 * additive KPI's trailing twelve months are spread evenly over the target
 * period's months (seasonality is applied afterwards, separately and visibly).
 */
import type { Aggregation } from '../metrics/kpi-definition';
import type { KpiActual } from './scorecard-types';

export interface Baseline {
  value: number;
  step: string;
}

const GRAIN_MONTHS = { month: 1, quarter: 3, year: 12 } as const;

/**
 * The trailing four quarters as a baseline, read at the target's own grain:
 * the 12 months before the period as 12 months, 4 quarters or 1 year, so a
 * rate per period (activities per rep) keeps the period's length. Additive
 * KPIs average per period (a missing period counts as nothing booked); ratios
 * are recomputed from the summed parts; KPIs that can be neither (distinct
 * counts, percentiles, ratios of distinct counts) take the mean of the
 * periods that have a value.
 */
export function trailingFourQuarterBaseline(
  periods: readonly (KpiActual | undefined)[],
  aggregation: Aggregation,
  grain: keyof typeof GRAIN_MONTHS,
  explain = true,
): Baseline | { value: null; reason: string } {
  // One pass over the periods with a value, summing in their order (a full run calls this millions of times).
  let count = 0;
  let values = 0;
  let n = 0;
  let d = 0;
  let scale = 1;
  let scaleFound = false;
  for (const m of periods) {
    if (m === undefined || m.value === null) continue;
    count++;
    values += m.value;
    n += m.numerator ?? 0;
    d += m.denominator ?? 0;
    // A ratio KPI may carry a constant factor (× 100 for percent): value / (N / D) recovers it.
    if (!scaleFound && m.numerator && m.denominator) {
      scale = Math.round((m.value / (m.numerator / m.denominator)) * 1e6) / 1e6;
      scaleFound = true;
    }
  }
  if (count === 0) return { value: null, reason: 'no history in the trailing four quarters' };
  switch (aggregation) {
    case 'additive': {
      const value = values / periods.length;
      const unit = `${periods.length} ${grain}${periods.length === 1 ? '' : 's'}`;
      return { value, step: explain ? `trailing four quarters: ${fmt(values)} over ${unit} = ${fmt(value)} per ${grain}` : '' };
    }
    case 'ratio_of_sums': {
      if (d === 0) return { value: null, reason: 'the trailing four quarters have a zero denominator' };
      const value = (n / d) * scale;
      return {
        value,
        step: explain ? `trailing four quarters: ${fmt(n)} / ${fmt(d)}${scale === 1 ? '' : ` × ${scale}`} = ${fmt(value)}` : '',
      };
    }
    case 'mean_of_entities': {
      if (d === 0) return { value: null, reason: 'no entities in the trailing four quarters' };
      return { value: n / d, step: explain ? `trailing four quarters: ${fmt(n)} over ${fmt(d)} entities = ${fmt(n / d)}` : '' };
    }
    case 'distinct_count':
    case 'not_aggregable': {
      const value = values / count;
      return { value, step: explain ? `trailing four quarters: mean of ${count} ${grain} values = ${fmt(value)}` : '' };
    }
    default: {
      const never: never = aggregation;
      throw new Error(`unknown aggregation ${String(never)}`);
    }
  }
}

/** How many periods of a grain make the trailing four quarters. */
export function trailingPeriodCount(grain: keyof typeof GRAIN_MONTHS): number {
  return 12 / GRAIN_MONTHS[grain];
}

export const grainMonths = (grain: keyof typeof GRAIN_MONTHS): number => GRAIN_MONTHS[grain];

/** The same period last year, grown by `growthPct` percent. */
export function lastYearGrowthBaseline(
  lastYear: KpiActual | undefined,
  growthPct: number,
  explain = true,
): Baseline | { value: null; reason: string } {
  if (!lastYear || lastYear.value === null) return { value: null, reason: 'no value for the same period last year' };
  const value = lastYear.value * (1 + growthPct / 100);
  return { value, step: explain ? `same period last year ${fmt(lastYear.value)} × (1 + ${growthPct}%) = ${fmt(value)}` : '' };
}

// One formatter each, made once: toLocaleString builds a new one per call, and a full scoring
// run formats millions of target steps.
const WHOLE = new Intl.NumberFormat('en-US');
const FRACTION = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

export function fmt(n: number): string {
  return Number.isInteger(n) ? WHOLE.format(n) : FRACTION.format(n);
}
