import { describe, expect, it } from 'vitest';
import {
  type FiscalCalendar,
  fiscalYearOf,
  type Grain,
  GRAINS,
  type Period,
  parsePeriod,
  periodOf,
  periodsBetween,
} from './fiscal-calendar';

const JAN: FiscalCalendar = { startMonth: 1 };
const APR: FiscalCalendar = { startMonth: 4 };

const p = (grain: Grain, start: string, end: string, label: string): Period => ({ grain, start, end, label }) as Period;

describe('periodOf', () => {
  it.each<[string, Grain, FiscalCalendar, Period]>([
    // day and month do not depend on the fiscal calendar
    ['2024-05-17', 'day', JAN, p('day', '2024-05-17', '2024-05-18', '2024-05-17')],
    ['2024-02-29', 'day', APR, p('day', '2024-02-29', '2024-03-01', '2024-02-29')],
    ['2024-12-31', 'day', JAN, p('day', '2024-12-31', '2025-01-01', '2024-12-31')],
    ['2024-05-17', 'month', JAN, p('month', '2024-05-01', '2024-06-01', '2024-05')],
    ['2024-12-31', 'month', APR, p('month', '2024-12-01', '2025-01-01', '2024-12')],
    // ISO weeks start on Monday; the week-year is the Thursday's year
    ['2024-05-17', 'week', JAN, p('week', '2024-05-13', '2024-05-20', '2024-W20')], // a Friday
    ['2024-05-13', 'week', APR, p('week', '2024-05-13', '2024-05-20', '2024-W20')], // the Monday itself
    ['2024-05-19', 'week', JAN, p('week', '2024-05-13', '2024-05-20', '2024-W20')], // the Sunday
    ['2021-01-03', 'week', JAN, p('week', '2020-12-28', '2021-01-04', '2020-W53')], // early January in last year's week 53
    ['2024-12-30', 'week', JAN, p('week', '2024-12-30', '2025-01-06', '2025-W01')], // late December in next year's week 1
    ['2026-01-01', 'week', JAN, p('week', '2025-12-29', '2026-01-05', '2026-W01')],
    ['1970-01-01', 'week', JAN, p('week', '1969-12-29', '1970-01-05', '1970-W01')], // a Thursday, day 0
    // quarters: January start = calendar quarters
    ['2024-01-01', 'quarter', JAN, p('quarter', '2024-01-01', '2024-04-01', 'FY2024-Q1')],
    ['2024-05-17', 'quarter', JAN, p('quarter', '2024-04-01', '2024-07-01', 'FY2024-Q2')],
    ['2024-09-30', 'quarter', JAN, p('quarter', '2024-07-01', '2024-10-01', 'FY2024-Q3')],
    ['2024-12-31', 'quarter', JAN, p('quarter', '2024-10-01', '2025-01-01', 'FY2024-Q4')],
    // April start: FY2025 runs 2024-04-01 … 2025-03-31 and is named after the year it ends in
    ['2024-04-01', 'quarter', APR, p('quarter', '2024-04-01', '2024-07-01', 'FY2025-Q1')],
    ['2024-05-17', 'quarter', APR, p('quarter', '2024-04-01', '2024-07-01', 'FY2025-Q1')],
    ['2024-10-01', 'quarter', APR, p('quarter', '2024-10-01', '2025-01-01', 'FY2025-Q3')],
    ['2025-02-10', 'quarter', APR, p('quarter', '2025-01-01', '2025-04-01', 'FY2025-Q4')],
    ['2024-03-31', 'quarter', APR, p('quarter', '2024-01-01', '2024-04-01', 'FY2024-Q4')],
    // years
    ['2024-05-17', 'year', JAN, p('year', '2024-01-01', '2025-01-01', 'FY2024')],
    ['2024-05-17', 'year', APR, p('year', '2024-04-01', '2025-04-01', 'FY2025')],
    ['2024-03-31', 'year', APR, p('year', '2023-04-01', '2024-04-01', 'FY2024')],
    ['2024-04-01', 'year', APR, p('year', '2024-04-01', '2025-04-01', 'FY2025')],
  ])('puts %s in the %s it belongs to (start month %o)', (date, grain, cal, expected) => {
    expect(periodOf(date, grain, cal)).toEqual(expected);
  });

  it('gives the same quarters for a February start as the month shift says', () => {
    const feb = { startMonth: 2 };
    expect(periodOf('2023-01-16', 'quarter', feb)).toEqual(p('quarter', '2022-11-01', '2023-02-01', 'FY2023-Q4'));
    expect(periodOf('2023-04-10', 'quarter', feb)).toEqual(p('quarter', '2023-02-01', '2023-05-01', 'FY2024-Q1'));
  });
});

