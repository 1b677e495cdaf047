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
 * The trailing periods as the baseline reads them, folded in one pass in their
 * order: how many periods the window spans, how many had a value, and the sums.
 * A full run folds straight from the actuals table (ActualsTable.foldTrailing)
 * into one reused object, so no period becomes an object of its own.
 */
export interface TrailingSums {
  /** Periods in the window, with or without a value (the divisor of an additive baseline). */
  periods: number;
  /** Periods with a value. */
  count: number;
  values: number;
  numerator: number;
  denominator: number;
  /** A ratio KPI's constant factor (× 100 for percent), from the first period with both parts; 1 without one. */
  scale: number;
  scaleFound: boolean;
}

export function emptyTrailingSums(periods: number, into?: TrailingSums): TrailingSums {
  const s = into ?? { periods: 0, count: 0, values: 0, numerator: 0, denominator: 0, scale: 1, scaleFound: false };
  s.periods = periods;
  s.count = 0;
  s.values = 0;
  s.numerator = 0;
  s.denominator = 0;
  s.scale = 1;
  s.scaleFound = false;
  return s;
}

/** Adds one period to the fold; a period without a value adds nothing. */
export function addTrailingPeriod(s: TrailingSums, value: number | null, numerator: number | null, denominator: number | null): void {
  if (value === null) return;
  s.count++;
  s.values += value;
  s.numerator += numerator ?? 0;
  s.denominator += denominator ?? 0;
  // A ratio KPI may carry a constant factor (× 100 for percent): value / (N / D) recovers it.
  if (!s.scaleFound && numerator && denominator) {
    s.scale = Math.round((value / (numerator / denominator)) * 1e6) / 1e6;
    s.scaleFound = true;
  }
}

/** The periods folded, oldest first (undefined: no row for that period). */
export function foldTrailing(periods: readonly (KpiActual | undefined)[]): TrailingSums {
  const s = emptyTrailingSums(periods.length);
  for (const m of periods) if (m !== undefined) addTrailingPeriod(s, m.value, m.numerator, m.denominator);
  return s;
}

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
  periods: readonly (KpiActual | undefined)[] | TrailingSums,
  aggregation: Aggregation,
  grain: keyof typeof GRAIN_MONTHS,
  explain = true,
): Baseline | { value: null; reason: string } {
  const s = Array.isArray(periods) ? foldTrailing(periods) : (periods as TrailingSums);
  const { count, values, numerator: n, denominator: d, scale } = s;
  if (count === 0) return { value: null, reason: 'no history in the trailing four quarters' };
  switch (aggregation) {
    case 'additive': {
      const value = values / s.periods;
      const unit = `${s.periods} ${grain}${s.periods === 1 ? '' : 's'}`;
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
