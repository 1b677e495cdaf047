/**
 * A measure's field or filter as SQL over the fact alias `f` and lookup aliases
 * `lk_<name>`. Names were checked against the fact schema when the catalog was
 * loaded and are printed as quoted identifiers; every constant is a bound value.
 */
import { assertNever } from '../domain/assert-never';
import type { Dialect } from '../sql/dialect';
import { dialectHook, ident, joinSql, param, raw, type SqlFragment, type SqlValue, sql } from '../sql/sql-fragment';
import type { Expr } from './formula-ast';
import { renderInside } from './render-inside';

/** The alias of a fact's lookup join. */
export function lookupAlias(lookup: string): string {
  return `lk_${lookup}`;
}

export function fieldRef(name: string, member: string | null): SqlFragment {
  return member === null ? sql`f.${ident(name)}` : sql`${ident(lookupAlias(name))}.${ident(member)}`;
}

/** A numeric constant of the language, bound as text and cast so both engines read it exactly. */
export function numberConstant(text: string): SqlFragment {
  return /^\d+$/.test(text) ? sql`CAST(${param(text)} AS BIGINT)` : sql`CAST(${param(text)} AS DECIMAL(38, 10))`;
}

const DOUBLE = (d: Dialect) => d.columnType({ kind: 'double' });

/**
 * `key(a, b, …)`: one text value per distinct tuple, NULL when any part is. The parts are joined
 * with U+0001, a character no stored text holds (an import refuses control characters other
 * than tab and line breaks: validate-row.ts), so two tuples never give the same key, even when a
 * value holds '|' or any other printable separator. (A length prefix on each part did the same
 * but cost 2.5–3 s more on the large demo's 19 M order lines.)
 */
const KEY_SEPARATOR = '\u0001';

/** A key() value as people read it, its parts separated by ` | ` (the stored separator does not print). */
export function displayKey(value: string): string {
  return value.split(KEY_SEPARATOR).join(' | ');
}

function keyOf(parts: SqlFragment[]): SqlFragment {
  const text = parts.map((a) => sql`CAST(${a} AS VARCHAR)`);
  return sql`(${joinSql(
    text.flatMap((t, i) => (i === 0 ? [t] : [param(KEY_SEPARATOR), t])),
    ' || ',
  )})`;
}

export function compileFieldExpression(e: Expr): SqlFragment {
  switch (e.kind) {
    case 'number':
      return numberConstant(e.text);
    case 'string':
      return sql`${param(e.value)}`;
    case 'boolean':
      return sql`CAST(${param(e.value)} AS BOOLEAN)`;
    case 'ref':
      return fieldRef(e.name, e.member);
    case 'unary':
      return e.op === '-' ? sql`(-${compileFieldExpression(e.operand)})` : sql`(NOT ${compileFieldExpression(e.operand)})`;
    case 'binary': {
      const l = compileFieldExpression(e.left);
      const r = compileFieldExpression(e.right);
      const op = e.op;
      switch (op) {
        case '/':
          return sql`(CAST(${l} AS ${dialectHook(DOUBLE)}) / ${r})`;
        case 'and':
          return sql`(${l} AND ${r})`;
        case 'or':
          return sql`(${l} OR ${r})`;
        case '+':
        case '-':
        case '*':
        case '=':
        case '!=':
        case '<':
        case '<=':
        case '>':
        case '>=':
          return sql`(${l} ${raw(op === '!=' ? '<>' : op)} ${r})`;
        default:
          return assertNever(op, 'operator');
      }
    }
    case 'call': {
      const args = e.args.map(compileFieldExpression);
      if (e.name === 'days_between') {
        const [a, b] = args as [SqlFragment, SqlFragment];
        return dialectHook((d, p: (v: SqlValue) => string) => d.daysBetween(renderInside(a, d, p), renderInside(b, d, p)));
      }
      if (e.name === 'key') return keyOf(args);
      if (e.name === 'coalesce') return sql`COALESCE(${joinSql(args)})`;
      throw new Error(`function ${e.name} passed validation but has no SQL`);
    }
    case 'in':
      return sql`(${compileFieldExpression(e.operand)} ${raw(e.negated ? 'NOT IN' : 'IN')} (${joinSql(e.values.map(compileFieldExpression))}))`;
    case 'is_null':
      return sql`(${compileFieldExpression(e.operand)} ${raw(e.negated ? 'IS NOT NULL' : 'IS NULL')})`;
    default:
      return assertNever(e, 'expression');
  }
}
