/**
 * Every number on screen goes through core's `formatKpiValue`, in the
 * browser's locale and the response's reporting currency: the web app formats,
 * it never computes attainment, scores or payouts.
 */
import { formatKpiValue, type KpiUnit, PERSPECTIVES, type Perspective, UNITS } from '@cairn/core/metrics';
import { perspectiveLabel } from '@cairn/core/scorecards';

export interface NumberFormat {
  currency: string;
  locale: string;
}

/** An ISO 4217 "no currency" code: used when a page has no reporting currency to hand. */
export const UNKNOWN_CURRENCY = 'XXX';

export function browserLocale(): string {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-US';
}

export function isKpiUnit(unit: string): unit is KpiUnit {
  return (UNITS as readonly string[]).includes(unit);
}

/** A KPI value in its unit; a unit this web app does not know is shown as a plain number. */
export function formatValue(value: number | null | undefined, unit: string, fmt: NumberFormat, compact = false): string {
  return formatKpiValue(value, isKpiUnit(unit) ? unit : 'count', { ...fmt, compact });
}

/** A 0–10 score, to two decimals. */
export function formatScore(score: number | null | undefined, fmt: NumberFormat): string {
  return formatKpiValue(score, 'score', fmt);
}

/** A number the API already gives in percent (attainment 75 → "75.0%", weight 62.5 → "62.5%"). */
export function formatPercentNumber(pct: number | null | undefined, fmt: NumberFormat): string {
  return formatKpiValue(pct === null || pct === undefined ? pct : pct / 100, 'percent', fmt);
}

/** A fraction the API gives (share of parent 0.25 → "25.0%"). */
export function formatFraction(fraction: number | null | undefined, fmt: NumberFormat): string {
  return formatKpiValue(fraction, 'percent', fmt);
}

/** A plain count or an exact decimal string from the API (numerators, row contributions), grouped by locale. */
export function formatPlain(value: unknown, locale: string): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(value);
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) {
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(value as Intl.StringNumericLiteral);
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** "Internal process" for `internal_process`; an unknown name as it came. */
export function perspectiveName(perspective: string): string {
  return (PERSPECTIVES as readonly string[]).includes(perspective) ? perspectiveLabel(perspective as Perspective) : perspective;
}

/** `higher_is_better` → "higher is better". */
export function humanize(token: string): string {
  return token.replace(/_/g, ' ');
}
