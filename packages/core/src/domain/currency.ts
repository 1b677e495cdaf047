/**
 * ISO 4217 currencies Cairn accepts, with their minor-unit exponent.
 * Amounts are stored as integer minor units, so the exponent decides how a
 * decimal text becomes an integer and back.
 */
const EXPONENTS: Readonly<Record<string, number>> = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  CHF: 2,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  CZK: 2,
  HUF: 2,
  BRL: 2,
  MXN: 2,
  INR: 2,
  CNY: 2,
  HKD: 2,
  SGD: 2,
  ZAR: 2,
  ILS: 2,
  TRY: 2,
  AED: 2,
  SAR: 2,
  KES: 2,
  PHP: 2,
  THB: 2,
  MYR: 2,
  IDR: 2,
  JPY: 0,
  KRW: 0,
  ISK: 0,
  CLP: 0,
  VND: 0,
  KWD: 3,
  BHD: 3,
  JOD: 3,
  OMR: 3,
  TND: 3,
};

export type CurrencyCode = string & { readonly __brand: 'CurrencyCode' };

export function isKnownCurrency(code: string): code is CurrencyCode {
  return Object.hasOwn(EXPONENTS, code);
}

export function currencyExponent(code: CurrencyCode): number {
  const e = EXPONENTS[code];
  if (e === undefined) throw new Error(`unknown currency ${code}`);
  return e;
}

export function knownCurrencies(): string[] {
  return Object.keys(EXPONENTS).sort();
}
