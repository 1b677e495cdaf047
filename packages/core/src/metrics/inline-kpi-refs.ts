/**
 * A KPI formula may name other KPIs; they are inlined so that compilers see
 * measures only. A reference cycle is a user's mistake and is reported with
 * the chain that closes it.
 */
import { assertNever } from '../domain/assert-never';
import type { Expr } from './formula-ast';

export type InlineResult = { ok: true; expr: Expr } | { ok: false; message: string };

class CycleError extends Error {}

function inline(e: Expr, formulas: ReadonlyMap<string, Expr>, chain: string[]): Expr {
  switch (e.kind) {
    case 'number':
    case 'string':
    case 'boolean':
      return e;
    case 'ref': {
      const target = e.member === null ? formulas.get(e.name) : undefined;
      if (target === undefined) return e;
      if (chain.includes(e.name)) throw new CycleError(`cycle: ${[...chain, e.name].join(' → ')}`);
      return inline(target, formulas, [...chain, e.name]);
    }
    case 'unary':
      return { ...e, operand: inline(e.operand, formulas, chain) };
    case 'binary':
      return { ...e, left: inline(e.left, formulas, chain), right: inline(e.right, formulas, chain) };
    case 'call':
      return { ...e, args: e.args.map((a) => inline(a, formulas, chain)) };
    case 'in':
      return { ...e, operand: inline(e.operand, formulas, chain), values: e.values.map((v) => inline(v, formulas, chain)) };
    case 'is_null':
      return { ...e, operand: inline(e.operand, formulas, chain) };
    default:
      return assertNever(e, 'expression');
  }
}

/** The formula of `id` with every KPI reference replaced by that KPI's formula. */
export function inlineKpiRefs(id: string, formula: Expr, formulas: ReadonlyMap<string, Expr>): InlineResult {
  try {
    return { ok: true, expr: inline(formula, formulas, [id]) };
  } catch (e) {
    if (e instanceof CycleError) return { ok: false, message: e.message };
    throw e;
  }
}
