/**
 * A hand-written recursive-descent parser for Cairn's expression language.
 * It never evaluates anything and never produces SQL: it turns text into a
 * tree, or into one error with its offset.
 *
 *   or      := and ('or' and)*
 *   and     := not ('and' not)*
 *   not     := 'not' not | compare
 *   compare := add (cmpop add | 'is' ['not'] 'null' | ['not'] 'in' '(' list ')')?
 *   add     := mul (('+' | '-') mul)*
 *   mul     := unary (('*' | '/') unary)*
 *   unary   := '-' unary | primary
 *   primary := number | 'string' | true | false | name ['.' name] | name '(' [list] ')' | '(' or ')'
 */
import type { BinaryOp, Expr } from './formula-ast';

type Token =
  | { t: 'num'; text: string; at: number }
  | { t: 'str'; value: string; at: number }
  | { t: 'name'; text: string; at: number }
  | { t: 'op'; text: string; at: number }
  | { t: 'end'; at: number };

export type ParseFormulaResult = { ok: true; expr: Expr } | { ok: false; message: string; at: number };

class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'null', 'true', 'false']);
const TWO_CHAR_OPS = ['<=', '>=', '!=', '<>'];
const ONE_CHAR_OPS = '+-*/()=<>,.';

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}
function isNameStart(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (isDigit(c)) {
      const start = i;
      while (isDigit(text[i])) i++;
      if (text[i] === '.' && isDigit(text[i + 1])) {
        i++;
        while (isDigit(text[i])) i++;
      }
      if (isNameStart(text[i])) throw new FormulaSyntaxError(`unexpected character '${text[i]}' after a number`, i);
      out.push({ t: 'num', text: text.slice(start, i), at: start });
    } else if (isNameStart(c)) {
      const start = i;
      while (isNameStart(text[i]) || isDigit(text[i])) i++;
      out.push({ t: 'name', text: text.slice(start, i), at: start });
    } else if (c === "'") {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new FormulaSyntaxError('unterminated string', start);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      out.push({ t: 'str', value, at: start });
    } else {
      const two = text.slice(i, i + 2);
      if (TWO_CHAR_OPS.includes(two)) {
        out.push({ t: 'op', text: two === '<>' ? '!=' : two, at: i });
        i += 2;
      } else if (ONE_CHAR_OPS.includes(c)) {
        out.push({ t: 'op', text: c, at: i });
        i++;
      } else {
        throw new FormulaSyntaxError(`unexpected character '${c}'`, i);
      }
    }
  }
  out.push({ t: 'end', at: text.length });
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i] as Token;
  }
  private next(): Token {
    const t = this.peek();
    if (t.t !== 'end') this.i++;
    return t;
  }
  private isOp(text: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.text === text;
  }
  private isWord(word: string): boolean {
    const t = this.peek();
    return t.t === 'name' && t.text.toLowerCase() === word;
  }
  private expectOp(text: string): void {
    const t = this.peek();
    if (!(t.t === 'op' && t.text === text)) throw new FormulaSyntaxError(`expected '${text}' but found ${describe(t)}`, t.at);
    this.next();
  }

  parseAll(): Expr {
    const e = this.or();
    const t = this.peek();
    if (t.t !== 'end') throw new FormulaSyntaxError(`unexpected ${describe(t)}`, t.at);
    return e;
  }

  private or(): Expr {
    let left = this.and();
    while (this.isWord('or')) {
      const at = this.next().at;
      left = { kind: 'binary', op: 'or', left, right: this.and(), at };
    }
    return left;
  }
  private and(): Expr {
    let left = this.not();
    while (this.isWord('and')) {
      const at = this.next().at;
      left = { kind: 'binary', op: 'and', left, right: this.not(), at };
    }
    return left;
  }
  private not(): Expr {
    if (this.isWord('not')) {
      const at = this.next().at;
      return { kind: 'unary', op: 'not', operand: this.not(), at };
    }
    return this.compare();
  }
  private compare(): Expr {
    const left = this.add();
    const t = this.peek();
    if (t.t === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(t.text)) {
      this.next();
      return { kind: 'binary', op: t.text as BinaryOp, left, right: this.add(), at: t.at };
    }
    if (this.isWord('is')) {
      const at = this.next().at;
      const negated = this.isWord('not');
      if (negated) this.next();
      if (!this.isWord('null'))
        throw new FormulaSyntaxError(`expected 'null' after 'is' but found ${describe(this.peek())}`, this.peek().at);
      this.next();
      return { kind: 'is_null', operand: left, negated, at };
    }
    if (this.isWord('in') || (this.isWord('not') && this.lookaheadWord(1, 'in'))) {
      const at = this.peek().at;
      const negated = this.isWord('not');
      if (negated) this.next();
      this.next();
      this.expectOp('(');
      const values = this.list();
      this.expectOp(')');
      return { kind: 'in', operand: left, values, negated, at };
    }
    return left;
  }
  private lookaheadWord(offset: number, word: string): boolean {
    const t = this.tokens[this.i + offset];
    return t !== undefined && t.t === 'name' && t.text.toLowerCase() === word;
  }
  private list(): Expr[] {
    const items = [this.or()];
    while (this.isOp(',')) {
      this.next();
      items.push(this.or());
    }
    return items;
  }
  private add(): Expr {
    let left = this.mul();
    while (this.isOp('+') || this.isOp('-')) {
      const t = this.next() as { text: string; at: number };
      left = { kind: 'binary', op: t.text as BinaryOp, left, right: this.mul(), at: t.at };
    }
    return left;
  }
  private mul(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/')) {
      const t = this.next() as { text: string; at: number };
      left = { kind: 'binary', op: t.text as BinaryOp, left, right: this.unary(), at: t.at };
    }
    return left;
  }
  private unary(): Expr {
    if (this.isOp('-')) {
      const at = this.next().at;
      return { kind: 'unary', op: '-', operand: this.unary(), at };
    }
    return this.primary();
  }
  private primary(): Expr {
    const t = this.next();
    switch (t.t) {
      case 'num':
        return { kind: 'number', text: t.text, at: t.at };
      case 'str':
        return { kind: 'string', value: t.value, at: t.at };
      case 'op':
        if (t.text === '(') {
          const e = this.or();
          this.expectOp(')');
          return e;
        }
        throw new FormulaSyntaxError(`unexpected '${t.text}'`, t.at);
      case 'name': {
        const word = t.text.toLowerCase();
        if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true', at: t.at };
        if (KEYWORDS.has(word)) throw new FormulaSyntaxError(`unexpected keyword '${t.text}'`, t.at);
        if (this.isOp('(')) {
          this.next();
          const args = this.isOp(')') ? [] : this.list();
          this.expectOp(')');
          return { kind: 'call', name: t.text, args, at: t.at };
        }
        if (this.isOp('.')) {
          this.next();
          const m = this.next();
          if (m.t !== 'name') throw new FormulaSyntaxError(`expected a field name after '.' but found ${describe(m)}`, m.at);
          return { kind: 'ref', name: t.text, member: m.text, at: t.at };
        }
        return { kind: 'ref', name: t.text, member: null, at: t.at };
      }
      case 'end':
        throw new FormulaSyntaxError('unexpected end of formula', t.at);
      default:
        return t satisfies never;
    }
  }
}

function describe(t: Token): string {
  switch (t.t) {
    case 'num':
      return `number ${t.text}`;
    case 'str':
      return 'a string';
    case 'name':
      return `'${t.text}'`;
    case 'op':
      return `'${t.text}'`;
    case 'end':
      return 'the end';
    default:
      return t satisfies never;
  }
}

/** Parses an expression; a syntax error comes back with its character offset. */
export function parseFormula(text: string): ParseFormulaResult {
  try {
    return { ok: true, expr: new Parser(tokenize(text)).parseAll() };
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return { ok: false, message: e.message, at: e.at };
    throw e;
  }
}