describe('fiscal year names', () => {
  it.each<[string, number, number, string]>([
    ['2024-06-30', 1, 2024, 'a January start: the calendar year'],
    ['2025-01-31', 2, 2025, 'FY2025 (Feb 2024 – Jan 2025) ends in January 2025'],
    ['2025-02-01', 2, 2026, 'FY2026 starts February 2025 and ends January 2026'],
    ['2024-03-31', 4, 2024, 'the last day of FY2024 (Apr 2023 – Mar 2024)'],
    ['2024-04-01', 4, 2025, 'the first day of FY2025'],
    ['2024-07-01', 7, 2025, 'a July start (US federal style: FY2025 ends June 2025)'],
    ['2024-11-30', 12, 2024, 'a December start: still FY2024 until 30 November'],
    ['2024-12-01', 12, 2025, 'a December start: FY2025 begins 1 December 2024'],
  ])('%s with start month %i is in FY%i (%s)', (date, startMonth, fy) => {
    expect(fiscalYearOf(date, { startMonth })).toBe(fy);
  });
});

describe('parsePeriod', () => {
  it.each<[string, FiscalCalendar, Period]>([
    ['FY2025', JAN, p('year', '2025-01-01', '2026-01-01', 'FY2025')],
    ['FY2025', APR, p('year', '2024-04-01', '2025-04-01', 'FY2025')],
    ['fy2025', JAN, p('year', '2025-01-01', '2026-01-01', 'FY2025')], // case does not matter
    [' FY2025 ', JAN, p('year', '2025-01-01', '2026-01-01', 'FY2025')],
    ['FY2025-Q3', JAN, p('quarter', '2025-07-01', '2025-10-01', 'FY2025-Q3')],
    ['FY2025-Q3', APR, p('quarter', '2024-10-01', '2025-01-01', 'FY2025-Q3')],
    ['FY2025-Q1', APR, p('quarter', '2024-04-01', '2024-07-01', 'FY2025-Q1')],
    ['2025-Q3', JAN, p('quarter', '2025-07-01', '2025-10-01', 'FY2025-Q3')], // "FY" may be left out
    ['2025-q4', APR, p('quarter', '2025-01-01', '2025-04-01', 'FY2025-Q4')],
    ['2025-08', JAN, p('month', '2025-08-01', '2025-09-01', '2025-08')],
    ['2025-08', APR, p('month', '2025-08-01', '2025-09-01', '2025-08')],
    ['2025-W32', JAN, p('week', '2025-08-04', '2025-08-11', '2025-W32')],
    ['2025-W01', JAN, p('week', '2024-12-30', '2025-01-06', '2025-W01')],
    ['2020-W53', JAN, p('week', '2020-12-28', '2021-01-04', '2020-W53')], // 2020 has 53 weeks
    ['2025-08-14', JAN, p('day', '2025-08-14', '2025-08-15', '2025-08-14')],
    ['2024-02-29', APR, p('day', '2024-02-29', '2024-03-01', '2024-02-29')],
  ])('reads %j (start month %o)', (label, cal, expected) => {
    expect(parsePeriod(label, cal)).toEqual({ ok: true, value: expected });
  });

  it.each([
    'FY25',
    'FY2025-Q5',
    '2025-Q0',
    '2025-13',
    '2025-00',
    '2021-W53',
    '2025-W00',
    '2025-W54',
    '2025-02-30',
    '2025-8-14',
    'Q3 2025',
    '',
  ])('refuses %j, naming the forms it accepts', (label) => {
    expect(parsePeriod(label, JAN)).toEqual({
      ok: false,
      reason: `"${label}" is not a period; use FY2025, FY2025-Q3, 2025-08, 2025-W32 or 2025-08-14`,
    });
  });

  it('reads back the label of every period of every grain', () => {
    for (const cal of [JAN, APR, { startMonth: 2 }, { startMonth: 12 }]) {
      for (const grain of GRAINS) {
        for (const date of ['2020-12-31', '2021-01-03', '2024-02-29', '2024-04-01', '2024-12-30', '2025-06-15']) {
          const period = periodOf(date, grain, cal);
          expect(parsePeriod(period.label, cal)).toEqual({ ok: true, value: period });
        }
      }
    }
  });
});

describe('periodsBetween', () => {
  it('lists every period overlapping [from, to)', () => {
    expect(periodsBetween('2024-01-15', '2024-04-01', 'month', JAN).map((x) => x.label)).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(periodsBetween('2024-01-15', '2024-04-02', 'month', JAN).map((x) => x.label)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
    ]);
    expect(periodsBetween('2024-03-01', '2025-04-01', 'quarter', APR).map((x) => x.label)).toEqual([
      'FY2024-Q4',
      'FY2025-Q1',
      'FY2025-Q2',
      'FY2025-Q3',
      'FY2025-Q4',
    ]);
  });
});
