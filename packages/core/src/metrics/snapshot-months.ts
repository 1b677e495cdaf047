/**
 * A derived fact is built only for the months some window reads from it. A
 * month comes with its last day (`as_of`: what "at the end of the period"
 * means for a period ending with that month) and the last day of its fiscal
 * year, so snapshot rules such as "expected to close in the rest of the year"
 * need no calendar arithmetic in SQL.
 */
import { addDays } from '../domain/civil-date';
import { type FiscalCalendar, periodOf } from '../domain/fiscal-calendar';
import { dialectHook, joinSql, param, type SqlFragment, sql } from '../sql/sql-fragment';
import type { WindowRow } from './build-window-rows';

export interface SnapshotMonth {
  monthStart: string;
  asOf: string;
  fiscalYearEnd: string;
}

/** The distinct months the window rows of the given window keys read, in order. */
export function snapshotMonths(rows: readonly WindowRow[], windowKeys: ReadonlySet<string>, cal: FiscalCalendar): SnapshotMonth[] {
  const starts = [...new Set(rows.filter((r) => windowKeys.has(r.windowKey)).map((r) => r.monthStart))].sort();
  return starts.map((m) => {
    const month = periodOf(m, 'month', cal);
    return { monthStart: m, asOf: addDays(month.end, -1), fiscalYearEnd: addDays(periodOf(m, 'year', cal).end, -1) };
  });
}

/** The months as a derived table `m (month_start, as_of, fiscal_year_end)`; no row when there is no month. */
export function snapshotMonthsTable(months: readonly SnapshotMonth[]): SqlFragment {
  const date = (v: string | null) => sql`CAST(${param(v)} AS DATE)`;
  if (months.length === 0) {
    return sql`(SELECT ${date(null)} AS month_start, ${date(null)} AS as_of, ${date(null)} AS fiscal_year_end WHERE 1 = 0) m`;
  }
  const values = months.map((x) => sql`(${date(x.monthStart)}, ${date(x.asOf)}, ${date(x.fiscalYearEnd)})`);
  return sql`(VALUES ${joinSql(values)}) m (month_start, as_of, fiscal_year_end)`;
}

/** The first day of the month of a date column (a column Cairn names, not user text). */
export function monthOf(column: string): SqlFragment {
  return dialectHook((d) => d.dateTrunc('month', column));
}
