/**
 * A ratio-of-sums KPI is `safe_div(numerator, denominator)`, possibly scaled by
 * a constant (`100 * safe_div(…)`). Splitting it lets every level store the
 * parts and recompute the ratio from them instead of averaging ratios.
 */
import type { Expr } from './formula-ast';

export interface RatioParts {
  numerator: Expr;
  denominator: Expr;
  /** A constant factor applied after dividing, or null. */
  scale: Expr | null;
}

function isConstant(e: Expr): boolean {
  return e.kind === 'number' || (e.kind === 'unary' && e.op === '-' && isConstant(e.operand));
}

export function isSafeDiv(e: Expr): e is Expr & { kind: 'call' } {
  return e.kind === 'call' && e.name === 'safe_div' && e.args.length === 2;
}

/** The parts of `[c *] safe_div(n, d) [* c]`, or null when the formula has another shape. */
export function splitRatio(e: Expr): RatioParts | null {
  if (isSafeDiv(e)) return { numerator: e.args[0] as Expr, denominator: e.args[1] as Expr, scale: null };
  if (e.kind === 'binary' && e.op === '*') {
    if (isConstant(e.left) && isSafeDiv(e.right)) return { ...(splitRatio(e.right) as RatioParts), scale: e.left };
    if (isConstant(e.right) && isSafeDiv(e.left)) return { ...(splitRatio(e.left) as RatioParts), scale: e.right };
  }
  return null;
}
