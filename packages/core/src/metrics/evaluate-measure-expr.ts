/**
 * Evaluates an additive KPI expression (numbers, measure refs, + - * and / by
 * a constant) over given measure values. An exclusion uses it to find what a
 * single row adds to a ratio's numerator or denominator: the expression is
 * linear in its measures, so a row's share is f(row) − f(0).
 */
import type { Expr } from './formula-ast';

export function evaluateMeasureExpr(e: Expr, values: ReadonlyMap<string, number>): number {
  switch (e.kind) {
    case 'number':
      return Number(e.text);
    case 'ref':
      return values.get(e.name) ?? 0;
    case 'unary':
      if (e.op === '-') return -evaluateMeasureExpr(e.operand, values);
      break;
    case 'binary': {
      const l = evaluateMeasureExpr(e.left, values);
      const r = evaluateMeasureExpr(e.right, values);
      if (e.op === '+') return l + r;
      if (e.op === '-') return l - r;
      if (e.op === '*') return l * r;
      if (e.op === '/') return l / r;
      break;
    }
    default:
      break;
  }
  throw new Error(`not an additive measure expression: ${e.kind}`);
}

/** What one row adds to an expression: f(row's measure contributions) − f(nothing). */
export function rowShare(e: Expr, contributions: ReadonlyMap<string, number>): number {
  return evaluateMeasureExpr(e, contributions) - evaluateMeasureExpr(e, new Map());
}
