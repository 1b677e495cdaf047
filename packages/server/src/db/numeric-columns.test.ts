import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { param, sql } from '@cairn/core/sql';
import { createTestStore, type TestStore, testEngines } from '../../../../test-support/test-stores';

describe.each(testEngines())('numeric columns and snapshots on %s', (engine) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(engine);
    await t.store.query(sql`CREATE TABLE nc_probe (i INTEGER, b BIGINT, d DOUBLE PRECISION, m DECIMAL(38, 6), s VARCHAR)`);
    await t.store.query(sql`INSERT INTO nc_probe VALUES
      (1, 9007199254740991, 0.5, 123456789.123456, 'a'),
      (NULL, NULL, NULL, NULL, NULL),
      (-3, -2, -0.25, -0.000001, 'c')`);
  });
  afterAll(async () => t.dispose());

  it('returns each column as a Float64Array with NULL as NaN, in the order asked', async () => {
    const r = await t.store.session((s) =>
      s.numericColumns(
        sql`SELECT i, b, d, CAST(m AS DOUBLE PRECISION) FROM nc_probe WHERE i IS NULL OR i <> ${param(99)} ORDER BY i NULLS LAST`,
      ),
    );
    expect(r.rowCount).toBe(3);
    expect(r.columns).toHaveLength(4);
    const [i, b, d, m] = r.columns.map((c) => [...c]);
    expect(i).toEqual([-3, 1, Number.NaN]);
    expect(b).toEqual([-2, 9007199254740991, Number.NaN]);
    expect(d).toEqual([-0.25, 0.5, Number.NaN]);
    // The same double the text of the decimal parses to.
    expect(m).toEqual([Number('-0.000001'), Number('123456789.123456'), Number.NaN]);
  });

  it('keeps every NULL in place across many chunks, for integers and doubles', async () => {
    const r = await t.store.session((s) =>
      s.numericColumns(sql`SELECT CAST(CASE WHEN g % 7 = 0 OR g % 64 = 3 THEN NULL ELSE g END AS INTEGER),
        CAST(CASE WHEN g % 5 = 0 THEN NULL ELSE g / 4.0 END AS DOUBLE PRECISION), CAST(g AS DOUBLE PRECISION)
        FROM generate_series(1, 10000) AS x(g) ORDER BY x.g`),
    );
    const g = Array.from({ length: 10000 }, (_, i) => i + 1);
    expect(r.rowCount).toBe(10000);
    expect([...(r.columns[0] ?? [])]).toEqual(g.map((x) => (x % 7 === 0 || x % 64 === 3 ? Number.NaN : x)));
    expect([...(r.columns[1] ?? [])]).toEqual(g.map((x) => (x % 5 === 0 ? Number.NaN : x / 4)));
    expect([...(r.columns[2] ?? [])]).toEqual(g);
  });

  it('grows past its first buffers and returns an empty result as empty columns', async () => {
    const many = await t.store.session((s) => s.numericColumns(sql`SELECT CAST(g AS INTEGER) FROM generate_series(1, 5000) AS x(g)`));
    expect(many.rowCount).toBe(5000);
    expect(many.columns[0]?.[4999]).toBe(5000);
    const none = await t.store.session((s) => s.numericColumns(sql`SELECT i FROM nc_probe WHERE i = ${param(42)}`));
    expect(none.rowCount).toBe(0);
    expect(none.columns[0]).toHaveLength(0);
  });

  it('refuses a column that is not a number', async () => {
    await expect(t.store.session((s) => s.numericColumns(sql`SELECT s FROM nc_probe WHERE s IS NOT NULL`))).rejects.toThrow(
      /numericColumns: column s /,
    );
  });

  it('reads one snapshot while another session commits', async () => {
    const counts = await t.store.session((s) =>
      s.snapshot(async () => {
        const before = await s.query<{ n: unknown }>(sql`SELECT COUNT(*) AS n FROM nc_probe`);
        await t.store.query(sql`INSERT INTO nc_probe VALUES (7, 7, 7, 7, 'late')`);
        const after = await s.query<{ n: unknown }>(sql`SELECT COUNT(*) AS n FROM nc_probe`);
        return [Number(before[0]?.n), Number(after[0]?.n)];
      }),
    );
    expect(counts).toEqual([3, 3]);
    const now = await t.store.query<{ n: unknown }>(sql`SELECT COUNT(*) AS n FROM nc_probe`);
    expect(Number(now[0]?.n)).toBe(4);
  });
});
