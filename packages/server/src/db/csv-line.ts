/**
 * Writes one row of normalised values as an RFC 4180 line for a bulk loader:
 * NULL is an empty unquoted field. Validated values are never empty strings
 * (empty means NULL), so only values containing a quote, comma or line break
 * need quoting. Hot path: no closures, no intermediate arrays.
 */
const NEEDS_QUOTES = /[",\n\r]/;

export function csvLine(values: readonly (string | null)[]): string {
  let out = '';
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null || v === undefined) continue;
    if (v === '' || NEEDS_QUOTES.test(v)) out += `"${v.replace(/"/g, '""')}"`;
    else out += v;
  }
  return `${out}\n`;
}
