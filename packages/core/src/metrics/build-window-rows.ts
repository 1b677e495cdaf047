/**
 * Every window is a whole number of months, so a (period, window) pair is a
 * list of months. Fact rows join this list on the month of their date: one
 * equi-join places a row in every period and window it feeds, which is what
 * lets one scan of a fact serve every grain and every window at once.
 */
import { addMonths } from '../domain/civil-date';
import { assertNever } from '../domain/assert-never';
import { type FiscalCalendar, type Period, periodOf } from '../domain/fiscal-calendar';
import { type WindowSpec, windowKey } from './kpi-definition';

export const KPI_GRAINS = ['month', 'quarter', 'year'] as const;
export type KpiGrain = (typeof KPI_GRAINS)[number];

export interface WindowRow {
  grain: KpiGrain;
  periodStart: string;
  periodLabel: string;
  windowKey: string;
  /** The first month of the window: a distinct count counts a value once, in the first month it appears in the window. */
  windowFrom: string;
  monthStart: string;
}

const GRAIN_MONTHS: Record<KpiGrain, number> = { month: 1, quarter: 3, year: 12 };

/** The months [from, to) a window covers for a period. */
export function windowMonths(period: Period & { grain: KpiGrain }, w: WindowSpec, cal: FiscalCalendar): { from: string; to: string } {
  switch (w.kind) {
    case 'current':
      return { from: period.start, to: period.end };
    case 'prior_period':
      return { from: addMonths(period.start, -GRAIN_MONTHS[period.grain]), to: period.start };
    case 'same_period_last_year':
      return { from: addMonths(period.start, -12), to: addMonths(period.end, -12) };
    case 'period_end':
      return { from: addMonths(period.end, -1), to: period.end };
    case 'rest_of_year':
      // Empty for a period that ends with its fiscal year.
      return { from: period.end, to: periodOf(addMonths(period.end, -1), 'year', cal).end };
    case 'trailing_months':
      return { from: addMonths(period.end, -w.months), to: period.end };
    case 'to_date': {
      const last = addMonths(period.end, -1);
      const outer = periodOf(last, w.grain, cal).start;
      // A coarser to-date grain reaches back to its own start; a finer one never cuts the period short.
      const from = [outer, period.start].sort()[0] as string;
      return { from, to: period.end };
    }
    default:
      return assertNever(w, 'window');
  }
}

/** One row per (period, window, month in the window). */
export function buildWindowRows(
  periods: readonly (Period & { grain: KpiGrain })[],
  windows: readonly WindowSpec[],
  cal: FiscalCalendar,
): WindowRow[] {
  const rows: WindowRow[] = [];
  const unique = new Map(windows.map((w) => [windowKey(w), w]));
  for (const p of periods) {
    for (const [key, w] of unique) {
      const { from, to } = windowMonths(p, w, cal);
      for (let m = from; m < to; m = addMonths(m, 1)) {
        rows.push({ grain: p.grain, periodStart: p.start, periodLabel: p.label, windowKey: key, windowFrom: from, monthStart: m });
      }
    }
  }
  return rows;
}
