/**
 * How a KPI value reads: currency from whole minor units in the reporting
 * currency, percent from a fraction (0.3 → 30.0%), days and ratios with one
 * or two decimals. The CLI and the web app both format through here, so a
 * number reads the same everywhere; `locale` picks separators.
 */
import { assertNever } from '../domain/assert-never';
import { type CurrencyCode, currencyExponent, isKnownCurrency } from '../domain/currency';
import type { KpiUnit } from './kpi-definition';

export interface FormatOptions {
  currency: string;
  locale?: string;
  /** Compact notation for charts and tight tables (1.2M). */
  compact?: boolean;
}

export function formatKpiValue(value: number | null | undefined, unit: KpiUnit, opts: FormatOptions): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const locale = opts.locale ?? 'en-US';
  const compact = opts.compact ? ({ notation: 'compact', maximumFractionDigits: 1 } as const) : {};
  switch (unit) {
    case 'currency': {
      const exponent = isKnownCurrency(opts.currency) ? currencyExponent(opts.currency as CurrencyCode) : 2;
      const major = value / 10 ** exponent;
      return new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: opts.currency,
        minimumFractionDigits: opts.compact ? 0 : Math.min(exponent, 2),
        maximumFractionDigits: opts.compact ? 1 : Math.min(exponent, 2),
        ...compact,
      }).format(major);
    }
    case 'percent':
      return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
    case 'count':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, ...compact }).format(value);
    case 'days':
      return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} d`;
    case 'ratio':
    case 'score':
      return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
    default:
      return assertNever(unit, 'unit');
  }
}
