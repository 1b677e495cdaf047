/**
 * The median of amounts in integer minor units, exactly. For an even count it
 * is the mean of the two middle amounts; when their sum is odd that mean ends
 * in half a minor unit, which rounds up (towards +∞) to a whole minor unit,
 * so a median is always an integer number of minor units.
 */

/** The median of whole minor-unit amounts, or null for none. */
export function medianMinor(amounts: readonly number[]): number | null {
  for (const a of amounts) {
    if (!Number.isSafeInteger(a)) throw new RangeError(`an amount in minor units must be a safe integer, not ${a}`);
  }
  const sorted = [...amounts].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return null;
  const upper = sorted[Math.floor(n / 2)] as number;
  if (n % 2 === 1) return upper;
  const sum = (sorted[n / 2 - 1] as number) + upper;
  if (!Number.isSafeInteger(sum)) throw new RangeError(`the two middle amounts ${sorted[n / 2 - 1]} + ${upper} exceed exact integers`);
  return Math.floor(sum / 2) + (sum % 2 === 0 ? 0 : 1);
}
