/**
 * Prints a fragment inside a dialect hook, binding its values through the
 * hook's own binder so placeholders stay numbered in order. Dialect hooks work
 * on text (daysBetween(a, b)); this lets them wrap fragments that hold values.
 */
import type { Dialect } from '../sql/dialect';
import { checkedIdentifier } from '../sql/quote-identifier';
import type { SqlFragment, SqlValue } from '../sql/sql-fragment';

export function renderInside(fragment: SqlFragment, d: Dialect, bind: (v: SqlValue) => string): string {
  let text = '';
  for (const part of fragment.parts) {
    if ('text' in part) text += part.text;
    else if ('param' in part) text += bind(part.param);
    else if ('ident' in part) text += checkedIdentifier(part.ident);
    else text += part.hook(d, bind);
  }
  return text;
}
