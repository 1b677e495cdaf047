import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  type DateFormat,
  dateFromDayNumber,
  dayNumber,
  daysInMonth,
  isLeapYear,
  parseDate,
  parseTimestamp,
} from './civil-date';

describe('parseDate', () => {
  it.each<[string, DateFormat, string]>([
    ['2024-02-29', 'YYYY-MM-DD', '2024-02-29'], // a leap day
    ['2024-1-5', 'YYYY-MM-DD', '2024-01-05'], // leading zeros may be omitted
    [' 2024-01-05 ', 'YYYY-MM-DD', '2024-01-05'],
    ['2024/12/31', 'YYYY/MM/DD', '2024-12-31'],
    ['31/12/2024', 'DD/MM/YYYY', '2024-12-31'],
    ['1/2/2024', 'DD/MM/YYYY', '2024-02-01'],
    ['1/2/2024', 'MM/DD/YYYY', '2024-01-02'], // the declared layout decides
    ['12/31/2024', 'MM/DD/YYYY', '2024-12-31'],
    ['31.12.2024', 'DD.MM.YYYY', '2024-12-31'],
    ['31-12-2024', 'DD-MM-YYYY', '2024-12-31'],
    ['2000-02-29', 'YYYY-MM-DD', '2000-02-29'], // divisible by 400: leap
  ])('reads %j as %s in %s', (text, format, iso) => {
    expect(parseDate(text, format)).toEqual({ ok: true, value: iso });
  });

  it.each<[string, DateFormat, string]>([
    // impossible dates are refused, never rolled over
    ['2023-02-29', 'YYYY-MM-DD', 'is not a real calendar date (YYYY-MM-DD)'],
    ['1900-02-29', 'YYYY-MM-DD', 'is not a real calendar date (YYYY-MM-DD)'], // divisible by 100 only: not leap
    ['2024-04-31', 'YYYY-MM-DD', 'is not a real calendar date (YYYY-MM-DD)'],
    ['2024-13-01', 'YYYY-MM-DD', 'is not a real calendar date (YYYY-MM-DD)'],
    ['2024-00-10', 'YYYY-MM-DD', 'is not a real calendar date (YYYY-MM-DD)'],
    ['2024-01-00', 'YYYY-MM-DD', 'is not a real calendar date (YYYY-MM-DD)'],
    ['31/12/2024', 'MM/DD/YYYY', 'is not a real calendar date (MM/DD/YYYY)'], // month 31
    // not the declared layout
    ['2024-01-05T10:00', 'YYYY-MM-DD', 'is not a date in the YYYY-MM-DD format'],
    ['24-01-05', 'YYYY-MM-DD', 'is not a date in the YYYY-MM-DD format'],
    ['2024-01-05', 'DD/MM/YYYY', 'is not a date in the DD/MM/YYYY format'],
    ['', 'YYYY-MM-DD', 'is not a date in the YYYY-MM-DD format'],
    ['13/04/2024', 'YYYY-MM-DD', 'is not a date in the YYYY-MM-DD format'], // 13 cannot be a month: not ambiguous
    ['04/04/2024', 'YYYY-MM-DD', 'is not a date in the YYYY-MM-DD format'], // same either way: not ambiguous
    // a day-month date in the wrong layout that could be read both ways says so
    ['03/04/2024', 'YYYY-MM-DD', 'is not a YYYY-MM-DD date, and is ambiguous (day-month or month-day); set date_format in the mapping'],
    ['03.04.2024', 'YYYY/MM/DD', 'is not a YYYY/MM/DD date, and is ambiguous (day-month or month-day); set date_format in the mapping'],
    ['3-4-2024', 'DD/MM/YYYY', 'is not a DD/MM/YYYY date, and is ambiguous (day-month or month-day); set date_format in the mapping'],
  ])('refuses %j in %s', (text, format, reason) => {
    expect(parseDate(text, format)).toEqual({ ok: false, reason });
  });
});

