import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, renderCreateTable, sql } from '@cairn/core/sql';
import { allEntitySpecs, CANONICAL_TABLES_V1, currentTables, MIGRATIONS } from '@cairn/core/model';
import { createTestStore, type TestStore, testEngines } from '../../../../test-support/test-stores';
import { keyColumns } from '../ingest/upsert-staged';
import { migrate } from './migrate';

describe.each(testEngines())('migrations on %s', (engine) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(engine);
  });
  afterAll(async () => t.dispose());

  it('applies every migration once and is idempotent', async () => {
    expect(await migrate(t.store)).toEqual([]);
    const rows = await t.store.query<{ version: number }>(sql`SELECT version FROM schema_migration ORDER BY version`);
    expect(rows.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('creates every table and column of the current model', async () => {
    const cols = await t.store.query<{ table_name: string; column_name: string }>(
      sql`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()`,
    );
    const have = new Set(cols.map((c) => `${c.table_name}.${c.column_name}`));
    const want = currentTables().flatMap((tb) => tb.columns.map((c) => `${tb.name}.${c.name}`));
    expect(want.filter((w) => !have.has(w))).toEqual([]);
  });

  it('orders and compares text byte by byte, whatever the database locale', async () => {
    await t.store.query(sql`INSERT INTO org_unit (id, name, kind) VALUES ('b', 'b', 'team'), ('É', 'É', 'team'), ('a', 'a', 'team'),
      ('B', 'B', 'team'), ('_x', '_x', 'team')`);
    const rows = await t.store.query<{ id: string }>(sql`SELECT id FROM org_unit ORDER BY id`);
    expect(rows.map((r) => r.id)).toEqual(['B', '_x', 'a', 'b', 'É']);
    await t.store.query(sql`DELETE FROM org_unit`);
    // On PostgreSQL through each column's collation (migration 9), not the database's locale.
    const cols = await t.store.query<{ column: string; collation_name: string | null }>(
      sql`SELECT table_name || '.' || column_name AS column, collation_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND lower(data_type) IN ('text', 'character varying', 'varchar') AND table_name <> 'schema_migration'`,
    );
    expect(cols.length).toBeGreaterThan(100);
    const notByteOrder = cols.filter((c) => c.collation_name !== (engine === 'postgres' ? 'C' : null)).map((c) => c.column);
    expect(notByteOrder).toEqual([]);
  });

  it('sets every session up the same way, pooled connections included', async () => {
    // PostgreSQL: JIT off (it recompiled Cairn's long queries on every run). DuckDB: the memory limit asked for.
    const setting = engine === 'postgres' ? sql`SELECT current_setting('jit') AS v` : sql`SELECT current_setting('memory_limit') AS v`;
    const seen = await Promise.all([1, 2, 3].map(() => t.store.query<{ v: string }>(setting)));
    expect(seen.map((r) => r[0]?.v)).toEqual(Array(3).fill(engine === 'postgres' ? 'off' : '953.6 MiB'));
  });

  it('seeds the default stages', async () => {
    const rows = await t.store.query<{ n: string }>(sql`SELECT COUNT(*) AS n FROM stage WHERE is_won`);
    expect(rows[0]?.n).toBe('1');
  });
});

describe.each(testEngines())('primary keys of the canonical tables on %s (migration 13)', (engine) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(engine);
  });
  afterAll(async () => t.dispose());

  const keyed = async () =>
    (
      await t.store.query<{ table_name: string }>(
        sql`SELECT DISTINCT table_name FROM information_schema.table_constraints WHERE constraint_type = 'PRIMARY KEY' AND table_schema = current_schema()`,
      )
    )
      .map((r) => r.table_name)
      .sort();

  it('are kept on PostgreSQL; on DuckDB they are dropped, with the rows a store held before', async () => {
    const canonical = CANONICAL_TABLES_V1.filter((tb) => tb.primaryKey).map((tb) => tb.name);
    if (engine === 'postgres') {
      const have = await keyed();
      expect(canonical.filter((name) => !have.includes(name))).toEqual([]);
      return;
    }
    expect((await keyed()).filter((name) => canonical.includes(name))).toEqual([]);
    // A store from before migration 13: order_line keyed again, with rows, and 13 not yet recorded.
    const def = CANONICAL_TABLES_V1.find((tb) => tb.name === 'order_line');
    if (!def) throw new Error('no order_line');
    await t.store.query(raw('DROP TABLE order_line'));
    await t.store.query(raw(renderCreateTable(def, t.store.dialect)));
    await t.store.query(sql`INSERT INTO order_line (id, order_id, customer_id, rep_id, product_id, booked_at, quantity, amount_minor, currency, status)
      VALUES ('L1', 'O1', 'C1', 'R1', 'P1', DATE '2024-01-31', 2, 12345, 'EUR', 'active'), ('L2', 'O1', 'C1', 'R1', 'P2', DATE '2024-02-29', 1, -5, 'EUR', 'cancelled')`);
    await t.store.query(sql`DELETE FROM schema_migration WHERE version = 13`);
    expect(await keyed()).toContain('order_line');
    const before = await t.store.query(sql`SELECT * FROM order_line ORDER BY id`);
    expect(await migrate(t.store)).toEqual([13]);
    expect(await t.store.query(sql`SELECT * FROM order_line ORDER BY id`)).toEqual(before);
    expect((await keyed()).filter((name) => canonical.includes(name))).toEqual([]);
  });

  // An import tells new rows from stored ones by a NULL key column after a LEFT JOIN (upsert-staged.ts),
  // which needs every natural-key column NOT NULL, with or without the primary key.
  it('keep every natural-key column an import upserts by NOT NULL', async () => {
    const nullable = await t.store.query<{ table_name: string; column_name: string }>(
      sql`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_nullable = 'YES'`,
    );
    const open = new Set(nullable.map((c) => `${c.table_name}.${c.column_name}`));
    const keys = allEntitySpecs().flatMap((spec) => keyColumns(spec).map((k) => `${spec.table}.${k}`));
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.filter((k) => open.has(k))).toEqual([]);
  });
});
