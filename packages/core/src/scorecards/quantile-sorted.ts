/**
 * The p-quantile of ascending values by linear interpolation between order
 * statistics (Hyndman & Fan type 7: R's default, numpy's "linear", Excel's
 * PERCENTILE.INC): position (n − 1)·p, counted from 0.
 */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('quantile of no values');
  if (!(p >= 0 && p <= 1)) throw new Error(`a quantile needs 0 ≤ p ≤ 1, got ${p}`);
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const low = sorted[below] ?? 0;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? low;
  return low + (high - low) * (position - below);
}
