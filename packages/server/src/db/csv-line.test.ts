import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BULK_QUOTE } from './bulk-csv-dialect';
import { csvLine, quotedCsvLine } from './csv-line';

describe('csvLine', () => {
  it('writes plain values joined by commas, NULL as an empty field', () => {
    expect(csvLine(['a', null, '12', 'x y'])).toBe('a,,12,x y\n');
  });

  it.each([
    ['a comma', 'comma, inside'],
    ['a line feed', 'line\nbreak'],
    ['a carriage return', 'cr\rhere'],
    ['the quote', `q${BULK_QUOTE}q`],
    ['an empty string', ''],
  ])('quotes a value holding %s, and only that value', (_what, v) => {
    const line = csvLine(['plain', v, null]);
    expect(line).toBe(quotedCsvLine(['plain', v, null]));
    expect(line.startsWith(`plain,${BULK_QUOTE}`)).toBe(true);
    expect(line.endsWith(`${BULK_QUOTE},\n`)).toBe(true);
  });

  it('gives the same text as writing value by value, for any row', () => {
    const special = fc.constantFrom(',', '\n', '\r', BULK_QUOTE, '"', ' ', 'é', '');
    const text = fc.array(fc.oneof(fc.string({ maxLength: 4 }), special), { maxLength: 4 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(fc.option(text, { nil: null }), { maxLength: 8 }), (row) => {
        expect(csvLine(row)).toBe(quotedCsvLine(row));
      }),
      { numRuns: 2000, seed: 20261123 },
    );
  });
});
