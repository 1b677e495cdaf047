import { describe, expect, it } from 'vitest';
import { affectedPeriodRange, type WindowReach } from './affected-period-range';
import type { WindowSpec } from './kpi-definition';

const rows = (windows: WindowSpec[], reachMonths: number | null = 0): WindowReach[] => windows.map((window) => ({ window, reachMonths }));

const CAL = { startMonth: 1 };
const FEB = { startMonth: 2 };
const MAY_2024 = { from: '2024-05-10', to: '2024-05-11' };

describe('affectedPeriodRange', () => {
  it.each<[string, WindowSpec[], { startMonth: number }, { from: string; to: string } | null]>([
    // current: May 2024, Q2 2024 and FY2024 read it → FY2024
    ['a current window stays in its year', [{ kind: 'current' }], CAL, { from: '2024-01-01', to: '2025-01-01' }],
    // trailing 12: the months up to April 2025 and FY2025-Q1 read May 2024 → FY2024–FY2025
    [
      'a trailing window reaches into the next year',
      [{ kind: 'trailing_months', months: 12 }],
      CAL,
      { from: '2024-01-01', to: '2026-01-01' },
    ],
    // same period last year: only May 2025, Q2 2025 and FY2025 read May 2024
    ['last year’s value moves next year only', [{ kind: 'same_period_last_year' }], CAL, { from: '2025-01-01', to: '2026-01-01' }],
    // prior period of FY2025 is FY2024
    ['a year’s prior period is the year before', [{ kind: 'prior_period' }], CAL, { from: '2024-01-01', to: '2026-01-01' }],
    // to date (year): May–Dec 2024 → FY2024 only
    ['year to date stays in its year', [{ kind: 'to_date', grain: 'year' }], CAL, { from: '2024-01-01', to: '2025-01-01' }],
    // fiscal year from February: May 2024 is in FY2025 = Feb 2024 – Jan 2025
    ['whole fiscal years of the company calendar', [{ kind: 'current' }], FEB, { from: '2024-02-01', to: '2025-02-01' }],
    ['no windows, nothing to do', [], CAL, null],
  ])('%s', (_name, windows, cal, expected) => {
    expect(affectedPeriodRange(MAY_2024, rows(windows), cal)).toEqual(expected);
  });

  it.each<[string, WindowReach[], { from: string; to: string | null } | null]>([
    // a customer_month row reads 24 months: May 2024 is in the snapshots of May 2024 – Apr 2026 → FY2024–FY2026
    ['a snapshot carries a row 23 months on', rows([{ kind: 'period_end' }], 23), { from: '2024-01-01', to: '2027-01-01' }],
    // an open opportunity stays in every later snapshot
    ['an unbounded reach moves every later year', rows([{ kind: 'period_end' }], null), { from: '2024-01-01', to: null }],
    // rest of the year: Jan–Apr 2024 and Q1 2024 read May 2024 as a month still to come → FY2024
    ['the rest of the year stays in its year', rows([{ kind: 'rest_of_year' }]), { from: '2024-01-01', to: '2025-01-01' }],
  ])('%s', (_name, reads, expected) => {
    expect(affectedPeriodRange(MAY_2024, reads, CAL)).toEqual(expected);
  });

  it('spans every year a long import touches', () => {
    expect(affectedPeriodRange({ from: '2023-03-01', to: '2024-02-01' }, rows([{ kind: 'current' }]), CAL)).toEqual({
      from: '2023-01-01',
      to: '2025-01-01',
    });
  });
});
