/**
 * The fiscal calendar: a fiscal year starts on the first day of a configured
 * month. A fiscal year is named after the calendar year in which it ends
 * (FY2026 starting February 2025 ends January 2026); with a January start the
 * fiscal year equals the calendar year. Periods are half-open [start, end).
 */
import { assertNever } from './assert-never';
import { addDays, addMonths, dateParts, dayNumber, dateFromDayNumber, type IsoDate, isoDate } from './civil-date';
import type { ParseResult } from './money';

export const GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Grain = (typeof GRAINS)[number];

export interface FiscalCalendar {
  /** 1 = January … 12 = December. */
  startMonth: number;
}

export interface Period {
  grain: Grain;
  start: IsoDate;
  /** Exclusive. */
  end: IsoDate;
  label: string;
}

function fiscalYearStart(date: string, cal: FiscalCalendar): IsoDate {
  const { y, m } = dateParts(date);
  const startYear = m >= cal.startMonth ? y : y - 1;
  return isoDate(startYear, cal.startMonth, 1);
}

/** The fiscal year name (the calendar year in which the fiscal year ends). */
export function fiscalYearOf(date: string, cal: FiscalCalendar): number {
  const start = dateParts(fiscalYearStart(date, cal));
  return cal.startMonth === 1 ? start.y : start.y + 1;
}

/** The period of the given grain that contains the date. */
export function periodOf(date: string, grain: Grain, cal: FiscalCalendar): Period {
  switch (grain) {
    case 'day':
      return { grain, start: date as IsoDate, end: addDays(date, 1), label: date };
    case 'week': {
      // ISO weeks: Monday start; 1970-01-01 was a Thursday.
      const n = dayNumber(date);
      const monday = n - ((((n + 3) % 7) + 7) % 7);
      const thursday = dateFromDayNumber(monday + 3);
      const isoYear = dateParts(thursday).y;
      const week = Math.floor((dayNumber(thursday) - dayNumber(isoDate(isoYear, 1, 1))) / 7) + 1;
      return {
        grain,
        start: dateFromDayNumber(monday),
        end: dateFromDayNumber(monday + 7),
        label: `${isoYear}-W${String(week).padStart(2, '0')}`,
      };
    }
    case 'month': {
      const { y, m } = dateParts(date);
      const start = isoDate(y, m, 1);
      return { grain, start, end: addMonths(start, 1), label: start.slice(0, 7) };
    }
    case 'quarter': {
      const fyStart = fiscalYearStart(date, cal);
      const { y, m } = dateParts(date);
      const s = dateParts(fyStart);
      const monthsIn = (y - s.y) * 12 + (m - s.m);
      const q = Math.floor(monthsIn / 3);
      const start = addMonths(fyStart, q * 3);
      return { grain, start, end: addMonths(start, 3), label: `FY${fiscalYearOf(date, cal)}-Q${q + 1}` };
    }
    case 'year': {
      const start = fiscalYearStart(date, cal);
      return { grain, start, end: addMonths(start, 12), label: `FY${fiscalYearOf(date, cal)}` };
    }
    default:
      return assertNever(grain, 'grain');
  }
}

/** Parses "FY2025", "FY2025-Q3" or "2025-Q3", "2025-08", "2025-W32" or "2025-08-14". */
export function parsePeriod(label: string, cal: FiscalCalendar): ParseResult<Period> {
  const s = label.trim().toUpperCase();
  let m = /^FY(\d{4})$/.exec(s);
  if (m) {
    const fy = Number(m[1]);
    const startYear = cal.startMonth === 1 ? fy : fy - 1;
    return { ok: true, value: periodOf(isoDate(startYear, cal.startMonth, 1), 'year', cal) };
  }
  m = /^(?:FY)?(\d{4})-Q([1-4])$/.exec(s);
  if (m) {
    const fy = Number(m[1]);
    const startYear = cal.startMonth === 1 ? fy : fy - 1;
    const start = addMonths(isoDate(startYear, cal.startMonth, 1), (Number(m[2]) - 1) * 3);
    return { ok: true, value: periodOf(start, 'quarter', cal) };
  }
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    return { ok: true, value: periodOf(isoDate(Number(m[1]), Number(m[2]), 1), 'month', cal) };
  }
  m = /^(\d{4})-W(\d{2})$/.exec(s);
  if (m) {
    const jan4 = isoDate(Number(m[1]), 1, 4);
    const week1 = periodOf(jan4, 'week', cal);
    const start = addDays(week1.start, (Number(m[2]) - 1) * 7);
    const p = periodOf(start, 'week', cal);
    if (p.label === `${m[1]}-W${m[2]}`) return { ok: true, value: p };
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) {
    const d = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (d === s && dateFromDayNumber(dayNumber(d)) === d) return { ok: true, value: periodOf(d, 'day', cal) };
  }
  return { ok: false, reason: `"${label}" is not a period; use FY2025, FY2025-Q3, 2025-08, 2025-W32 or 2025-08-14` };
}

/** Every period of a grain overlapping [from, to). */
export function periodsBetween(from: string, to: string, grain: Grain, cal: FiscalCalendar): Period[] {
  const out: Period[] = [];
  let p = periodOf(from, grain, cal);
  while (p.start < to) {
    out.push(p);
    p = periodOf(p.end, grain, cal);
  }
  return out;
}
