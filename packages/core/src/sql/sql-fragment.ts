/**
 * SQL is assembled from fragments whose holes are bound parameters, checked
 * identifiers or other fragments, never pasted values. A dialect prints the
 * placeholders, so one fragment renders for DuckDB and PostgreSQL alike.
 */
import type { Dialect } from './dialect';
import { checkedIdentifier } from './quote-identifier';

export type SqlValue = string | number | bigint | boolean | null;

type Part = { text: string } | { param: SqlValue } | { ident: string } | { hook: (d: Dialect, p: (v: SqlValue) => string) => string };

export class SqlFragment {
  readonly parts: readonly Part[];
  constructor(parts: readonly Part[]) {
    this.parts = parts;
  }
}

export interface ParamRef {
  readonly __param: SqlValue;
}
export interface IdentRef {
  readonly __ident: string;
}

export type SqlHole = SqlFragment | ParamRef | IdentRef;

/** A bound value. */
export function param(value: SqlValue): ParamRef {
  return { __param: value };
}

/** A checked, quoted identifier (table.column is written as two idents). */
export function ident(name: string): IdentRef {
  checkedIdentifier(name);
  return { __ident: name };
}

/** Fixed SQL text that Cairn itself wrote (keywords, operators). */
export function raw(text: string): SqlFragment {
  return new SqlFragment([{ text }]);
}

/** A fragment whose text depends on the dialect; `p` binds a value and returns its placeholder. */
export function dialectHook(fn: (d: Dialect, p: (v: SqlValue) => string) => string): SqlFragment {
  return new SqlFragment([{ hook: fn }]);
}

function holeToParts(hole: SqlHole): Part[] {
  if (hole instanceof SqlFragment) return [...hole.parts];
  if ('__param' in hole) return [{ param: hole.__param }];
  return [{ ident: hole.__ident }];
}

export function sql(strings: TemplateStringsArray, ...holes: SqlHole[]): SqlFragment {
  const parts: Part[] = [];
  strings.forEach((s, i) => {
    if (s !== '') parts.push({ text: s });
    const hole = holes[i];
    if (hole !== undefined) parts.push(...holeToParts(hole));
  });
  return new SqlFragment(parts);
}

/** Joins fragments with a separator. */
export function joinSql(items: readonly SqlHole[], separator = ', '): SqlFragment {
  const parts: Part[] = [];
  items.forEach((item, i) => {
    if (i > 0) parts.push({ text: separator });
    parts.push(...holeToParts(item));
  });
  return new SqlFragment(parts);
}

export interface RenderedSql {
  text: string;
  params: SqlValue[];
}

/** Prints a fragment for a dialect: text with placeholders, and the values in order. */
export function renderSql(fragment: SqlFragment, dialect: Dialect): RenderedSql {
  const params: SqlValue[] = [];
  const bind = (v: SqlValue): string => {
    params.push(v);
    return dialect.placeholder(params.length);
  };
  let text = '';
  for (const part of fragment.parts) {
    if ('text' in part) text += part.text;
    else if ('param' in part) text += bind(part.param);
    else if ('ident' in part) text += checkedIdentifier(part.ident);
    else text += part.hook(dialect, bind);
  }
  return { text, params };
}
