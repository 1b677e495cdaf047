/**
 * The Kruskal–Wallis H test: do k independent groups come from the same
 * distribution? A rank test, so one rep's extreme score cannot decide it and
 * no normality is assumed. H = 12/(N(N+1)) · Σ R_i²/n_i − 3(N+1) over the
 * pooled average ranks, divided by the tie correction 1 − Σ(t³ − t)/(N³ − N);
 * the p-value is the chi-square tail with k − 1 degrees of freedom, as in
 * scipy.stats.kruskal and R's kruskal.test.
 */
import { averageRanks } from './average-ranks';
import { regularisedUpperGamma } from './regularised-upper-gamma';

export type KruskalWallisResult =
  | { h: number; df: number; pValue: number; reason: null }
  | { h: null; df: number; pValue: null; reason: string };

/** H, its degrees of freedom and p-value over the non-empty groups, or the reason there is no test. */
export function kruskalWallis(groups: readonly (readonly number[])[]): KruskalWallisResult {
  const nonEmpty = groups.filter((g) => g.length > 0);
  const df = nonEmpty.length - 1;
  if (nonEmpty.length < 2) return { h: null, df, pValue: null, reason: 'fewer than two groups have values' };
  const pooled = nonEmpty.flat();
  const n = pooled.length;
  const ranks = averageRanks(pooled);
  let sumOfSquares = 0;
  let offset = 0;
  for (const group of nonEmpty) {
    let rankSum = 0;
    for (let i = 0; i < group.length; i++) rankSum += ranks[offset + i] ?? 0;
    sumOfSquares += (rankSum * rankSum) / group.length;
    offset += group.length;
  }
  const tieCorrection = 1 - tieTerm(pooled) / (n ** 3 - n);
  if (tieCorrection <= 0) return { h: null, df, pValue: null, reason: 'no variation' };
  const h = Math.max(0, ((12 / (n * (n + 1))) * sumOfSquares - 3 * (n + 1)) / tieCorrection);
  return { h, df, pValue: regularisedUpperGamma(df / 2, h / 2), reason: null };
}

/** Σ (t³ − t) over the sizes t of the groups of tied values. */
function tieTerm(values: readonly number[]): number {
  const sizes = new Map<number, number>();
  for (const v of values) sizes.set(v, (sizes.get(v) ?? 0) + 1);
  let sum = 0;
  for (const t of sizes.values()) sum += t ** 3 - t;
  return sum;
}
