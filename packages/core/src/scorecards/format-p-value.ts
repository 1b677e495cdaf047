/** A p-value as a reader expects it: "p = 0.034", or "p < 0.001" rather than a string of zeros. */
export function formatPValue(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}
