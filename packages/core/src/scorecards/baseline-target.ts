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
  const present = periods.filter((m): m is KpiActual => m !== undefined && m.value !== null);
  if (present.length === 0) return { value: null, reason: 'no history in the trailing four quarters' };
  const unit = `${periods.length} ${grain}${periods.length === 1 ? '' : 's'}`;
  switch (aggregation) {
    case 'additive': {
      const total = present.reduce((a, m) => a + (m.value ?? 0), 0);
      const value = total / periods.length;
      return { value, step: explain ? `trailing four quarters: ${fmt(total)} over ${unit} = ${fmt(value)} per ${grain}` : '' };
    }
    case 'ratio_of_sums': {
      const n = present.reduce((a, m) => a + (m.numerator ?? 0), 0);
      const d = present.reduce((a, m) => a + (m.denominator ?? 0), 0);
      if (d === 0) return { value: null, reason: 'the trailing four quarters have a zero denominator' };
      const scale = scaleOf(present);
      const value = (n / d) * scale;
      return {
        value,
        step: explain ? `trailing four quarters: ${fmt(n)} / ${fmt(d)}${scale === 1 ? '' : ` × ${scale}`} = ${fmt(value)}` : '',
      };
    }
    case 'mean_of_entities': {
      const n = present.reduce((a, m) => a + (m.numerator ?? 0), 0);
      const d = present.reduce((a, m) => a + (m.denominator ?? 0), 0);
      if (d === 0) return { value: null, reason: 'no entities in the trailing four quarters' };
      return { value: n / d, step: explain ? `trailing four quarters: ${fmt(n)} over ${fmt(d)} entities = ${fmt(n / d)}` : '' };
    }
    case 'distinct_count':
    case 'not_aggregable': {
      const value = present.reduce((a, m) => a + (m.value ?? 0), 0) / present.length;
      return { value, step: explain ? `trailing four quarters: mean of ${present.length} ${grain} values = ${fmt(value)}` : '' };
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

/** A ratio KPI may carry a constant factor (× 100 for percent): value / (N / D) recovers it. */
function scaleOf(months: readonly KpiActual[]): number {
  for (const m of months) {
    if (m.value !== null && m.numerator && m.denominator && m.numerator !== 0) {
      return Math.round((m.value / (m.numerator / m.denominator)) * 1e6) / 1e6;
    }
  }
  return 1;
}

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
