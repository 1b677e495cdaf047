/**
 * ln Γ(x) for x > 0 by the Lanczos approximation with g = 7 and nine
 * coefficients (Godfrey's set, as in Press et al., Numerical Recipes, and most
 * numerical libraries): relative error near 1e-15 over the whole half-line.
 * Below 0.5 the reflection formula Γ(x)Γ(1−x) = π / sin(πx) keeps it accurate.
 */
const G = 7;
const COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;
const HALF_LN_TWO_PI = 0.9189385332046728;

/** The natural logarithm of the gamma function, for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new Error(`logGamma needs a finite x > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = COEFFICIENTS[0];
  for (let i = 1; i < COEFFICIENTS.length; i++) sum += (COEFFICIENTS[i] ?? 0) / (z + i);
  const t = z + G + 0.5;
  return HALF_LN_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
