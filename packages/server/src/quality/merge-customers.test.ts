import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '@cairn/core/domain';
import { currentTables } from '@cairn/core/model';
import { ident, joinSql, param, raw, type SqlValue, sql } from '@cairn/core/sql';
import { createTestStore, type EngineName, type TestStore, testEngines } from '../../../../test-support/test-stores';
import { type CompanySettings, ensureCompanySettings } from '../db/company-settings';
import type { Store } from '../db/store';
import { deriveFacts } from '../services/derive-facts';
import { listDuplicateCustomers } from './list-duplicate-customers';
import { customerFactTables, mergeCustomers } from './merge-customers';

const SETTINGS: CompanySettings = { reportingCurrency: 'USD', calendar: { startMonth: 1 }, crossSellWindowMonths: 24 };
const AT = new Date('2025-03-04T05:06:07.089Z');

/** Inserts one row, each value cast to its column's type as the model declares it. */
async function insert(store: Store, table: string, row: Record<string, SqlValue>): Promise<void> {
  const def = currentTables().find((t) => t.name === table);
  if (!def) throw new Error(`no table ${table}`);
  const columns = Object.keys(row);
  const values = columns.map((c) => {
    const type = def.columns.find((col) => col.name === c)?.type;
    if (!type) throw new Error(`no column ${table}.${c}`);
    return sql`CAST(${param(row[c] ?? null)} AS ${raw(store.dialect.columnType(type))})`;
  });
  await store.query(sql`INSERT INTO ${ident(table)} (${joinSql(columns.map(ident))}) VALUES (${joinSql(values)})`);
}

/**
 * Globex was entered twice: "globex" (kept; a software order in June 2023) and
 * "globex-old" (dropped; a hardware order in February 2022, opted out of
 * cross-selling, and "globex-older" merged into it before). Hooli stands apart;
 * "hooli-dup" was merged into it before.
 */
async function loadFixture(store: Store): Promise<void> {
  for (const r of ['r1', 'r2']) await insert(store, 'rep', { id: r, name: `Rep ${r}`, role: 'AE' });
  await insert(store, 'product', { id: 'p-hw', name: 'Server', product_line: 'hardware' });
  await insert(store, 'product', { id: 'p-sw', name: 'Licence', product_line: 'software' });
  const customer = (id: string, name: string, normalised: string, extra: Record<string, SqlValue> = {}) =>
    insert(store, 'customer', { id, name, normalised_name: normalised, ...extra });
  await customer('globex', 'Globex Corporation', 'globex', {
    industry: 'manufacturing',
    country: 'US',
    owner_rep_id: 'r1',
    created_at: '2023-05-01',
    cross_sell_opt_out: false,
  });
  await customer('globex-old', 'Globex Corp.', 'globex', {
    domain: 'globex.com',
    tax_id: 'US-1234',
    industry: 'retail',
    country: 'US',
    owner_rep_id: 'r2',
    created_at: '2022-01-10',
    cross_sell_opt_out: true,
    customer_group: 'g1',
  });
  await customer('globex-older', 'Globex Co', 'globex', { merged_into_id: 'globex-old' });
  await customer('hooli', 'Hooli', 'hooli', { country: 'US' });
  await customer('hooli-dup', 'Hooli Inc', 'hooli', { merged_into_id: 'hooli' });

  const line = (id: string, customerId: string, product: string, bookedAt: string, amount: number) =>
    insert(store, 'order_line', {
      id,
      order_id: `o-${id}`,
      customer_id: customerId,
      rep_id: 'r1',
      product_id: product,
      booked_at: bookedAt,
      quantity: 1,
      amount_minor: amount,
      currency: 'USD',
      status: 'active',
    });
  await line('ol-old', 'globex-old', 'p-hw', '2022-02-01', 10_000);
  await line('ol-new', 'globex', 'p-sw', '2023-06-01', 20_000);
  await line('ol-hooli', 'hooli', 'p-sw', '2023-07-01', 5_000);
  for (const [id, c] of [
    ['op1', 'globex-old'],
    ['op2', 'globex-old'],
    ['op3', 'globex'],
    ['op4', 'hooli'],
  ] as const) {
    await insert(store, 'opportunity', { id, customer_id: c, owner_rep_id: 'r1', currency: 'USD', stage: 'proposal', amount_minor: 1000 });
  }
  await insert(store, 'lead', { id: 'l1', created_at: '2021-12-01', customer_id: 'globex-old' });
  for (const id of ['a1', 'a2', 'a3'])
    await insert(store, 'activity', { id, rep_id: 'r2', customer_id: 'globex-old', kind: 'call', at: '2022-01-15 10:00:00' });
  await insert(store, 'activity', { id: 'a4', rep_id: 'r1', customer_id: 'hooli', kind: 'call', at: '2023-01-15 10:00:00' });
  await insert(store, 'introduction', {
    id: 'i1',
    from_rep_id: 'r2',
    to_rep_id: 'r1',
    customer_id: 'globex-old',
    introduced_at: '2022-03-01',
  });
  await insert(store, 'survey_response', { id: 's1', customer_id: 'globex-old', at: '2022-06-01', nps_score: 9 });
  await insert(store, 'support_case', { id: 'sc1', customer_id: 'globex-old', opened_at: '2022-07-01' });
  await insert(store, 'complaint', { id: 'co1', customer_id: 'hooli', opened_at: '2023-08-01' });
  await store.session((s) => deriveFacts(s, SETTINGS));
}

