import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { param, sql } from '@cairn/core/sql';
import { createTestStore, type TestStore, testEngines } from '../../../../test-support/test-stores';
import { insertWithIndexesRebuilt, REBUILD_MIN_ROWS } from './bulk-insert-indexes';

const INDEXES = sql`SELECT indexname AS name, indexdef AS definition FROM pg_indexes
  WHERE schemaname = current_schema() AND tablename = ${param('rebuild_probe')} ORDER BY indexname`;

describe.each(testEngines())('inserting with indexes rebuilt on %s', (engine) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(engine);
    await t.store.query(sql`CREATE TABLE rebuild_probe (id VARCHAR PRIMARY KEY, code VARCHAR UNIQUE, customer_id VARCHAR, booked DATE)`);
    await t.store.query(sql`CREATE INDEX ix_rebuild_probe_customer_at ON rebuild_probe (customer_id, booked)`);
  });
  afterAll(async () => t.dispose());

  const insert = (from: number, to: number) =>
    sql`INSERT INTO rebuild_probe SELECT 'L' || CAST(i AS VARCHAR), 'K' || CAST(i AS VARCHAR), 'C' || CAST(i % 7 AS VARCHAR),
      CAST('2024-01-01' AS DATE) FROM generate_series(CAST(${param(from)} AS INTEGER), CAST(${param(to)} AS INTEGER)) AS g(i)`;

  it('drops and rebuilds every index, constraints included, around a large insert into a small table', async () => {
    const before = engine === 'postgres' ? await t.store.query(INDEXES) : [];
    const result = await t.store.session((s) =>
      s.transaction(() =>
        insertWithIndexesRebuilt(s, 'rebuild_probe', REBUILD_MIN_ROWS, () => s.query(insert(1, 1000)).then(() => undefined)),
      ),
    );
    const [n] = await t.store.query<{ n: string | number }>(sql`SELECT COUNT(*) AS n FROM rebuild_probe`);
    expect(Number(n?.n)).toBe(1000);
    if (engine === 'postgres') {
      expect(result.rebuilt).toEqual(['rebuild_probe_pkey', 'rebuild_probe_code_key', 'ix_rebuild_probe_customer_at']);
      expect(await t.store.query(INDEXES)).toEqual(before);
      expect(before).toHaveLength(3);
    } else {
      expect(result.rebuilt).toEqual([]);
    }
    // The rebuilt primary key and unique constraint still refuse duplicates.
    await expect(t.store.query(sql`INSERT INTO rebuild_probe VALUES ('L1', 'new', 'C1', CAST('2024-01-01' AS DATE))`)).rejects.toThrow();
    await expect(t.store.query(sql`INSERT INTO rebuild_probe VALUES ('new', 'K1', 'C1', CAST('2024-01-01' AS DATE))`)).rejects.toThrow();
  });

  it('keeps the indexes for an insert that is small, or small against the table', async () => {
    const small = await t.store.session((s) =>
      s.transaction(() =>
        insertWithIndexesRebuilt(s, 'rebuild_probe', REBUILD_MIN_ROWS - 1, () => s.query(insert(1001, 1020)).then(() => undefined)),
      ),
    );
    expect(small.rebuilt).toEqual([]);
    // 200,000 rows already stored: adding 50,000 is less than a quarter of the result.
    await t.store.query(sql`CREATE TABLE rebuild_big (id VARCHAR PRIMARY KEY)`);
    await t.store.query(sql`INSERT INTO rebuild_big SELECT 'B' || CAST(i AS VARCHAR) FROM generate_series(1, 200000) AS g(i)`);
    const large = await t.store.session((s) =>
      s.transaction(() =>
        insertWithIndexesRebuilt(s, 'rebuild_big', REBUILD_MIN_ROWS, () =>
          s.query(sql`INSERT INTO rebuild_big VALUES ('one more')`).then(() => undefined),
        ),
      ),
    );
    expect(large.rebuilt).toEqual([]);
  });

  it('leaves every index in place when the insert fails: the drop rolls back with it', async () => {
    const before = engine === 'postgres' ? await t.store.query(INDEXES) : [];
    await expect(
      t.store.session((s) =>
        s.transaction(() =>
          // L1 already exists: the rebuilt primary key refuses the insert, and the transaction rolls back.
          insertWithIndexesRebuilt(s, 'rebuild_probe', REBUILD_MIN_ROWS, () => s.query(insert(1, 5)).then(() => undefined)),
        ),
      ),
    ).rejects.toThrow();
    if (engine === 'postgres') expect(await t.store.query(INDEXES)).toEqual(before);
    const [n] = await t.store.query<{ n: string | number }>(sql`SELECT COUNT(*) AS n FROM rebuild_probe`);
    expect(Number(n?.n)).toBe(1020);
  });
});
