/**
 * Sibling weights are percentages of their parent and must sum to 100, so a
 * reader can take each weight at face value. The sum is compared within a
 * billionth, so 33.3 + 33.3 + 33.4 passes despite binary fractions.
 */
import type { Diagnostic } from '../domain/domain-error';

const SLACK = 1e-9;

/** A diagnostic naming the actual sum when `weights` do not sum to 100; none while any weight is itself invalid (null). */
export function checkWeightSum(weights: readonly (number | null)[], path: string, what: string): Diagnostic | null {
  if (weights.length === 0 || weights.some((w) => w === null)) return null;
  const sum = weights.reduce<number>((total, w) => total + (w ?? 0), 0);
  if (Math.abs(sum - 100) <= SLACK) return null;
  return { path, message: `${what} weights sum to ${Number(sum.toFixed(6))}, not 100` };
}
