/**
 * Type-checks a measure's field or filter against its fact: every name must be
 * a column the fact schema lists (or `lookup.column`), every operator must fit
 * its operands. Problems come back as messages; nothing throws.
 */
import { assertNever } from '../domain/assert-never';
import type { FactSchema, FieldType } from './fact-schemas';
import type { Expr } from './formula-ast';

/** What an expression yields. `days` is a whole number of days (days_between). */
export type ValueType = 'money' | 'number' | 'days' | 'text' | 'boolean' | 'date';

export interface ExprProblem {
  at: number;
  message: string;
}

const NUMERIC: ReadonlySet<ValueType> = new Set(['money', 'number', 'days']);

function fromField(t: FieldType): ValueType {
  switch (t) {
    case 'money':
      return 'money';
    case 'integer':
    case 'decimal':
      return 'number';
    case 'text':
    case 'id':
      return 'text';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    default:
      return assertNever(t, 'field type');
  }
}

/** The type of a field reference, or null when the fact has no such field. */
export function resolveField(fact: FactSchema, name: string, member: string | null): FieldType | null {
  if (member === null) return fact.fields[name] ?? null;
  const lookup = fact.lookups[name];
  return lookup?.fields[member] ?? null;
}

export function isNonZeroConstant(e: Expr): boolean {
  if (e.kind === 'number') return Number(e.text) !== 0;
  if (e.kind === 'unary' && e.op === '-') return isNonZeroConstant(e.operand);
  return false;
}

/** The type of a field expression over a fact, collecting every problem. */
export function checkFieldExpression(e: Expr, fact: FactSchema, problems: ExprProblem[]): ValueType | null {
  const fail = (message: string): null => {
    problems.push({ at: e.at, message });
    return null;
  };
  switch (e.kind) {
    case 'number':
      return 'number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'boolean';
    case 'ref': {
      const t = resolveField(fact, e.name, e.member);
      if (t !== null) return fromField(t);
      const shown = e.member === null ? e.name : `${e.name}.${e.member}`;
      return fail(`unknown field \`${shown}\` on fact ${fact.name}`);
    }
    case 'unary': {
      const t = checkFieldExpression(e.operand, fact, problems);
      if (t === null) return null;
      if (e.op === 'not') return t === 'boolean' ? 'boolean' : fail(`'not' needs a true/false operand, not ${t}`);
      return NUMERIC.has(t) ? t : fail(`'-' needs a number, not ${t}`);
    }
    case 'binary': {
      const l = checkFieldExpression(e.left, fact, problems);
      const r = checkFieldExpression(e.right, fact, problems);
      if (l === null || r === null) return null;
      const op = e.op;
      switch (op) {
        case 'and':
        case 'or':
          return l === 'boolean' && r === 'boolean' ? 'boolean' : fail(`'${e.op}' needs true/false operands, not ${l} and ${r}`);
        case '=':
        case '!=':
        case '<':
        case '<=':
        case '>':
        case '>=': {
          const comparable = (NUMERIC.has(l) && NUMERIC.has(r)) || l === r;
          return comparable ? 'boolean' : fail(`cannot compare ${l} with ${r}`);
        }
        case '+':
        case '-':
          if (!NUMERIC.has(l) || !NUMERIC.has(r)) return fail(`'${e.op}' needs numbers, not ${l} and ${r}`);
          if (l !== r && l !== 'number' && r !== 'number') return fail(`unit mismatch: ${l} ${e.op} ${r}`);
          if (l !== r && (l === 'money' || r === 'money')) return fail(`unit mismatch: ${l} ${e.op} ${r}`);
          return l === 'number' ? r : l;
        case '*':
          if (!NUMERIC.has(l) || !NUMERIC.has(r)) return fail(`'*' needs numbers, not ${l} and ${r}`);
          if (l !== 'number' && r !== 'number') return fail(`unit mismatch: ${l} * ${r}`);
          return l === 'number' ? r : l;
        case '/':
          if (!NUMERIC.has(l) || !NUMERIC.has(r)) return fail(`'/' needs numbers, not ${l} and ${r}`);
          if (!isNonZeroConstant(e.right)) return fail('division without zero guard: divide by a non-zero constant only');
          return l;
        default:
          return assertNever(op, 'operator');
      }
    }
    case 'call': {
      const args = e.args.map((a) => checkFieldExpression(a, fact, problems));
      if (args.some((a) => a === null)) return null;
      switch (e.name) {
        case 'days_between':
          if (args.length !== 2 || args.some((a) => a !== 'date')) return fail('days_between(from, to) takes two dates');
          return 'days';
        case 'key':
          if (args.length < 2) return fail('key(a, b, …) takes two or more fields');
          return 'text';
        case 'coalesce':
          if (args.length !== 2 || args[0] !== args[1]) return fail('coalesce(a, b) takes two values of the same type');
          return args[0] as ValueType;
        default:
          return fail(`unknown function \`${e.name}\` (days_between, key, coalesce)`);
      }
    }
    case 'in': {
      const t = checkFieldExpression(e.operand, fact, problems);
      const vs = e.values.map((v) => checkFieldExpression(v, fact, problems));
      if (t === null || vs.some((v) => v === null)) return null;
      for (const v of e.values) {
        if (v.kind !== 'string' && v.kind !== 'number') return fail("'in' takes a list of constants");
      }
      return vs.every((v) => v === t || (NUMERIC.has(t) && v === 'number')) ? 'boolean' : fail(`'in' list does not match ${t}`);
    }
    case 'is_null':
      return checkFieldExpression(e.operand, fact, problems) === null ? null : 'boolean';
    default:
      return assertNever(e, 'expression');
  }
}
