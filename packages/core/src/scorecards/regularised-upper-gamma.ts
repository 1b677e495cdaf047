/**
 * The regularised upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a),
 * which gives chi-square tail probabilities: P(χ²_k > h) = Q(k/2, h/2).
 * Press et al., Numerical Recipes, 3rd ed., §6.2: below x = a + 1 the series
 * for P(a, x) converges fast and Q = 1 − P (Q is large there, so nothing is
 * lost); above it Q comes directly from its continued fraction (modified
 * Lentz), so small tail probabilities keep their precision.
 */
import { logGamma } from './log-gamma';

const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;

/** Q(a, x) for a > 0 and x ≥ 0. */
export function regularisedUpperGamma(a: number, x: number): number {
  if (!(a > 0)) throw new Error(`incomplete gamma needs a > 0, got ${a}`);
  if (!(x >= 0)) throw new Error(`incomplete gamma needs x ≥ 0, got ${x}`);
  if (x === 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  // x^a e^−x / Γ(a), the factor in front of both expansions.
  const front = Math.exp(a * Math.log(x) - x - logGamma(a));
  return x < a + 1 ? 1 - front * lowerSeries(a, x) : front * upperContinuedFraction(a, x);
}

function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n <= MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) return sum;
  }
  throw new Error(`incomplete gamma series did not converge for a=${a}, x=${x}`);
}

function upperContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) return h;
  }
  throw new Error(`incomplete gamma continued fraction did not converge for a=${a}, x=${x}`);
}
