import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRM_CROSS_SELL_MISFLAG_SHARE, demoCompany } from '@cairn/core/demo';
import { DomainError } from '@cairn/core/domain';
import { CANONICAL_TABLES_V1 } from '@cairn/core/model';
import { checkedIdentifier, raw, sql } from '@cairn/core/sql';
import { createTestStore, type EngineName, type TestStore, testEngines } from '../../../../test-support/test-stores';
import { type CompanySettings, ensureCompanySettings } from '../db/company-settings';
import { isStoreEmpty, type LoadDemoResult, loadDemo } from './load-demo';

const SEED = 11;
const SETTINGS: CompanySettings = { reportingCurrency: 'USD', calendar: { startMonth: 1 }, crossSellWindowMonths: 24 };

/** Per table: the row count, distinct keys, and a sum or distinct count of every column, as text. */
function checksumSql(table: (typeof CANONICAL_TABLES_V1)[number]): string {
  const parts = table.columns.map((c) => {
    const q = checkedIdentifier(c.name);
    switch (c.type.kind) {
      case 'integer':
      case 'bigint':
        return `CAST(SUM(${q}) AS VARCHAR(40))`;
      case 'decimal':
        return `CAST(SUM(CAST(${q} * 10000 AS BIGINT)) AS VARCHAR(40))`;
      case 'boolean':
        return `CAST(SUM(CASE WHEN ${q} THEN 1 WHEN NOT ${q} THEN 0 END) AS VARCHAR(40))`;
      default:
        return `CAST(COUNT(DISTINCT ${q}) AS VARCHAR(40))`;
    }
  });
  const key = (table.primaryKey ?? []).map(checkedIdentifier).join(` || '|' || `);
  return `SELECT CAST(COUNT(*) AS VARCHAR(40)) AS n, CAST(COUNT(DISTINCT ${key}) AS VARCHAR(40)) AS k, ${parts.map((p, i) => `${p} AS c${i}`).join(', ')} FROM ${checkedIdentifier(table.name)}`;
}

async function checksums(t: TestStore): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of CANONICAL_TABLES_V1) out[table.name] = (await t.store.query(raw(checksumSql(table))))[0];
  return out;
}

function expectedCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  const company = demoCompany({ size: 'tiny', seed: SEED, ...SETTINGS });
  for (const table of company.tables) {
    let n = 0;
    for (const batch of table.batches()) n += batch.length;
    counts.set(table.name, n);
  }
  return counts;
}

describe('loadDemo', () => {
  const engines = testEngines();
  const loaded = new Map<EngineName, { t: TestStore; result: LoadDemoResult; sums: Record<string, unknown> }>();
  let expected: Map<string, number>;

  beforeAll(async () => {
    expected = expectedCounts();
    for (const engine of engines) {
      const t = await createTestStore(engine);
      const settings = await ensureCompanySettings(t.store, SETTINGS);
      const result = await loadDemo({ store: t.store, settings }, { size: 'tiny', seed: SEED });
      loaded.set(engine, { t, result, sums: await checksums(t) });
    }
  }, 120_000);

  afterAll(async () => {
    for (const { t } of loaded.values()) await t.dispose();
  });

  it.each(engines)('loads every table of the tiny demo company on %s', async (engine) => {
    const { t, result } = loaded.get(engine) ?? expect.unreachable();
    for (const [table, n] of expected) {
      const rows = await t.store.query<{ n: string }>(sql`SELECT COUNT(*) AS n FROM ${raw(checkedIdentifier(table))}`);
      expect(Number(rows[0]?.n), table).toBe(n);
      expect(result.tables.find((r) => r.table === table)?.rows, table).toBe(n);
    }
    expect(result.totalRows).toBe([...expected.values()].reduce((a, b) => a + b, 0));
    expect(await isStoreEmpty(t.store)).toBe(false);
  });

  it.each(engines)('derives the facts after loading on %s', async (engine) => {
    const { t } = loaded.get(engine) ?? expect.unreachable();
    const [lines] = await t.store.query<Record<string, string>>(sql`SELECT COUNT(*) AS n,
        SUM(CASE WHEN product_line IS NULL OR amount_rc_minor IS NULL OR is_cross_sell IS NULL OR is_new_logo IS NULL THEN 1 ELSE 0 END) AS underived,
        SUM(CASE WHEN crm_cross_sell_flag <> is_cross_sell THEN 1 ELSE 0 END) AS misflagged
      FROM order_line`);
    expect(Number(lines?.underived)).toBe(0);
    const share = Number(lines?.misflagged) / Number(lines?.n);
    expect(Math.abs(share - CRM_CROSS_SELL_MISFLAG_SHARE)).toBeLessThan(0.02);
    const [opps] = await t.store.query<Record<string, string>>(
      sql`SELECT SUM(CASE WHEN is_closed IS NULL OR amount_rc_minor IS NULL THEN 1 ELSE 0 END) AS underived FROM opportunity`,
    );
    expect(Number(opps?.underived)).toBe(0);
    const [customers] = await t.store.query<Record<string, string>>(sql`SELECT COUNT(*) AS n FROM customer c
      WHERE c.first_booked_at IS NULL AND EXISTS (SELECT 1 FROM order_line o WHERE o.customer_id = c.id AND o.status = 'active')`);
    expect(Number(customers?.n)).toBe(0);
  });

  it('holds identical data on every engine', () => {
    const [first, ...others] = [...loaded.values()];
    for (const other of others) expect(other.sums).toEqual(first?.sums);
  });

  it.each(engines)('refuses to load over existing data, and replaces it when asked, on %s', async (engine) => {
    const { t, sums } = loaded.get(engine) ?? expect.unreachable();
    const settings = SETTINGS;
    const refused = await loadDemo({ store: t.store, settings }, { size: 'tiny', seed: SEED }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('conflict');
    await loadDemo({ store: t.store, settings }, { size: 'tiny', seed: SEED, replace: true });
    expect(await checksums(t)).toEqual(sums);
  });
});
