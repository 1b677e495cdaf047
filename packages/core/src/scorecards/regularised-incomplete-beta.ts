/**
 * The regularised incomplete beta function I_x(a, b), the CDF of Beta(a, b) at
 * x, which gives Student's t tail probabilities. Evaluated by its continued
 * fraction with the modified Lentz method (Press et al., Numerical Recipes,
 * 3rd ed., §6.4); the fraction converges fast only for x < (a+1)/(a+b+2), so
 * above that point the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) is used. Small
 * results are therefore never formed by subtraction: a tail probability of
 * 1e-20 comes out as 1e-20, not 0.
 */
import { logGamma } from './log-gamma';

const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;

/** I_x(a, b) for 0 ≤ x ≤ 1 and a, b > 0. */
export function regularisedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new Error(`incomplete beta needs a, b > 0, got a=${a}, b=${b}`);
  if (!(x >= 0 && x <= 1)) throw new Error(`incomplete beta needs 0 ≤ x ≤ 1, got ${x}`);
  if (x === 0 || x === 1) return x;
  // x^a (1−x)^b / B(a, b), the factor in front of the continued fraction.
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return (front * continuedFraction(x, a, b)) / a;
  return 1 - (front * continuedFraction(1 - x, b, a)) / b;
}

function continuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = nonZero(1 - (qab * x) / qap);
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    // The even step of the recurrence…
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 / nonZero(1 + aa * d);
    c = nonZero(1 + aa / c);
    h *= d * c;
    // …and the odd one.
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 / nonZero(1 + aa * d);
    c = nonZero(1 + aa / c);
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) return h;
  }
  throw new Error(`incomplete beta did not converge for x=${x}, a=${a}, b=${b}`);
}

function nonZero(v: number): number {
  return Math.abs(v) < TINY ? TINY : v;
}
