/**
 * The two-sided p-value of a correlation coefficient r under the null of no
 * correlation, from Student's t with `df` degrees of freedom:
 * t = r·√(df / (1 − r²)), and P(|T| > |t|) = I_{df/(df+t²)}(df/2, ½).
 * Since df/(df + t²) = 1 − r², the p-value is I_{1−r²}(df/2, ½), which needs
 * no division by 1 − r² and is exactly 0 for a perfect correlation.
 */
import { regularisedIncompleteBeta } from './regularised-incomplete-beta';

/** Two-sided p-value of correlation r with df degrees of freedom (n − 2 for a plain correlation). */
export function correlationPValue(r: number, df: number): number {
  if (!(df > 0)) throw new Error(`correlation p-value needs df > 0, got ${df}`);
  const oneMinusR2 = Math.max(0, Math.min(1, 1 - r * r));
  return regularisedIncompleteBeta(oneMinusR2, df / 2, 0.5);
}
