/**
 * The shapes of a KPI catalog once parsed and validated. Every kind of thing is
 * a closed union; a catalog that reaches these types has passed validation, so
 * compilers can trust every name in it.
 */
import { assertNever } from '../domain/assert-never';
import type { Expr } from './formula-ast';

export const PERSPECTIVES = ['financial', 'customer', 'internal_process', 'learning_growth'] as const;
export type Perspective = (typeof PERSPECTIVES)[number];

export const UNITS = ['currency', 'percent', 'count', 'days', 'ratio', 'score'] as const;
export type KpiUnit = (typeof UNITS)[number];

export const DIRECTIONS = ['higher_is_better', 'lower_is_better', 'in_band'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const INDICATOR_KINDS = ['leading', 'lagging'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export const FREQUENCIES = ['monthly', 'quarterly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** How a KPI rolls up from rep to enterprise. Every level is recomputed from rows; this says what that means. */
export const AGGREGATIONS = ['additive', 'ratio_of_sums', 'distinct_count', 'mean_of_entities', 'not_aggregable'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const STATUSES = ['pilot', 'active', 'retired'] as const;
export type KpiStatus = (typeof STATUSES)[number];

export const MEASURE_AGGS = ['sum', 'count', 'count_distinct', 'avg', 'min', 'max', 'percentile', 'top_sum'] as const;
export type MeasureAgg = (typeof MEASURE_AGGS)[number];

/**
 * Which fact rows feed a period: all are whole months, so every window is a set of months.
 * `period_end` is the last month of the period alone (a snapshot as of the period's end);
 * `rest_of_year` the months after the period up to the end of its fiscal year.
 */
export type WindowSpec =
  | { kind: 'current' }
  | { kind: 'prior_period' }
  | { kind: 'same_period_last_year' }
  | { kind: 'period_end' }
  | { kind: 'rest_of_year' }
  | { kind: 'trailing_months'; months: number }
  | { kind: 'to_date'; grain: 'quarter' | 'year' };

export interface MeasureDef {
  name: string;
  fact: string;
  agg: MeasureAgg;
  /** The aggregated expression; absent for a plain row count. */
  field: Expr | null;
  fieldText: string | null;
  filter: Expr | null;
  filterText: string | null;
  /** The fact's date that places a row in a period. */
  date: string;
  window: WindowSpec;
  /** For percentile: the fraction, 0 < p < 1. */
  percentile: number | null;
  /** For top_sum: how many of the largest values are added. */
  top: number | null;
  description: string;
}

export interface KpiDef {
  id: string;
  name: string;
  description: string;
  perspective: Perspective;
  unit: KpiUnit;
  direction: Direction;
  indicator: IndicatorKind;
  frequency: Frequency;
  owner: string;
  rationale: string;
  formulaText: string;
  /** The formula with every reference to another KPI inlined: only measures remain. */
  formula: Expr;
  aggregation: Aggregation;
  status: KpiStatus;
  version: number;
  effectiveFrom: string;
  /** Where it was defined, for diagnostics and docs. */
  source: string;
}

export interface KpiCatalog {
  measures: ReadonlyMap<string, MeasureDef>;
  kpis: ReadonlyMap<string, KpiDef>;
}

/** A stable key for a window, used as a bound value in SQL and as a suffix in names. */
export function windowKey(w: WindowSpec): string {
  switch (w.kind) {
    case 'current':
    case 'prior_period':
    case 'same_period_last_year':
    case 'period_end':
    case 'rest_of_year':
      return w.kind;
    case 'trailing_months':
      return `trailing_${w.months}m`;
    case 'to_date':
      return `${w.grain}_to_date`;
    default:
      return assertNever(w, 'window');
  }
}
