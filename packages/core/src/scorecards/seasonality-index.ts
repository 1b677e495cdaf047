/**
 * A seasonality index from history: how much of a fiscal year's total each
 * fiscal month carries, averaged over the complete fiscal years available.
 * Index 1 means an average month; a quarter's index is 4 × its months' share.
 * Only complete years with a positive total count, so a half-loaded year or a
 * year of returns cannot skew the shape.
 */
import { addMonths } from '../domain/civil-date';
import { type FiscalCalendar, periodOf } from '../domain/fiscal-calendar';

export interface MonthValue {
  /** First day of the fiscal month. */
  monthStart: string;
  value: number;
}

export interface SeasonalityIndex {
  /** Share-based index per fiscal month, 0 = first month of the fiscal year; averages 1. */
  byFiscalMonth: number[];
  /** Fiscal years (by end year label, e.g. "FY2024") the index was computed from; empty = flat. */
  yearsUsed: string[];
}

/** The index from up to `maxYears` complete fiscal years that end on or before `before`. */
export function seasonalityIndex(months: readonly MonthValue[], cal: FiscalCalendar, before: string, maxYears = 3): SeasonalityIndex {
  const byYear = new Map<string, { start: string; values: number[]; seen: number }>();
  for (const m of months) {
    const year = periodOf(m.monthStart, 'year', cal);
    if (year.end > before) continue;
    let y = byYear.get(year.label);
    if (!y) {
      y = { start: year.start, values: new Array<number>(12).fill(0), seen: 0 };
      byYear.set(year.label, y);
    }
    const idx = monthIndex(year.start, m.monthStart);
    y.values[idx] = (y.values[idx] ?? 0) + m.value;
    y.seen |= 1 << idx;
  }
  const complete = [...byYear.entries()]
    .filter(([, y]) => y.seen === 0xfff && y.values.reduce((a, b) => a + b, 0) > 0)
    .sort(([, a], [, b]) => (a.start < b.start ? 1 : -1))
    .slice(0, maxYears);
  if (complete.length === 0) return { byFiscalMonth: new Array<number>(12).fill(1), yearsUsed: [] };
  const shares = new Array<number>(12).fill(0);
  for (const [, y] of complete) {
    const total = y.values.reduce((a, b) => a + b, 0);
    y.values.forEach((v, i) => {
      shares[i] = (shares[i] ?? 0) + v / total / complete.length;
    });
  }
  return { byFiscalMonth: shares.map((s) => s * 12), yearsUsed: complete.map(([label]) => label).sort() };
}

function monthIndex(yearStart: string, monthStart: string): number {
  for (let i = 0; i < 12; i++) if (addMonths(yearStart, i) === monthStart) return i;
  throw new Error(`${monthStart} is not a month start of the fiscal year starting ${yearStart}`);
}

/** The index for a month or quarter starting at `periodStart`; a year is always 1. */
export function indexForPeriod(
  index: SeasonalityIndex,
  grain: 'month' | 'quarter' | 'year',
  periodStart: string,
  cal: FiscalCalendar,
): number {
  if (grain === 'year') return 1;
  const first = monthIndex(periodOf(periodStart, 'year', cal).start, periodStart);
  if (grain === 'month') return index.byFiscalMonth[first] ?? 1;
  let sum = 0;
  for (let i = first; i < first + 3; i++) sum += index.byFiscalMonth[i] ?? 1;
  return sum / 3;
}
