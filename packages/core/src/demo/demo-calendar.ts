/**
 * The demo's time axis: three fiscal years ending with the most recent fiscal
 * year complete before the as-of date (2026-11-01 by default, fixed so the
 * output never depends on the clock). Days are whole day numbers; dates are
 * formatted through a cache. Bookings follow a seasonal weight: fiscal Q4 is
 * the strongest quarter, the last month of a quarter beats the first, the
 * last week of a quarter gets a rush, and weekends are quiet.
 */
import { dateFromDayNumber, dayNumber, isoDate } from '../domain/civil-date';
import type { FiscalCalendar } from '../domain/fiscal-calendar';
import { periodOf } from '../domain/fiscal-calendar';
import type { Rng } from './prng';

export const DEMO_AS_OF = '2026-11-01';
export const DEMO_FISCAL_YEARS = 3;

const QUARTER_WEIGHT = [0.85, 0.95, 1.0, 1.3];
const MONTH_IN_QUARTER_WEIGHT = [0.85, 0.95, 1.25];
const QUARTER_END_RUSH_DAYS = 7;
const QUARTER_END_RUSH = 1.4;
const WEEKEND_WEIGHT = 0.1;
/** Days before the history and after it that dates may fall on (hire dates, contracts running on). */
const CACHE_BEFORE = 15 * 366;
const CACHE_AFTER = 6 * 366;

export interface MonthInfo {
  start: number;
  end: number;
  /** 0..11 within the fiscal year. */
  fiscalMonth: number;
}

export class DemoCalendar {
  readonly start: number;
  /** Exclusive: the day after the last day of the history, which is also "now" for open pipeline. */
  readonly end: number;
  readonly months: MonthInfo[] = [];
  private readonly cacheBase: number;
  private readonly isoCache: string[] = [];
  private readonly cdf: Float64Array;
  private readonly quarterEnd: Int32Array;
  private readonly quarterLabel: string[] = [];
  private readonly clockCache: string[] = [];
  private readonly monthStartCache = new Map<number, number>();

  constructor(
    readonly fiscal: FiscalCalendar,
    asOf: string = DEMO_AS_OF,
  ) {
    const currentYear = periodOf(asOf, 'year', fiscal);
    this.end = dayNumber(currentYear.start);
    const first = periodOf(dateFromDayNumber(this.end - 1), 'year', fiscal);
    let startDate = first.start as string;
    for (let y = 1; y < DEMO_FISCAL_YEARS; y++) startDate = periodOf(dateFromDayNumber(dayNumber(startDate) - 1), 'year', fiscal).start;
    this.start = dayNumber(startDate);

    this.cacheBase = this.start - CACHE_BEFORE;
    for (let d = this.cacheBase; d < this.end + CACHE_AFTER; d++) this.isoCache.push(dateFromDayNumber(d));
    for (let s = 0; s < 86400; s += 60) this.clockCache.push(`${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:`);

    const span = this.end + CACHE_AFTER - this.start;
    this.cdf = new Float64Array(span + 1);
    this.quarterEnd = new Int32Array(span);
    let total = 0;
    for (let i = 0; i < span; i++) {
      const day = this.start + i;
      const q = periodOf(this.iso(day), 'quarter', fiscal);
      const qEnd = dayNumber(q.end);
      this.quarterEnd[i] = qEnd;
      this.quarterLabel[i] = q.label;
      const monthsIn = monthsBetween(this.start, day);
      const fiscalMonth = monthsIn % 12;
      const weekday = (((day + 3) % 7) + 7) % 7;
      let w = (QUARTER_WEIGHT[Math.floor(fiscalMonth / 3)] ?? 1) * (MONTH_IN_QUARTER_WEIGHT[fiscalMonth % 3] ?? 1);
      if (qEnd - day <= QUARTER_END_RUSH_DAYS) w *= QUARTER_END_RUSH;
      if (weekday >= 5) w *= WEEKEND_WEIGHT;
      total += w;
      this.cdf[i + 1] = total;
    }
    for (let m = this.start; m < this.end; ) {
      const next = dayNumber(periodOf(this.iso(m), 'month', fiscal).end);
      this.months.push({ start: m, end: next, fiscalMonth: this.months.length % 12 });
      m = next;
    }
  }

  /** 'YYYY-MM-DD' of a day number. */
  iso(day: number): string {
    const s = this.isoCache[day - this.cacheBase];
    return s ?? dateFromDayNumber(day);
  }

  /** 'YYYY-MM-DD HH:MM:SS' of a day number and a second of the day. */
  timestamp(day: number, secondOfDay: number): string {
    const s = Math.min(86399, Math.max(0, secondOfDay));
    return `${this.iso(day)} ${this.clockCache[Math.floor(s / 60)]}${pad(s % 60)}`;
  }

  /** The exclusive end of the fiscal quarter containing the day (days inside the sampled span only). */
  quarterEndOf(day: number): number {
    const v = this.quarterEnd[day - this.start];
    if (v === undefined) return dayNumber(periodOf(this.iso(day), 'quarter', this.fiscal).end);
    return v;
  }

  /** The fiscal quarter label ('FY2025-Q3') of a day. */
  quarterLabelOf(day: number): string {
    return this.quarterLabel[day - this.start] ?? periodOf(this.iso(day), 'quarter', this.fiscal).label;
  }

  /** The seasonal weight of the days in [from, to), inside the sampled span. */
  seasonalWeight(from: number, to: number): number {
    return (this.cdf[to - this.start] ?? 0) - (this.cdf[from - this.start] ?? 0);
  }

  /** A day in [from, to) drawn with the seasonal weights. */
  seasonalDay(rng: Rng, from: number, to: number): number {
    const lo = Math.max(from, this.start) - this.start;
    const hi = Math.min(to, this.end + CACHE_AFTER) - this.start;
    if (hi <= lo) return from;
    const a = this.cdf[lo] ?? 0;
    const b = this.cdf[hi] ?? 0;
    const target = a + rng.float() * (b - a);
    let l = lo;
    let h = hi;
    while (h - l > 1) {
      const mid = (l + h) >>> 1;
      if ((this.cdf[mid] ?? 0) <= target) l = mid;
      else h = mid;
    }
    return this.start + l;
  }

  /** The first day of the calendar month containing the day. */
  monthStartOf(day: number): number {
    const iso = this.iso(day);
    return day - Number(iso.slice(8, 10)) + 1;
  }

  /** The first day of the calendar month `months` after the month containing the day. */
  monthStartAfter(day: number, months: number): number {
    const iso = this.iso(day);
    const index = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 + months;
    const cached = this.monthStartCache.get(index);
    if (cached !== undefined) return cached;
    const start = dayNumber(isoDate(Math.floor(index / 12), (index % 12) + 1, 1));
    this.monthStartCache.set(index, start);
    return start;
  }
}

function monthsBetween(startDay: number, day: number): number {
  const a = dateFromDayNumber(startDay);
  const b = dateFromDayNumber(day);
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
