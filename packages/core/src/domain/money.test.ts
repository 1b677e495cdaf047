import { describe, expect, it } from 'vitest';
import type { CurrencyCode } from './currency';
import { convertMinor, type DecimalSeparator, formatMinor, parseMoneyMinor, parseScaledDecimal } from './money';

const WRONG_SEPARATOR = /where '[.,]' is the decimal separator; set decimal_separator/;

describe('parseScaledDecimal', () => {
  it.each<[string, number, DecimalSeparator, number]>([
    ['1234.56', 2, '.', 123456],
    ['1234,56', 2, ',', 123456],
    ['1,234.56', 2, '.', 123456], // grouping with ',' when '.' is decimal
    ['1.234,56', 2, ',', 123456], // grouping with '.' when ',' is decimal
    ['1,234,567.89', 2, '.', 123456789],
    ['1.234.567,89', 2, ',', 123456789],
    ['1,234', 2, '.', 123400], // a well-grouped integer
    ['1.234', 2, ',', 123400],
    ['12', 2, '.', 1200],
    ['12.5', 2, '.', 1250], // padded to the exponent
    ['.5', 2, '.', 50],
    ['5.', 2, '.', 500],
    ['0,05', 2, ',', 5],
    ['007.10', 2, '.', 710], // leading zeros
    ['12.500', 2, '.', 1250], // trailing zeros beyond the exponent are not a loss
    ['  42.00 ', 2, '.', 4200], // surrounding blanks
    ['+3.10', 2, '.', 310],
    ['-3.10', 2, '.', -310],
    ['-1.234,56', 2, ',', -123456],
    ['-0.00', 2, '.', 0], // never −0
    ['12', 0, '.', 12], // JPY-like
    ['12.0', 0, '.', 12],
    ['1.234', 3, '.', 1234], // KWD-like: three decimals
    ['1.2345', 4, '.', 12345], // a share with scale 4
    ['90071992547409.91', 2, '.', Number.MAX_SAFE_INTEGER], // the largest exact value
    ['-90071992547409.91', 2, '.', -Number.MAX_SAFE_INTEGER],
  ])('reads %j (exponent %i, decimal %j) as %i', (text, exponent, sep, expected) => {
    expect(parseScaledDecimal(text, exponent, sep)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, number, DecimalSeparator, string | RegExp]>([
    ['', 2, '.', 'is empty'],
    ['   ', 2, '.', 'is empty'],
    ['-', 2, '.', 'is not a number'],
    ['abc', 2, '.', 'is not a number'],
    ['1e5', 2, '.', 'is not a number'],
    ['12 345', 2, '.', 'is not a number'],
    ['--5', 2, '.', 'is not a number'],
    ['$12.00', 2, '.', 'is not a number'],
    ['12.345', 2, '.', 'has 3 decimals where 2 are allowed; Cairn does not round on import'],
    ['12.5', 0, '.', 'has 1 decimals where 0 are allowed; Cairn does not round on import'],
    ['1,2345', 3, ',', 'has 4 decimals where 3 are allowed; Cairn does not round on import'],
    ['1,234', 2, ',', 'has 3 decimals where 2 are allowed; Cairn does not round on import'], // 1.234 with ',' as decimal
    ['1.234,56', 2, '.', WRONG_SEPARATOR], // European text read with '.'
    ['1,234.56', 2, ',', WRONG_SEPARATOR], // US text read with ','
    ['1.234.567', 2, '.', WRONG_SEPARATOR], // two decimal separators: it must be grouping
    ['12,34', 2, '.', WRONG_SEPARATOR], // not groups of three
    ['1,23,456.00', 2, '.', WRONG_SEPARATOR], // lakh grouping is not read as thousands
    ['1234,567.00', 2, '.', WRONG_SEPARATOR], // first group longer than three
    ['90071992547409.92', 2, '.', 'is too large to store exactly'],
    ['123456789012345678901234567890', 0, '.', 'is too large to store exactly'],
  ])('refuses %j (exponent %i, decimal %j)', (text, exponent, sep, reason) => {
    const r = parseScaledDecimal(text, exponent, sep);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('parseMoneyMinor', () => {
  it('uses the currency exponent', () => {
    expect(parseMoneyMinor('1234.5', 'USD' as CurrencyCode, '.')).toEqual({ ok: true, value: 123450 });
    expect(parseMoneyMinor('1234', 'JPY' as CurrencyCode, '.')).toEqual({ ok: true, value: 1234 });
    expect(parseMoneyMinor('1234.5', 'JPY' as CurrencyCode, '.').ok).toBe(false);
    expect(parseMoneyMinor('1.234', 'KWD' as CurrencyCode, '.')).toEqual({ ok: true, value: 1234 });
  });
});

describe('formatMinor', () => {
  it.each<[number | bigint, number, string]>([
    [123450, 2, '1234.50'],
    [5, 2, '0.05'],
    [-5, 2, '-0.05'],
    [0, 2, '0.00'],
    [-123456, 2, '-1234.56'],
    [1234, 0, '1234'],
    [1234, 3, '1.234'],
    [123456789012345678901234567890n, 2, '1234567890123456789012345678.90'],
  ])('writes %s at exponent %i as %s', (minor, exponent, text) => {
    expect(formatMinor(minor, exponent)).toBe(text);
  });
});

describe('convertMinor', () => {
  it.each<[number, string, number, string]>([
    [10000, '1.0850', 10850, '100.00 × 1.085 = 108.50 exactly'],
    [100, '2', 200, 'a rate without decimals'],
    [100, '.5', 50, 'a rate without a leading zero'],
    [0, '1.23456789', 0, 'zero stays zero'],
    [1, '0.5', 1, '0.5 → 1, away from zero'],
    [-1, '0.5', -1, '−0.5 → −1, away from zero'],
    [5, '0.5', 3, '2.5 → 3 (half to even would give 2)'],
    [-5, '0.5', -3, '−2.5 → −3 (half up would give −2)'],
    [3, '0.5', 2, '1.5 → 2'],
    [1, '0.49999999', 0, 'just below a half → down'],
    [-1, '0.49999999', 0, '−0.49999999 → 0, and never −0'],
    [1, '0.50000001', 1, 'just above a half → up'],
    [1232700, '1.0150', 1251191, '1,251,190.5 → 1,251,191'],
    [-123300, '1.0850', -133781, '−133,780.5 → −133,781'],
    [350000, '1.08123457', 378432, '378,432.0995 → 378,432'],
    [555555, '1.08123457', 600685, '600,685.27153635 → 600,685'],
    [999, '0.00100000', 1, '0.999 → 1'],
    [-999, '0.00100000', -1, '−0.999 → −1'],
    [4503599627370495, '2.00000000', 9007199254740990, 'large amounts stay exact (BigInt arithmetic)'],
  ])('%i × %s = %i (%s)', (minor, rate, expected) => {
    expect(convertMinor(minor, rate)).toBe(expected);
  });
});
