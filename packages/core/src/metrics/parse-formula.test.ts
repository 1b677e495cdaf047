import { describe, expect, it } from 'vitest';
import { parseFormula } from './parse-formula';

function shape(text: string): string {
  const r = parseFormula(text);
  if (!r.ok) return `error: ${r.message} @${r.at}`;
  const show = (e: import('./formula-ast').Expr): string => {
    switch (e.kind) {
      case 'number':
        return e.text;
      case 'string':
        return `'${e.value}'`;
      case 'boolean':
        return String(e.value);
      case 'ref':
        return e.member ? `${e.name}.${e.member}` : e.name;
      case 'unary':
        return `(${e.op} ${show(e.operand)})`;
      case 'binary':
        return `(${show(e.left)} ${e.op} ${show(e.right)})`;
      case 'call':
        return `${e.name}(${e.args.map(show).join(', ')})`;
      case 'in':
        return `(${show(e.operand)} ${e.negated ? 'not in' : 'in'} [${e.values.map(show).join(', ')}])`;
      case 'is_null':
        return `(${show(e.operand)} is ${e.negated ? 'not ' : ''}null)`;
    }
  };
  return show(r.expr);
}

describe('parseFormula', () => {
  it.each([
    ['a + b * c', '(a + (b * c))'],
    ['(a + b) * c', '((a + b) * c)'],
    ['a - b - c', '((a - b) - c)'],
    ['-a * 2.5', '((- a) * 2.5)'],
    ['100 * safe_div(p - d, n)', '(100 * safe_div((p - d), n))'],
    ["status = 'active' and is_won = true", "((status = 'active') and (is_won = true))"],
    ["status in ('cancelled', 'returned')", "(status in ['cancelled', 'returned'])"],
    ["kind not in ('a')", "(kind not in ['a'])"],
    ['x is not null or not y', '((x is not null) or (not y))'],
    ['amount_rc_minor * stage.default_probability', '(amount_rc_minor * stage.default_probability)'],
    ["name = 'O''Brien'", "(name = 'O'Brien')"],
    ['a <> b', '(a != b)'],
  ])('parses %s', (text, want) => {
    expect(shape(text)).toBe(want);
  });

  it.each([
    ['a +', 'error: unexpected end of formula @3'],
    ['safe_div(a, b', "error: expected ')' but found the end @13"],
    ["status = 'open", 'error: unterminated string @9'],
    ['a ; drop table x', "error: unexpected character ';' @2"],
    ['a b', "error: unexpected 'b' @2"],
    ['12abc', "error: unexpected character 'a' after a number @2"],
  ])('refuses %s with its position', (text, want) => {
    expect(shape(text)).toBe(want);
  });
});
