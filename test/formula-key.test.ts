/**
 * `key(a, b)` names a tuple for a distinct count (customer_lines_12m counts
 * key(customer_id, product_line)). Two different tuples must never give the
 * same key, even when a value holds a printable separator such as `|` (the parts
 * are joined with U+0001, which an import refuses in any value), and a tuple with a NULL
 * part counts nowhere: on both engines.
 */
import { compileFieldExpression, parseFormula } from '@cairn/core/metrics';
import { joinSql, param, sql } from '@cairn/core/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore, testEngines } from '../test-support/test-stores';

function keyExpression() {
  const parsed = parseFormula('key(customer_id, product_line)');
  if (!parsed.ok) throw new Error(parsed.message);
  return compileFieldExpression(parsed.expr);
}

describe.each(testEngines())('key() in a distinct count (%s)', (engine) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(engine);
  });
  afterAll(async () => t?.dispose());

  const distinctKeys = async (rows: [string, string | null][]) => {
    const values = joinSql(rows.map(([c, l]) => sql`(CAST(${param(c)} AS VARCHAR), CAST(${param(l)} AS VARCHAR))`));
    const [r] = await t.store.query<{ n: unknown }>(
      sql`SELECT COUNT(DISTINCT ${keyExpression()}) AS n FROM (VALUES ${values}) f (customer_id, product_line)`,
    );
    return Number(r?.n);
  };

  it('keeps tuples apart when a value holds the separator', async () => {
    // ('A|B', 'C') and ('A', 'B|C') read "A|B|C" if the parts are only joined with '|': two tuples, one key.
    expect(
      await distinctKeys([
        ['A|B', 'C'],
        ['A', 'B|C'],
        ['A', 'B|C'],
        ['1:A', 'B'],
      ]),
    ).toBe(3);
    expect(
      await distinctKeys([
        ['Ünïcode|', 'x'],
        ['Ünïcode', '|x'],
      ]),
    ).toBe(2);
  });

  it('counts a tuple with a missing part nowhere', async () => {
    expect(
      await distinctKeys([
        ['A', null],
        ['A', 'B'],
      ]),
    ).toBe(1);
  });
});
