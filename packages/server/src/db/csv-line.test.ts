import { describe, expect, it } from 'vitest';
import { BULK_QUOTE } from './bulk-csv-dialect';
import { csvLine } from './csv-line';

describe('csvLine', () => {
  it('writes plain values joined by commas, NULL as an empty field', () => {
    expect(csvLine(['a', null, '12', 'x y'])).toBe('a,,12,x y\n');
  });

  it.each([
    ['a comma', 'comma, inside'],
    ['a line feed', 'line\nbreak'],
    ['a carriage return', 'cr\rhere'],
    ['an empty string', ''],
  ])('quotes a value holding %s, and only that value', (_what, v) => {
    expect(csvLine(['plain', v, null])).toBe(`plain,${BULK_QUOTE}${v}${BULK_QUOTE},\n`);
  });

  it('doubles the quote inside a quoted value', () => {
    expect(csvLine([`q${BULK_QUOTE}q`])).toBe(`${BULK_QUOTE}q${BULK_QUOTE}${BULK_QUOTE}q${BULK_QUOTE}\n`);
  });
});