describe('parseTimestamp', () => {
  it.each<[string, DateFormat, string]>([
    ['2024-03-10', 'YYYY-MM-DD', '2024-03-10 00:00:00'], // a bare date is midnight
    ['2024-03-10 14:05', 'YYYY-MM-DD', '2024-03-10 14:05:00'],
    ['2024-03-10 14:05:09', 'YYYY-MM-DD', '2024-03-10 14:05:09'],
    ['2024-03-10T14:05:09', 'YYYY-MM-DD', '2024-03-10 14:05:09'],
    ['2024-03-10T14:05:09.123456', 'YYYY-MM-DD', '2024-03-10 14:05:09'], // fractions are dropped
    ['2024-03-10T14:05:09Z', 'YYYY-MM-DD', '2024-03-10 14:05:09'],
    ['2024-03-10T14:05:09+00:00', 'YYYY-MM-DD', '2024-03-10 14:05:09'],
    ['2024-03-10T14:05:09+02:00', 'YYYY-MM-DD', '2024-03-10 12:05:09'],
    ['2024-03-10T14:05:09 -0130', 'YYYY-MM-DD', '2024-03-10 15:35:09'],
    // offsets that cross midnight
    ['2022-04-12T23:30:00-05:00', 'YYYY-MM-DD', '2022-04-13 04:30:00'], // forward a day
    ['2024-03-01T00:30:00+01:00', 'YYYY-MM-DD', '2024-02-29 23:30:00'], // back onto a leap day
    ['2024-01-01T00:15:00+0100', 'YYYY-MM-DD', '2023-12-31 23:15:00'], // back a year
    ['2024-12-31T22:00:00-03:30', 'YYYY-MM-DD', '2025-01-01 01:30:00'], // forward a year
    ['2024-06-15T00:00:00+14:00', 'YYYY-MM-DD', '2024-06-14 10:00:00'],
    // other date layouts
    ['12/31/2024 9:05', 'MM/DD/YYYY', '2024-12-31 09:05:00'],
    ['31.12.2024 23:59:59', 'DD.MM.YYYY', '2024-12-31 23:59:59'],
    ['31-12-2024 08:00', 'DD-MM-YYYY', '2024-12-31 08:00:00'],
    ['31-12-2024', 'DD-MM-YYYY', '2024-12-31 00:00:00'], // a bare date whose layout uses '-'
  ])('reads %j (%s) as %s UTC', (text, format, utc) => {
    expect(parseTimestamp(text, format)).toEqual({ ok: true, value: utc });
  });

  it.each<[string, DateFormat, string]>([
    ['2024-03-10 24:00', 'YYYY-MM-DD', 'has an impossible time of day'],
    ['2024-03-10 10:60', 'YYYY-MM-DD', 'has an impossible time of day'],
    ['2024-03-10 10:00:60', 'YYYY-MM-DD', 'has an impossible time of day'],
    ['2023-02-29 10:00', 'YYYY-MM-DD', 'is not a real calendar date (YYYY-MM-DD)'],
    ['2024-03-10 10:00 PM', 'YYYY-MM-DD', 'is not a date in the YYYY-MM-DD format'],
    [
      '10.03.2024 10:00',
      'YYYY-MM-DD',
      'is not a YYYY-MM-DD date, and is ambiguous (day-month or month-day); set date_format in the mapping',
    ],
  ])('refuses %j (%s)', (text, format, reason) => {
    expect(parseTimestamp(text, format)).toEqual({ ok: false, reason });
  });
});

describe('addMonths', () => {
  it.each<[string, number, string]>([
    ['2024-01-15', 1, '2024-02-15'],
    ['2024-01-31', 1, '2024-02-29'], // clamped to a leap February
    ['2023-01-31', 1, '2023-02-28'], // clamped to a common February
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-05-31', 1, '2024-06-30'],
    ['2024-02-29', -24, '2022-02-28'], // the cross-sell window from a leap day
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2024-12-15', 1, '2025-01-15'], // across a year end
    ['2024-01-15', -1, '2023-12-15'],
    ['2024-05-31', -13, '2023-04-30'],
    ['2024-05-31', 0, '2024-05-31'],
    ['1970-01-31', -1, '1969-12-31'],
  ])('%s %+i months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('day numbers', () => {
  it.each<[string, number]>([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-03-01', 11017], // 10,957 days to 2000-01-01, then 31 + 29
    ['2024-02-29', 19782],
    ['1600-01-01', -135140],
  ])('%s is day %i', (date, n) => {
    expect(dayNumber(date)).toBe(n);
    expect(dateFromDayNumber(n)).toBe(date);
  });

  it('round-trips every date of four centuries and agrees with the UTC calendar', () => {
    for (let n = -146097; n <= 146097 * 2; n += 1) {
      const date = dateFromDayNumber(n);
      if (dayNumber(date) !== n) throw new Error(`day ${n} → ${date} → ${dayNumber(date)}`);
      if (n % 97 === 0) expect(date).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
    }
  });

  it('adds days across month, year and leap boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
  });
});

describe('calendar facts', () => {
  it.each<[number, boolean]>([
    [2024, true],
    [2023, false],
    [2000, true],
    [1900, false],
    [2100, false],
  ])('%i is a leap year: %s', (y, leap) => {
    expect(isLeapYear(y)).toBe(leap);
  });

  it('knows the length of every month, and 0 for a month that does not exist', () => {
    expect([...Array(12).keys()].map((i) => daysInMonth(2024, i + 1))).toEqual([31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 13)).toBe(0);
  });
});
