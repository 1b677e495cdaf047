/**
 * Calendar dates are ISO strings (YYYY-MM-DD) and, for arithmetic, whole day
 * numbers since 1970-01-01. No time zone is involved: a booking date is a date.
 * Parsing is strict: an impossible date is an error, never rolled over.
 */
import type { ParseResult } from './money';

export type IsoDate = string & { readonly __brand: 'IsoDate' };

/** Date layouts a mapping may declare. Day and month may omit leading zeros. */
export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'YYYY/MM/DD', 'DD-MM-YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const PATTERNS: Record<DateFormat, { re: RegExp; order: readonly ['y' | 'm' | 'd', 'y' | 'm' | 'd', 'y' | 'm' | 'd'] }> = {
  'YYYY-MM-DD': { re: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: ['y', 'm', 'd'] },
  'YYYY/MM/DD': { re: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, order: ['y', 'm', 'd'] },
  'DD/MM/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['d', 'm', 'y'] },
  'MM/DD/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['m', 'd', 'y'] },
  'DD.MM.YYYY': { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: ['d', 'm', 'y'] },
  'DD-MM-YYYY': { re: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, order: ['d', 'm', 'y'] },
};

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function isoDate(y: number, m: number, d: number): IsoDate {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}` as IsoDate;
}

/** Splits an ISO date into numbers; the caller guarantees the shape. */
export function dateParts(date: string): { y: number; m: number; d: number } {
  return { y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) };
}

/** Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
export function dayNumber(date: string): number {
  const { y: y0, m, d } = dateParts(date);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of dayNumber. */
export function dateFromDayNumber(z0: number): IsoDate {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return isoDate(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

export function addDays(date: string, days: number): IsoDate {
  return dateFromDayNumber(dayNumber(date) + days);
}

/** Adds calendar months, clamping the day to the target month's length. */
export function addMonths(date: string, months: number): IsoDate {
  const { y, m, d } = dateParts(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return isoDate(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -100;
}

/** True for an already canonical, real calendar date "YYYY-MM-DD" (checked without allocating). */
function isCanonicalIsoDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  const m = digit(s, 5) * 10 + digit(s, 6);
  const d = digit(s, 8) * 10 + digit(s, 9);
  return y >= 0 && m >= 0 && d >= 0 && isValidYmd(y, m, d);
}

/** Parses a date in the declared layout; explains ambiguity when the layout does not match. */
export function parseDate(text: string, format: DateFormat): ParseResult<IsoDate> {
  if (format === 'YYYY-MM-DD' && isCanonicalIsoDate(text)) return { ok: true, value: text as IsoDate };
  const s = text.trim();
  const { re, order } = PATTERNS[format];
  const match = re.exec(s);
  if (!match) {
    const slash = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    if (slash && Number(slash[1]) <= 12 && Number(slash[2]) <= 12 && slash[1] !== slash[2]) {
      return {
        ok: false,
        reason: `is not a ${format} date, and is ambiguous (day-month or month-day); set date_format in the mapping`,
      };
    }
    return { ok: false, reason: `is not a date in the ${format} format` };
  }
  const parts = { y: 0, m: 0, d: 0 };
  for (let i = 0; i < 3; i++) parts[order[i] as 'y' | 'm' | 'd'] = Number(match[i + 1]);
  if (!isValidYmd(parts.y, parts.m, parts.d)) {
    return { ok: false, reason: `is not a real calendar date (${format})` };
  }
  return { ok: true, value: isoDate(parts.y, parts.m, parts.d) };
}

// The UTC offset belongs to the time: after a bare date, "-2024" of 31-12-2024 would read as one.
const TIME_RE = /^(.+?)(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses a timestamp: a date in the declared layout, optionally followed by a
 * time and a UTC offset. The result is UTC, formatted "YYYY-MM-DD HH:MM:SS".
 */
export function parseTimestamp(text: string, format: DateFormat): ParseResult<string> {
  const match = TIME_RE.exec(text.trim());
  if (!match) return { ok: false, reason: `is not a timestamp (${format} with optional HH:MM:SS)` };
  const date = parseDate(match[1] ?? '', format);
  if (!date.ok) return date;
  const hh = Number(match[2] ?? 0);
  const mi = Number(match[3] ?? 0);
  const ss = Number(match[4] ?? 0);
  if (hh > 23 || mi > 59 || ss > 59) return { ok: false, reason: 'has an impossible time of day' };
  let minutes = hh * 60 + mi;
  const offset = match[5];
  if (offset && offset !== 'Z') {
    const sign = offset[0] === '-' ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    minutes -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  const dayShift = Math.floor(minutes / 1440);
  const mod = minutes - dayShift * 1440;
  const day = dayShift === 0 ? date.value : addDays(date.value, dayShift);
  return { ok: true, value: `${day} ${pad(Math.floor(mod / 60))}:${pad(mod % 60)}:${pad(ss)}` };
}
