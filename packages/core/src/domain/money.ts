/**
 * Money is an integer count of minor units plus a currency. Text becomes minor
 * units by exact digit manipulation, never through a float. Rounding is not
 * done here: a value with more decimals than its currency allows is refused.
 */
import { type CurrencyCode, currencyExponent } from './currency';

export interface Money {
  minor: number;
  currency: CurrencyCode;
}

export type DecimalSeparator = '.' | ',';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Parses a decimal text ("1234.5", "-12", "1,234.50" with the right separators)
 * into an integer scaled by 10^exponent. Thousands separators are accepted only
 * in well-formed groups of three.
 */
export function parseScaledDecimal(text: string, exponent: number, decimalSeparator: DecimalSeparator): ParseResult<number> {
  const fast = plainScaledDecimal(text, exponent, decimalSeparator === '.' ? 46 : 44);
  if (fast !== null) return { ok: true, value: fast };
  let s = text.trim();
  if (s === '') return { ok: false, reason: 'is empty' };
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  const thousands = decimalSeparator === '.' ? ',' : '.';
  const wrongSeparator = {
    ok: false as const,
    reason: `uses '${thousands}' where '${decimalSeparator}' is the decimal separator; set decimal_separator in the mapping`,
  };
  const firstDec = s.indexOf(decimalSeparator);
  if (firstDec !== s.lastIndexOf(decimalSeparator)) {
    return /^[\d.,]+$/.test(s) ? wrongSeparator : { ok: false, reason: 'is not a number' };
  }
  let intPart = firstDec === -1 ? s : s.slice(0, firstDec);
  const fracPart = firstDec === -1 ? '' : s.slice(firstDec + 1);
  if (intPart.includes(thousands)) {
    const groups = intPart.split(thousands);
    const wellGrouped = /^\d{1,3}$/.test(groups[0] ?? '') && groups.slice(1).every((g) => /^\d{3}$/.test(g));
    if (!wellGrouped) return /^[\d.,]+$/.test(s) ? wrongSeparator : { ok: false, reason: 'is not a number' };
    intPart = groups.join('');
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fracPart)) {
    return /^[\d.,]+$/.test(s) ? wrongSeparator : { ok: false, reason: 'is not a number' };
  }
  if (intPart === '' && fracPart === '') return { ok: false, reason: 'is not a number' };
  let frac = fracPart;
  if (frac.length > exponent) {
    if (!/^0*$/.test(frac.slice(exponent))) {
      return { ok: false, reason: `has ${frac.length} decimals where ${exponent} are allowed; Cairn does not round on import` };
    }
    frac = frac.slice(0, exponent);
  }
  frac = frac.padEnd(exponent, '0');
  const digits = `${intPart.replace(/^0+(?=\d)/, '')}${frac}`;
  const value = Number(digits);
  if (!Number.isSafeInteger(value) || value > MAX_SAFE) {
    return { ok: false, reason: 'is too large to store exactly' };
  }
  return { ok: true, value: negative && value !== 0 ? -value : value };
}

/**
 * The common case without allocation: optional '-', digits, optional
 * separator and at most `exponent` digits. Anything else (or an unsafe
 * magnitude) returns null and takes the general path.
 */
function plainScaledDecimal(s: string, exponent: number, sep: number): number | null {
  const n = s.length;
  let i = 0;
  let negative = false;
  if (n === 0) return null;
  if (s.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  }
  let value = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
    } else break;
  }
  if (digits === 0 || digits > 15) return null;
  let frac = 0;
  if (i < n) {
    if (s.charCodeAt(i) !== sep) return null;
    i++;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57 || frac === exponent) return null;
      value = value * 10 + (c - 48);
      frac++;
    }
    if (frac === 0) return null;
  }
  for (; frac < exponent; frac++) value *= 10;
  if (!Number.isSafeInteger(value)) return null;
  return negative && value !== 0 ? -value : value;
}

/** Parses a money text in a currency into integer minor units. */
export function parseMoneyMinor(text: string, currency: CurrencyCode, decimalSeparator: DecimalSeparator): ParseResult<number> {
  return parseScaledDecimal(text, currencyExponent(currency), decimalSeparator);
}

/** Formats minor units as a plain decimal string ("1234.50"), exact. */
export function formatMinor(minor: number | bigint, exponent: number): string {
  const negative = minor < 0;
  const digits = (negative ? -BigInt(minor) : BigInt(minor)).toString().padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const frac = exponent === 0 ? '' : `.${digits.slice(-exponent)}`;
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/**
 * Multiplies minor units by a decimal rate given as text and rounds half away
 * from zero to whole minor units, the same rule as SQL ROUND on DECIMAL in both
 * DuckDB and PostgreSQL.
 */
export function convertMinor(minor: number, rateText: string): number {
  const [i = '0', f = ''] = rateText.split('.');
  const scale = 10n ** BigInt(f.length);
  const rate = BigInt(i + f);
  const product = BigInt(minor) * rate;
  const q = product / scale;
  const r = product % scale;
  const twice = (r < 0n ? -r : r) * 2n;
  const rounded = twice >= scale ? q + (product < 0n ? -1n : 1n) : q;
  return Number(rounded);
}
