import { describe, expect, it } from 'vitest';
import { formatKpiValue } from './format-kpi-value';

describe('formatKpiValue', () => {
  it.each([
    { value: 123456789, unit: 'currency', opts: { currency: 'USD' }, out: '$1,234,567.89' },
    { value: 123456789, unit: 'currency', opts: { currency: 'EUR', locale: 'de-DE' }, out: '1.234.567,89 €' },
    { value: 1234567, unit: 'currency', opts: { currency: 'JPY' }, out: '¥1,234,567' },
    { value: 0.3125, unit: 'percent', opts: { currency: 'USD' }, out: '31.3%' },
    { value: 42.25, unit: 'days', opts: { currency: 'USD' }, out: '42.3 d' },
    { value: 1.5, unit: 'ratio', opts: { currency: 'USD' }, out: '1.50' },
    { value: null, unit: 'count', opts: { currency: 'USD' }, out: '—' },
  ] as const)('$value $unit → $out', ({ value, unit, opts, out }) => {
    expect(formatKpiValue(value, unit, opts).replace(/\u00a0/g, ' ')).toBe(out);
  });
});
