/** Writes one row of normalised values as an RFC 4180 line: NULL is an empty unquoted field. */
export function csvLine(values: readonly (string | null)[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    if (v === null || v === undefined) continue;
    out += `"${v.includes('"') ? v.replace(/"/g, '""') : v}"`;
  }
  return `${out}\n`;
}
