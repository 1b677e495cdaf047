import { describe, expect, it } from 'vitest';
import { addMonths } from '../domain/civil-date';
import type { FiscalCalendar } from '../domain/fiscal-calendar';
import { indexForPeriod, seasonalityIndex } from './seasonality-index';

// Fiscal year starts in February: FY2024 = 2023-02-01 .. 2024-01-31.
const cal: FiscalCalendar = { startMonth: 2 };

function year(start: string, values: number[]) {
  return values.map((value, i) => ({ monthStart: addMonths(start, i), value }));
}

describe('seasonalityIndex', () => {
  it('averages each fiscal month’s share of its year over complete years', () => {
    // FY2023: total 120, month 1 = 30 (share 0.25), others 90/11.
    // FY2024: total 240, month 1 = 20 (share 1/12), others 220/11 = 20.
    // Month 1 share = (0.25 + 1/12) / 2 = 1/6, index = 12 × 1/6 = 2.
    const fy23 = year('2022-02-01', [30, ...new Array(11).fill(90 / 11)]);
    const fy24 = year('2023-02-01', new Array(12).fill(20));
    const idx = seasonalityIndex([...fy23, ...fy24], cal, '2024-02-01');
    expect(idx.yearsUsed).toEqual(['FY2023', 'FY2024']);
    expect(idx.byFiscalMonth[0]).toBeCloseTo(2, 12);
    // The index averages 1 over the year.
    expect(idx.byFiscalMonth.reduce((a, b) => a + b, 0)).toBeCloseTo(12, 12);
  });

  it('ignores incomplete years and years that end after the target period starts', () => {
    const fy24 = year('2023-02-01', [24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const partial = year('2024-02-01', [1, 1, 1]);
    const idx = seasonalityIndex([...fy24, ...partial], cal, '2024-05-01');
    // Only FY2024 counts: month 1 carries everything, index 12.
    expect(idx.yearsUsed).toEqual(['FY2024']);
    expect(idx.byFiscalMonth[0]).toBe(12);
    // Before FY2024 ends there is no complete year: flat.
    expect(seasonalityIndex(fy24, cal, '2024-01-01')).toEqual({ byFiscalMonth: new Array(12).fill(1), yearsUsed: [] });
  });

  it('gives a quarter the mean of its three month indices, and a year 1', () => {
    // Shares 3/24, 2/24, 1/24 in Q1, then 1/24 × 9 … total 24 per year.
    const fy = year('2023-02-01', [3, 2, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    const idx = seasonalityIndex(fy, cal, '2024-02-01');
    // Month indices 12 × 3/24 = 1.5, 1, 0.5; quarter index = (1.5 + 1 + 0.5) / 3 = 1.
    expect(indexForPeriod(idx, 'month', '2024-02-01', cal)).toBeCloseTo(1.5, 12);
    expect(indexForPeriod(idx, 'quarter', '2024-02-01', cal)).toBeCloseTo(1, 12);
    expect(indexForPeriod(idx, 'month', '2024-04-01', cal)).toBeCloseTo(0.5, 12);
    expect(indexForPeriod(idx, 'year', '2024-02-01', cal)).toBe(1);
  });
});
