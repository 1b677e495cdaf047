/**
 * Spearman's rank correlation: Pearson's r of the average ranks, so ties are
 * handled the way scipy.stats.spearmanr and R's cor(method = "spearman") do.
 * The p-value is two-sided from Student's t with n − 2 degrees of freedom,
 * t = rho·√((n − 2)/(1 − rho²)); below 4 pairs that approximation says nothing
 * useful, so no coefficient is reported at all rather than a misleading one.
 */
import { averageRanks } from './average-ranks';
import { correlationPValue } from './correlation-p-value';
import { pearson } from './pearson';

export const SPEARMAN_MIN_PAIRS = 4;

export type SpearmanResult =
  | { rho: number; n: number; pValue: number; reason: null }
  | { rho: null; n: number; pValue: null; reason: string };

/** Spearman's rho of paired series, with its two-sided p-value, or the reason there is none. */
export function spearman(xs: readonly number[], ys: readonly number[]): SpearmanResult {
  if (xs.length !== ys.length) throw new Error(`spearman needs paired series, got ${xs.length} and ${ys.length} values`);
  if (![...xs, ...ys].every(Number.isFinite)) throw new Error('spearman needs finite values');
  const n = xs.length;
  if (n < SPEARMAN_MIN_PAIRS) return { rho: null, n, pValue: null, reason: `${n} pairs; at least ${SPEARMAN_MIN_PAIRS} are needed` };
  const rho = pearson(averageRanks(xs), averageRanks(ys));
  if (rho === null) return { rho: null, n, pValue: null, reason: 'no variation' };
  return { rho, n, pValue: correlationPValue(rho, n - 2), reason: null };
}
