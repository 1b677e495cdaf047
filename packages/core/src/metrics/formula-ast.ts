/** The syntax tree of Cairn's small expression language (KPI formulas, measure fields and filters). */
import { assertNever } from '../domain/assert-never';

export type BinaryOp = '+' | '-' | '*' | '/' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

export type Expr =
  | { kind: 'number'; text: string; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'boolean'; value: boolean; at: number }
  | { kind: 'ref'; name: string; member: string | null; at: number }
  | { kind: 'unary'; op: '-' | 'not'; operand: Expr; at: number }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; at: number }
  | { kind: 'call'; name: string; args: Expr[]; at: number }
  | { kind: 'in'; operand: Expr; values: Expr[]; negated: boolean; at: number }
  | { kind: 'is_null'; operand: Expr; negated: boolean; at: number };

/** Every node of a tree, depth first. */
export function walkExpr(e: Expr, visit: (node: Expr) => void): void {
  visit(e);
  switch (e.kind) {
    case 'number':
    case 'string':
    case 'boolean':
    case 'ref':
      return;
    case 'unary':
      walkExpr(e.operand, visit);
      return;
    case 'binary':
      walkExpr(e.left, visit);
      walkExpr(e.right, visit);
      return;
    case 'call':
      for (const a of e.args) walkExpr(a, visit);
      return;
    case 'in':
      walkExpr(e.operand, visit);
      for (const v of e.values) walkExpr(v, visit);
      return;
    case 'is_null':
      walkExpr(e.operand, visit);
      return;
    default:
      assertNever(e, 'expression');
  }
}