async function refsTo(store: Store, customerId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of customerFactTables()) {
    const rows = await store.query<{ n: string }>(sql`SELECT COUNT(*) AS n FROM ${ident(t)} WHERE customer_id = ${param(customerId)}`);
    out[t] = Number(rows[0]?.n);
  }
  return out;
}

async function customers(store: Store) {
  return store.query(sql`SELECT id, domain, tax_id, industry, owner_rep_id, created_at, cross_sell_opt_out, customer_group,
    merged_into_id, first_booked_at FROM customer ORDER BY id`);
}

async function orderLines(store: Store) {
  return store.query(sql`SELECT id, customer_id, product_line, is_new_logo, is_cross_sell FROM order_line ORDER BY id`);
}

async function expectDomainError(p: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  expect((e as DomainError).code).toBe(code);
  expect((e as DomainError).message).toMatch(message);
}

const outcomes = new Map<EngineName, unknown>();

it('finds every table with a customer_id column in the model, but the derived customer_month', () => {
  expect(customerFactTables()).toEqual([
    'opportunity',
    'lead',
    'order_line',
    'activity',
    'introduction',
    'survey_response',
    'complaint',
    'support_case',
  ]);
});

describe.each(testEngines())('customer duplicates and merges on %s', (engine) => {
  let t: TestStore;
  let store: Store;
  beforeAll(async () => {
    t = await createTestStore(engine);
    store = t.store;
    await ensureCompanySettings(store, SETTINGS);
    await loadFixture(store);
  });
  afterAll(async () => t.dispose());

  it('lists live customers with the same normalised name, leaving merged ones out', async () => {
    const report = await listDuplicateCustomers(store);
    expect(report.clusters.map((c) => [c.customers.map((x) => x.id), c.pairs.map((p) => p.reasons)])).toEqual([
      [['globex', 'globex-old'], [['same_normalised_name']]],
    ]);
  });

  it('refuses a customer merged into itself, unknown ids, and customers merged before', async () => {
    const before = [await refsTo(store, 'globex-old'), await customers(store)];
    const merge = (keepId: string, dropId: string) => mergeCustomers(store, SETTINGS, { keepId, dropId, actor: 'ops@example.com', at: AT });
    await expectDomainError(merge('globex', 'globex'), 'invalid_input', /into itself/);
    await expectDomainError(merge('globex', 'nope'), 'not_found', /"nope"/);
    await expectDomainError(merge('nope', 'globex-old'), 'not_found', /"nope"/);
    await expectDomainError(merge('hooli', 'hooli-dup'), 'conflict', /already merged into "hooli"/);
    await expectDomainError(merge('hooli-dup', 'globex'), 'conflict', /itself merged into "hooli"/);
    await expectDomainError(
      mergeCustomers(store, SETTINGS, { keepId: 'globex', dropId: 'globex-old', actor: ' ' }),
      'invalid_input',
      /actor/,
    );
    expect([await refsTo(store, 'globex-old'), await customers(store)]).toEqual(before);
  });

  it('changes nothing when the merge fails part-way', async () => {
    const before = [await refsTo(store, 'globex-old'), await customers(store), await orderLines(store)];
    const failing = {
      ...SETTINGS,
      get reportingCurrency(): string {
        throw new Error('derive failed');
      },
    };
    await expect(mergeCustomers(store, failing, { keepId: 'globex', dropId: 'globex-old', actor: 'ops@example.com' })).rejects.toThrow(
      'derive failed',
    );
    expect([await refsTo(store, 'globex-old'), await customers(store), await orderLines(store)]).toEqual(before);
    expect(await store.query(sql`SELECT id FROM customer_merge`)).toEqual([]);
  });

  it('re-points every fact, keeps the dropped row for lineage and records the merge', async () => {
    const result = await mergeCustomers(store, SETTINGS, { keepId: 'globex', dropId: 'globex-old', actor: 'ops@example.com', at: AT });
    const moved = {
      opportunity: 2,
      lead: 1,
      order_line: 1,
      activity: 3,
      introduction: 1,
      survey_response: 1,
      complaint: 0,
      support_case: 1,
    };
    expect(result).toEqual({
      mergeId: expect.any(String),
      keptId: 'globex',
      droppedId: 'globex-old',
      actor: 'ops@example.com',
      mergedAt: '2025-03-04 05:06:07.089',
      repointed: moved,
      earlierMerges: 1,
      filled: ['domain', 'tax_id', 'created_at', 'cross_sell_opt_out', 'customer_group'],
    });
    expect(await refsTo(store, 'globex-old')).toEqual(Object.fromEntries(Object.keys(moved).map((k) => [k, 0])));
    expect(await refsTo(store, 'hooli')).toEqual({
      ...Object.fromEntries(Object.keys(moved).map((k) => [k, 0])),
      order_line: 1,
      opportunity: 1,
      activity: 1,
      complaint: 1,
    });

    const merges = await store.query(sql`SELECT id, kept_id, dropped_id, actor, merged_at, details FROM customer_merge`);
    expect(merges).toEqual([
      {
        id: result.mergeId,
        kept_id: 'globex',
        dropped_id: 'globex-old',
        actor: 'ops@example.com',
        merged_at: '2025-03-04 05:06:07.089',
        details: expect.any(String),
      },
    ]);
    expect(JSON.parse(String(merges[0]?.details))).toEqual({ repointed: moved, earlierMerges: 1, filled: result.filled });
  });

  it('fills the kept record from the dropped one without overwriting it', async () => {
    const rows = await customers(store);
    expect(rows.filter((r) => String(r.id).startsWith('globex'))).toEqual([
      {
        id: 'globex',
        domain: 'globex.com',
        tax_id: 'US-1234',
        industry: 'manufacturing',
        owner_rep_id: 'r1',
        created_at: '2022-01-10',
        cross_sell_opt_out: true,
        customer_group: 'g1',
        merged_into_id: null,
        first_booked_at: '2022-02-01',
      },
      {
        id: 'globex-old',
        domain: 'globex.com',
        tax_id: 'US-1234',
        industry: 'retail',
        owner_rep_id: 'r2',
        created_at: '2022-01-10',
        cross_sell_opt_out: true,
        customer_group: 'g1',
        merged_into_id: 'globex',
        first_booked_at: null,
      },
      {
        id: 'globex-older',
        domain: null,
        tax_id: null,
        industry: null,
        owner_rep_id: null,
        created_at: null,
        cross_sell_opt_out: null,
        customer_group: null,
        merged_into_id: 'globex',
        first_booked_at: null,
      },
    ]);
  });

  it('recomputes new-logo and cross-sell flags for the merged customer', async () => {
    // Before: each record's first order was its new-logo order. After: globex first bought hardware in
    // February 2022, so that line is the new logo, and the June 2023 software line is a cross-sell
    // (another line bought before, no software in the 24 months before).
    expect(await orderLines(store)).toEqual([
      { id: 'ol-hooli', customer_id: 'hooli', product_line: 'software', is_new_logo: true, is_cross_sell: false },
      { id: 'ol-new', customer_id: 'globex', product_line: 'software', is_new_logo: false, is_cross_sell: true },
      { id: 'ol-old', customer_id: 'globex', product_line: 'hardware', is_new_logo: true, is_cross_sell: false },
    ]);
  });

  it('no longer lists merged customers as duplicates, and refuses to merge them again', async () => {
    expect((await listDuplicateCustomers(store)).clusters).toEqual([]);
    await expectDomainError(
      mergeCustomers(store, SETTINGS, { keepId: 'globex', dropId: 'globex-old', actor: 'ops@example.com' }),
      'conflict',
      /already merged into "globex"/,
    );
    outcomes.set(engine, {
      customers: await customers(store),
      orderLines: await orderLines(store),
      merges: await store.query(sql`SELECT kept_id, dropped_id, actor, merged_at, details FROM customer_merge`),
    });
  });
});

describe('across engines', () => {
  it.skipIf(testEngines().length < 2)('DuckDB and PostgreSQL end in the same state', () => {
    expect(outcomes.size).toBe(2);
    expect(outcomes.get('postgres')).toEqual(outcomes.get('duckdb'));
  });
});
