import { describe, expect, it } from 'vitest';
import { defaultPeriod, grainOfPeriod } from './use-periods';

describe('grainOfPeriod', () => {
  it.each([
    ['FY2025', 'year'],
    ['FY2025-Q3', 'quarter'],
    ['2025-Q3', 'quarter'],
    ['2025-08', 'month'],
    ['last week', null],
    [null, null],
  ])('reads %s as %s', (label, grain) => {
    expect(grainOfPeriod(label)).toBe(grain);
  });
});

describe('defaultPeriod', () => {
  it('opens on the newest complete period with data', () => {
    const options = [
      { label: 'FY2026-Q1', start: '2025-07-01', complete: false },
      { label: 'FY2025-Q4', start: '2025-04-01', complete: true },
      { label: 'FY2025-Q3', start: '2025-01-01', complete: true },
    ];
    expect(defaultPeriod(options)).toBe('FY2025-Q4');
  });

  it('falls back to the newest period with data when none is complete', () => {
    expect(defaultPeriod([{ label: 'FY2026-Q1', start: '2025-07-01', complete: false }])).toBe('FY2026-Q1');
  });

  it('has no default without data', () => {
    expect(defaultPeriod([])).toBeNull();
  });
});
