/** Formatting of generated values as the bulk loader expects them: every value a string, or null. */

/** A decimal with four places from an integer count of basis points (1500 → '0.1500'). */
export function fromBasisPoints(bp: number): string {
  const negative = bp < 0;
  const v = Math.abs(bp);
  const frac = v % 10000;
  return `${negative ? '-' : ''}${Math.floor(v / 10000)}.${frac < 10 ? '000' : frac < 100 ? '00' : frac < 1000 ? '0' : ''}${frac}`;
}

/** A decimal with eight places from an integer scaled by 10^8. */
export function fromE8(value: number): string {
  const whole = Math.floor(value / 1e8);
  return `${whole}.${String(value - whole * 1e8).padStart(8, '0')}`;
}

export function bool(b: boolean): string {
  return b ? 'true' : 'false';
}

/** A zero-padded index, for ids that sort in generation order. */
export function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

/** The import_id written on every demo row. */
export const DEMO_IMPORT_ID = 'demo';
