import { describe, expect, it } from 'vitest';
import { ActualsTable } from './actuals-table';

const M1 = { grain: 'month', start: '2024-01-01', label: 'FY2024-M01' } as const;
const M2 = { grain: 'month', start: '2024-02-01', label: 'FY2024-M02' } as const;
const Q1 = { grain: 'quarter', start: '2024-01-01', label: 'FY2024-Q1' } as const;

describe('ActualsTable', () => {
  const table = ActualsTable.fromEntries([
    { nodeKey: 'rep:A', period: M1, kpiId: 'win_rate', actual: { value: 0.5, numerator: 1, denominator: 2 } },
    { nodeKey: 'rep:A', period: M2, kpiId: 'bookings', actual: { value: 1250, numerator: null, denominator: null } },
    { nodeKey: 'team:T', period: Q1, kpiId: 'win_rate', actual: { value: null, numerator: 0, denominator: 0 } },
    // A row whose every part is null still gives the node a scorecard for the period.
    { nodeKey: 'rep:B', period: M1, kpiId: 'bookings', actual: { value: null, numerator: null, denominator: null } },
  ]);

  it('finds each value by key and by index, with null parts kept apart from zeros', () => {
    expect(table.get('rep:A', 'month', '2024-01-01', 'win_rate')).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(table.get('rep:A', 'month', '2024-02-01', 'bookings')).toEqual({ value: 1250, numerator: null, denominator: null });
    expect(table.get('team:T', 'quarter', '2024-01-01', 'win_rate')).toEqual({ value: null, numerator: 0, denominator: 0 });
    const [n, p, k] = [table.nodeIndex('rep:A'), table.periodIndex('month', '2024-01-01'), table.kpiIndex('win_rate')];
    expect(table.actual(n, p, k)?.value).toBe(0.5);
  });

  it('answers undefined for a missing cell, an unknown node, period or KPI, and an all-null row', () => {
    expect(table.get('rep:A', 'month', '2024-01-01', 'bookings')).toBeUndefined();
    expect(table.get('rep:Z', 'month', '2024-01-01', 'win_rate')).toBeUndefined();
    expect(table.get('rep:A', 'year', '2024-01-01', 'win_rate')).toBeUndefined();
    expect(table.get('rep:A', 'month', '2024-01-01', 'nps')).toBeUndefined();
    expect(table.get('rep:B', 'month', '2024-01-01', 'bookings')).toBeUndefined();
    expect(table.actual(-1, 0, 0)).toBeUndefined();
  });

  it('lists the nodes that have any row for a period', () => {
    const keys = (p: number) => table.nodesWith(p).map((n) => table.nodeKeys[n]);
    expect(keys(table.periodIndex('month', '2024-01-01'))).toEqual(['rep:A', 'rep:B']);
    expect(keys(table.periodIndex('month', '2024-02-01'))).toEqual(['rep:A']);
    expect(keys(table.periodIndex('quarter', '2024-01-01'))).toEqual(['team:T']);
    expect(table.has(table.nodeIndex('rep:B'), table.periodIndex('month', '2024-02-01'))).toBe(false);
  });

  it('refuses columns that point outside the dictionaries', () => {
    const cols = { node: [0], period: [1], kpi: [0], value: [1], numerator: [1], denominator: [1] };
    expect(() => ActualsTable.fromColumns(['rep:A'], [M1], ['k'], cols, 1)).toThrow(/outside its dictionaries/);
  });
});
