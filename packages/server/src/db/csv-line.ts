/**
 * Writes one row of normalised values as a line for a bulk loader, in the
 * bulk loaders' dialect (bulk-csv-dialect.ts): NULL is an empty unquoted
 * field. Validated values are never empty strings (empty means NULL), so only
 * values containing the quote, a comma or a line break need quoting. Hot path:
 * no closures, no intermediate arrays.
 */
import { NEEDS_BULK_QUOTES, quoteBulkValue } from './bulk-csv-dialect';

export function csvLine(values: readonly (string | null)[]): string {
  let out = '';
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null || v === undefined) continue;
    if (v === '' || NEEDS_BULK_QUOTES.test(v)) out += quoteBulkValue(v);
    else out += v;
  }
  return `${out}\n`;
}
