/**
 * The import path end to end, on every engine: company-a (fixtures/company-a,
 * whose README tells the story) goes through importFile(), the service the CLI
 * and the API call. Derived facts are checked against answers computed by hand
 * from the fixture files; the reasoning for each sits beside its row. Finally
 * both engines must hold exactly the same data.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CANONICAL_TABLES_V1, type EntityName } from '@cairn/core/model';
import { ident, joinSql, param, type SqlFragment, sql } from '@cairn/core/sql';
import { type CompanySettings, type ImportReport, importFile, type Store } from '@cairn/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type EngineName, type TestStore, testEngines } from '../test-support/test-stores';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/company-a');
const ACTOR = 'ops@acme-instruments.example';
const SETTINGS: CompanySettings = { reportingCurrency: 'USD', calendar: { startMonth: 1 }, crossSellWindowMonths: 24 };

/** Load order (parents first) and the rows each file holds. */
const FILES: readonly [EntityName, number][] = [
  ['fx_rate', 36],
  ['org_unit', 10],
  ['rep', 8],
  ['rep_assignment', 9],
  ['product', 8],
  ['customer', 10],
  ['opportunity', 10],
  ['opportunity_history', 9],
  ['order_line', 60],
];

type Row = Record<string, unknown>;

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function importOne(store: Store, settings: CompanySettings, entity: EntityName, dir: string): Promise<ImportReport> {
  const r = await importFile(store, settings, { entity, path: join(dir, `${entity}.csv`), mode: 'atomic', actor: ACTOR });
  if (r.status !== 'committed') throw new Error(`${entity}.csv was rejected: ${JSON.stringify(r.errors.slice(0, 5))}`);
  return r;
}

async function importCompanyA(store: Store, settings: CompanySettings): Promise<Map<EntityName, ImportReport>> {
  const reports = new Map<EntityName, ImportReport>();
  for (const [entity] of FILES) reports.set(entity, await importOne(store, settings, entity, FIXTURES));
  return reports;
}

async function countRows(store: Store, table: string): Promise<number> {
  const [r] = await store.query<{ n: string }>(sql`SELECT COUNT(*) AS n FROM ${ident(table)}`);
  return Number(r?.n);
}

async function byId<T extends Row>(store: Store, q: SqlFragment): Promise<Record<string, Omit<T, 'id'>>> {
  const rows = await store.query<T>(q);
  return Object.fromEntries(rows.map(({ id, ...rest }) => [String(id), rest]));
}

/**
 * Every row of every canonical table, ordered by key. `stable` leaves out what
 * differs between two runs by nature: the import id (a random UUID) and the
 * import time that an import writes as opportunity_history.changed_at.
 */
async function dumpCanonical(store: Store, stable: boolean): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const t of CANONICAL_TABLES_V1) {
    const cols = t.columns
      .filter((c) => !(stable && c.name === 'import_id'))
      .map((c) =>
        stable && t.name === 'opportunity_history' && c.name === 'changed_at'
          ? sql`CASE WHEN t.source = ${param('import')} THEN NULL ELSE t.changed_at END AS changed_at`
          : sql`t.${ident(c.name)}`,
      );
    // Qualified, so that ordering uses the stored value and not a blanked-out output column.
    const order = (t.primaryKey ?? t.columns.map((c) => c.name)).map((k) => sql`t.${ident(k)}`);
    out[t.name] = await store.query<Row>(sql`SELECT ${joinSql(cols)} FROM ${ident(t.name)} t ORDER BY ${joinSql(order)}`);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Hand-computed expectations. Window: 24 months; a purchase exactly 24 months
// before the booking is still inside it (window = [booked_at − 24 months, booked_at)).
// "Other line before" needs an ACTIVE line of another product line strictly
// before the booking date. New logo = same fiscal quarter as the customer's
// first ACTIVE booking (January start: calendar quarters).
// ---------------------------------------------------------------------------

/** line → [CRM's cross-sell flag as sent, derived is_cross_sell, derived is_new_logo] */
const ORDER_LINE_FACTS: Record<string, [boolean | null, boolean, boolean]> = {
  // C01 Northwind: lands SENS + SVC on 2022-02-14 → new-logo quarter FY2022-Q1.
  'SO-1001-1': [false, false, true], // first day: nothing bought before it
  'SO-1001-2': [false, false, true], // same first day: the other line (SENS) is not *before* it
  'SO-1002-1': [false, false, true], // SENS again 6 weeks later; still Q1 2022
  'SO-1003-1': [true, true, false], // CTRL first bought 2022-05-10, SENS/SVC before → cross-sell; Q2 ≠ Q1
  'SO-1003-2': [false, true, false], // same-day line of the new CTRL line → cross-sell too; CRM missed it
  'SO-1004-1': [null, false, false], // SVC bought 2022-02-14, inside 24 months
  'SO-1005-1': [true, false, false], // CTRL bought 2022-05-10, inside 24 months; CRM wrongly says cross-sell
  'SO-1006-1': [null, false, false], // SVC 2022-11-08 is a year before
  'SO-1007-1': [false, true, false], // SENS last active 2022-03-30 < 2024-06-03 − 24m = 2022-06-03: lapsed → cross-sell again
  'SO-1007-2': [false, true, false], // same day, same lapsed SENS line
  'SO-1008-1': [null, false, false], // SVC renewal, 2023-11-08 inside the window
  // C02 Bluewater: first active booking 2022-04-05 (SVC) → FY2022-Q2.
  'SO-2001-1': [false, false, true], // first booking
  'SO-2002-1': [true, true, false], // SENS new, SVC before; a cancelled line still carries its own flag
  'SO-2003-1': [false, true, false], // earlier SENS line was cancelled: not a prior purchase → cross-sell
  'SO-2004-1': [true, true, false], // CTRL new (this line is later returned)
  'SO-2005-1': [false, true, false], // earlier CTRL line was returned: not a prior purchase → cross-sell
  'SO-2006-1': [false, false, false], // SVC 2022-04-05 ≥ 2024-02-01 − 24m = 2022-02-01: inside the window
  'SO-2007-1': [false, false, false], // SVC 2024-02-01, weeks before
  // C03 Müller (EUR): first booking 2022-07-15 → FY2022-Q3 (Jul–Sep).
  'SO-3001-1': [false, false, true], // first booking
  'SO-3002-1': [false, false, true], // SENS again; 2022-08-01 still Q3
  'SO-3003-1': [true, true, true], // CTRL new, SENS before → cross-sell AND still in the new-logo quarter
  'SO-3004-1': [true, true, false], // SVC new on 2023-11-20
  'SO-3004-2': [true, true, false], // same day, same new SVC line
  'SO-3005-1': [false, false, false], // (returned) SENS 2022-08-01 ≥ 2024-01-31 − 24m = 2022-01-31: inside
  'SO-3006-1': [false, true, false], // CTRL last 2022-08-31 < 2024-10-02 − 24m = 2022-10-02: lapsed; CRM calls it an upgrade
  // C04 Cedar Labs: first booking 2022-01-10 (LAB) → FY2022-Q1. The window boundary, both sides.
  'SO-4001-1': [false, false, true], // first booking
  'SO-4002-1': [true, true, true], // SVC new, LAB before → cross-sell; 2022-03-15 is still Q1 → also new logo
  'SO-4003-1': [true, false, false], // LAB 2022-01-10 = 2024-01-10 − 24m exactly: inside the window → not cross-sell
  'SO-4004-1': [false, true, false], // SVC 2022-03-15 < 2024-03-16 − 24m = 2022-03-16: one day outside → cross-sell
  'SO-4004-2': [false, true, false], // same day, same line
  'SO-4005-1': [false, false, false], // LAB 2024-01-10 inside
  // C05 Delta Foods (opted out of cross-sell campaigns; classification does not care): first 2023-03-20 → FY2023-Q1.
  'SO-5001-1': [false, false, true], // first booking
  'SO-5002-1': [true, true, false], // CTRL new on 2023-04-10; Q2 ≠ Q1
  'SO-5002-2': [true, true, false], // SVC also new that day: both new lines are cross-sell
  'SO-5003-1': [false, false, false], // SENS 2023-03-20 inside
  'SO-5004-1': [false, false, false], // SENS 2023-05-02 inside
  'SO-5005-1': [null, true, false], // LAB new
  // C06 Evergreen: first 2023-01-16 (LAB) → FY2023-Q1.
  'SO-6001-1': [false, false, true], // first booking
  'SO-6002-1': [false, false, true], // LAB again, same quarter
  'SO-6003-1': [false, true, true], // SVC new, LAB before; 2023-03-31 is the last day of Q1 → new logo too
  'SO-6004-1': [false, false, false], // SVC 2023-03-31 inside
  'SO-6005-1': [false, false, false], // SVC 2024-05-02 inside
  'SO-6005-2': [false, false, false], // LAB 2023-02-10 ≥ 2024-11-18 − 24m = 2022-11-18: inside
  // C07 Foxglove (Grace Lin, who moves team on 2023-07-01): first 2022-02-28 (CTRL) → FY2022-Q1.
  'SO-7001-1': [false, false, true], // first booking
  'SO-7002-1': [true, true, false], // SENS new, CTRL before
  'SO-7003-1': [false, false, false], // SENS 2022-06-01 inside
  'SO-7004-1': [true, false, false], // 2024-02-29 − 24m clamps to 2022-02-28 = the CTRL purchase: inside → not cross-sell
  'SO-7005-1': [true, true, false], // SVC new
  'SO-7005-2': [true, true, false], // same day, same new line
  // C08 Granite: a cancelled order first; first ACTIVE booking 2023-02-08 → FY2023-Q1.
  'SO-8001-1': [false, false, false], // cancelled; no active other line before; FY2022-Q4 ≠ new-logo quarter
  'SO-8002-1': [false, false, true], // first active day, two lines: neither is cross-sell
  'SO-8002-2': [false, false, true], // idem
  'SO-8003-1': [false, false, true], // returned; SENS 2023-02-08 inside; new-logo quarter regardless of status
  'SO-8004-1': [true, true, false], // CTRL new
  'SO-8005-1': [false, false, false], // SVC 2023-02-08 ≥ 2022-06-18: inside
  // C09 Harbor Water: two cancelled lines, then a first active booking 2024-02-14 → FY2024-Q1.
  'SO-9001-1': [false, false, false], // cancelled, nothing active before
  'SO-9001-2': [false, false, false], // cancelled
  'SO-9002-1': [true, false, true], // the other lines were cancelled: no line *bought* before → not cross-sell (CRM wrong)
  'SO-9003-1': [false, true, true], // SENS: the earlier SENS line was cancelled; CTRL bought 2024-02-14 → cross-sell; Q1 2024
  // C10 Ironclad: only a cancelled line → no first booking, nothing is new logo.
  'SO-10001-1': [false, false, false],
};

/** The lines whose new-logo answer changes with a fiscal year starting in February (quarters Feb–Apr, May–Jul, Aug–Oct, Nov–Jan). */
const NEW_LOGO_FEBRUARY_START: Record<string, boolean> = {
  'SO-3002-1': false, // first 2022-07-15 is in May–Jul; 2022-08-01 is in Aug–Oct
  'SO-3003-1': false, // 2022-08-31: Aug–Oct
  'SO-4002-1': false, // first 2022-01-10 is in Nov 2021–Jan 2022; 2022-03-15 is in Feb–Apr
  'SO-5002-1': true, // first 2023-03-20 and 2023-04-10 are both in Feb–Apr 2023
  'SO-5002-2': true, // idem
  'SO-6002-1': false, // first 2023-01-16 is in Nov 2022–Jan 2023; 2023-02-10 in Feb–Apr
  'SO-6003-1': false, // 2023-03-31: Feb–Apr
};

/** customer → first_booked_at: the earliest ACTIVE booking. */
const FIRST_BOOKED_AT: Record<string, string | null> = {
  C01: '2022-02-14',
  C02: '2022-04-05',
  C03: '2022-07-15',
  C04: '2022-01-10',
  C05: '2023-03-20',
  C06: '2023-01-16',
  C07: '2022-02-28',
  C08: '2023-02-08', // the cancelled 2022-10-05 order does not count
  C09: '2024-02-14', // the cancelled 2023-06-06 order does not count
  C10: null, // only a cancelled line
};

/**
 * EUR lines → [amount_minor, amount_rc_minor, margin_minor, margin_rc_minor].
 * Rate = latest EUR rate on or before booked_at; result rounded half away from zero to whole cents.
 */
const EUR_LINES: Record<string, [string, string, string | null, string | null]> = {
  // 2022-07-15 → rate of 2022-07-01, 1.0150: 1,232,700 × 1.015 = 1,251,190.5 → 1,251,191 (half-even would give …190);
  // margin 518,000 × 1.015 = 525,770
  'SO-3001-1': ['1232700', '1251191', '518000', '525770'],
  // 2022-08-01 is a rate date → 1.0250 (not July's): 998,100 × 1.025 = 1,023,052.5 → 1,023,053; no margin → NULL
  'SO-3002-1': ['998100', '1023053', null, null],
  // 2022-08-31, the day before the September rate → still 1.0250: 980,000 × 1.025 = 1,004,500; 372,400 × 1.025 = 381,710
  'SO-3003-1': ['980000', '1004500', '372400', '381710'],
  // 2023-11-20 → 1.08123457: 350,000 × 1.08123457 = 378,432.0995 → 378,432; 87,500 × … = 94,608.024875 → 94,608
  'SO-3004-1': ['350000', '378432', '87500', '94608'],
  // 555,555 × 1.08123457 = 600,685.27153635 → 600,685; 333,333 × … = 360,411.16292181 → 360,411
  'SO-3004-2': ['555555', '600685', '333333', '360411'],
  // 2024-01-31 → 1.0850: −123,300 × 1.085 = −133,780.5 → −133,781 (away from zero; half-even or half-up give −133,780)
  'SO-3005-1': ['-123300', '-133781', null, null],
  // 2024-10-02 → 1.1150: 2,000,000 × 1.115 = 2,230,000; 1,400,000 × 1.115 = 1,561,000
  'SO-3006-1': ['2000000', '2230000', '1400000', '1561000'],
};

/** opportunity → [is_closed, is_won, product_line, amount_rc_minor] */
const OPPORTUNITY_FACTS: Record<string, [boolean, boolean, string | null, string | null]> = {
  'OP-01': [true, true, 'CTRL', '4360000'], // closed_won; line from P-CTL-1; USD as is
  'OP-02': [true, true, 'SENS', '2400000'], // closed_won
  'OP-03': [true, true, 'SENS', '1251191'], // closed_won; EUR 12,327.00 at 1.0150 (close 2022-07-15) = 1,251,190.5 → 1,251,191
  'OP-04': [false, false, 'LAB', '1800000'], // negotiation is open
  'OP-05': [false, false, 'SENS', '3000000'], // proposal
  'OP-06': [true, false, 'CTRL', '980000'], // closed_lost: closed, not won
  'OP-07': [false, false, 'LAB', '2500000'], // qualification; no product, the file's product line is kept
  'OP-08': [false, false, 'SVC', '1200000'], // discovery
  'OP-09': [false, false, null, null], // prospecting; no product, no line, no amount
  'OP-10': [true, true, 'CTRL', '2230000'], // closed_won; EUR 20,000.00 at 1.1150 (close 2024-10-02)
};

async function orderLineFacts(store: Store): Promise<Record<string, [boolean | null, boolean, boolean]>> {
  const rows = await store.query<{ id: string; crm: boolean | null; xs: boolean; nl: boolean }>(
    sql`SELECT id, crm_cross_sell_flag AS crm, is_cross_sell AS xs, is_new_logo AS nl FROM order_line ORDER BY id`,
  );
  return Object.fromEntries(rows.map((r) => [r.id, [r.crm, r.xs, r.nl]]));
}

async function newLogoFlags(store: Store): Promise<Record<string, boolean>> {
  const rows = await store.query<{ id: string; nl: boolean }>(sql`SELECT id, is_new_logo AS nl FROM order_line ORDER BY id`);
  return Object.fromEntries(rows.map((r) => [r.id, r.nl]));
}

function expectedNewLogo(overrides: Record<string, boolean> = {}): Record<string, boolean> {
  return { ...Object.fromEntries(Object.entries(ORDER_LINE_FACTS).map(([id, [, , nl]]) => [id, nl])), ...overrides };
}

async function firstBookedAt(store: Store): Promise<Record<string, string | null>> {
  const rows = await store.query<{ id: string; first: string | null }>(sql`SELECT id, first_booked_at AS first FROM customer ORDER BY id`);
  return Object.fromEntries(rows.map((r) => [r.id, r.first]));
}

const engines = testEngines();
const stores = new Map<EngineName, TestStore>();

afterAll(async () => {
  for (const t of stores.values()) await t.dispose();
});

describe.each(engines)('importing company-a on %s', (engine) => {
  let store: Store;
  let first: Map<EntityName, ImportReport>;

  beforeAll(async () => {
    const t = await createTestStore(engine);
    stores.set(engine, t);
    store = t.store;
    first = await importCompanyA(store, SETTINGS);
  });

  it('inserts every row of every file', async () => {
    for (const [entity, rows] of FILES) {
      const r = first.get(entity);
      expect({
        entity,
        status: r?.status,
        rowsRead: r?.rowsRead,
        inserted: r?.inserted,
        updated: r?.updated,
        rejected: r?.rejectedRows,
      }).toEqual({ entity, status: 'committed', rowsRead: rows, inserted: rows, updated: 0, rejected: 0 });
      // Every entity lands in the table of its name; opportunity_history also holds one 'import' row per new opportunity.
      expect(await countRows(store, entity)).toBe(entity === 'opportunity_history' ? 9 + 10 : rows);
    }
    expect(await countRows(store, 'entity_change')).toBe(0); // inserts are not changes
  });

  it('records one history row per inserted opportunity, beside the CRM history from the file', async () => {
    const rows = await store.query<Row>(sql`SELECT source, COUNT(*) AS n FROM opportunity_history GROUP BY source ORDER BY source`);
    expect(rows).toEqual([
      { source: 'crm', n: '9' },
      { source: 'import', n: '10' },
    ]);
    // "2022-04-12T23:30:00-05:00" is stored in UTC: 04:30 on the next day.
    const [op01] = await store.query<Row>(
      sql`SELECT stage, amount_minor FROM opportunity_history WHERE opportunity_id = ${param('OP-01')} AND changed_at = CAST(${param('2022-04-13 04:30:00')} AS TIMESTAMP)`,
    );
    expect(op01).toEqual({ stage: 'proposal', amount_minor: '4360000' });
  });

  it('derives is_cross_sell and is_new_logo per line, keeping the CRM flag as sent', async () => {
    expect(await orderLineFacts(store)).toEqual(ORDER_LINE_FACTS);
  });

  it('derives first_booked_at from the first active booking', async () => {
    expect(await firstBookedAt(store)).toEqual(FIRST_BOOKED_AT);
  });

  it('converts EUR lines at the latest rate on or before the booking date, half away from zero', async () => {
    const rows = await byId(
      store,
      sql`SELECT id, amount_minor, amount_rc_minor, margin_minor, margin_rc_minor FROM order_line WHERE currency = ${param('EUR')} ORDER BY id`,
    );
    expect(
      Object.fromEntries(
        Object.entries(rows).map(([id, r]) => [id, [r.amount_minor, r.amount_rc_minor, r.margin_minor, r.margin_rc_minor]]),
      ),
    ).toEqual(EUR_LINES);
    // Lines already in the reporting currency keep their amounts.
    const [usd] = await store.query<{ n: string; differing: string }>(sql`SELECT COUNT(*) AS n,
        SUM(CASE WHEN amount_rc_minor IS DISTINCT FROM amount_minor OR margin_rc_minor IS DISTINCT FROM margin_minor THEN 1 ELSE 0 END) AS differing
      FROM order_line WHERE currency = ${param('USD')}`);
    expect(usd).toEqual({ n: '53', differing: '0' });
  });

  it('derives product lines on order lines from their products', async () => {
    const rows = await store.query<Row>(
      sql`SELECT product_line, COUNT(*) AS n FROM order_line GROUP BY product_line ORDER BY product_line`,
    );
    // Counted from order_line.csv: CTRL 13, LAB 7, SENS 19, SVC 21.
    expect(rows).toEqual([
      { product_line: 'CTRL', n: '13' },
      { product_line: 'LAB', n: '7' },
      { product_line: 'SENS', n: '19' },
      { product_line: 'SVC', n: '21' },
    ]);
  });

  it('derives opportunity status from its stage, product line from its product, and the reporting amount', async () => {
    const rows = await byId(store, sql`SELECT id, is_closed, is_won, product_line, amount_rc_minor FROM opportunity ORDER BY id`);
    expect(
      Object.fromEntries(Object.entries(rows).map(([id, r]) => [id, [r.is_closed, r.is_won, r.product_line, r.amount_rc_minor]])),
    ).toEqual(OPPORTUNITY_FACTS);
  });

  it('logs every import with file name, sha256, actor, mode and counts', async () => {
    for (const [entity, rows] of FILES) {
      const r = first.get(entity);
      const [log] = await store.query<Row>(sql`SELECT entity, file_name, file_sha256, mapping, actor, mode, status,
          rows_read, inserted, updated, unchanged, rejected, message
        FROM import_log WHERE id = ${param(r?.importId ?? '')}`);
      expect(log).toEqual({
        entity,
        file_name: `${entity}.csv`,
        file_sha256: sha256(join(FIXTURES, `${entity}.csv`)),
        mapping: null,
        actor: ACTOR,
        mode: 'atomic',
        status: 'committed',
        rows_read: String(rows),
        inserted: String(rows),
        updated: '0',
        unchanged: '0',
        rejected: '0',
        message: null,
      });
      expect(r?.sha256).toBe(log?.file_sha256);
    }
  });

  it('imports the same files again without changing anything', async () => {
    const before = await dumpCanonical(store, false);
    const changes = await countRows(store, 'entity_change');
    const history = await countRows(store, 'opportunity_history');
    const again = await importCompanyA(store, SETTINGS);
    for (const [entity, rows] of FILES) {
      const r = again.get(entity);
      expect({ entity, inserted: r?.inserted, updated: r?.updated, unchanged: r?.unchanged }).toEqual({
        entity,
        inserted: 0,
        updated: 0,
        unchanged: rows,
      });
      const [log] = await store.query<Row>(sql`SELECT inserted, updated, unchanged FROM import_log WHERE id = ${param(r?.importId ?? '')}`);
      expect(log).toEqual({ inserted: '0', updated: '0', unchanged: String(rows) });
    }
    expect(await countRows(store, 'entity_change')).toBe(changes);
    expect(await countRows(store, 'opportunity_history')).toBe(history);
    // Not a value moved, not even the lineage of a row: derived facts included.
    expect(await dumpCanonical(store, false)).toEqual(before);
    expect(await countRows(store, 'import_log')).toBe(2 * FILES.length);
  });

  it('imports changed files: updates exactly the changed rows, logs each change, appends history', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-company-a-changed-'));
    try {
      const edit = (entity: string, from: string, to: string) => {
        const text = readFileSync(join(FIXTURES, `${entity}.csv`), 'utf8');
        if (!text.includes(from)) throw new Error(`${entity}.csv has no line ${from}`);
        writeFileSync(join(dir, `${entity}.csv`), text.replace(from, to));
      };
      // C02 renamed; OP-04 won; SO-4001-1 (C04's first booking) cancelled.
      edit('customer', 'C02,Bluewater Utilities LLC,', 'C02,Bluewater Utility Services LLC,');
      edit(
        'opportunity',
        'P-LAB-2,,18000.00,USD,negotiation,commit,Existing customer,2024-09-02,2024-12-16,\n',
        'P-LAB-2,,18000.00,USD,closed_won,closed,Existing customer,2024-09-02,2024-12-16,2024-12-16\n',
      );
      edit(
        'order_line',
        'SO-4001-1,SO-4001,C04,R06,P-LAB-1,,2022-01-10,1,56000.00,17920.00,USD,,false,active,\n',
        'SO-4001-1,SO-4001,C04,R06,P-LAB-1,,2022-01-10,1,56000.00,17920.00,USD,,false,cancelled,2022-01-20\n',
      );
      const historyBefore = await countRows(store, 'opportunity_history');
      const reports: Record<string, ImportReport> = {};
      for (const entity of ['customer', 'opportunity', 'order_line'] as const)
        reports[entity] = await importOne(store, SETTINGS, entity, dir);

      const changes = async (r: ImportReport | undefined) =>
        store.query<Row>(sql`SELECT entity, record_key, column_name, old_value, new_value FROM entity_change
          WHERE import_id = ${param(r?.importId ?? '')} ORDER BY record_key, column_name`);

      expect(reports.customer).toMatchObject({ inserted: 0, updated: 1, unchanged: 9 });
      expect(await changes(reports.customer)).toEqual([
        {
          entity: 'customer',
          record_key: 'C02',
          column_name: 'name',
          old_value: 'Bluewater Utilities LLC',
          new_value: 'Bluewater Utility Services LLC',
        },
        // The computed normalised name follows the name (legal form "LLC" dropped).
        {
          entity: 'customer',
          record_key: 'C02',
          column_name: 'normalised_name',
          old_value: 'bluewater utilities',
          new_value: 'bluewater utility services',
        },
      ]);

      expect(reports.opportunity).toMatchObject({ inserted: 0, updated: 1, unchanged: 9 });
      expect(await changes(reports.opportunity)).toEqual([
        { entity: 'opportunity', record_key: 'OP-04', column_name: 'closed_at', old_value: null, new_value: '2024-12-16' },
        { entity: 'opportunity', record_key: 'OP-04', column_name: 'forecast_category', old_value: 'commit', new_value: 'closed' },
        { entity: 'opportunity', record_key: 'OP-04', column_name: 'stage', old_value: 'negotiation', new_value: 'closed_won' },
      ]);
      expect(await countRows(store, 'opportunity_history')).toBe(historyBefore + 1);
      const appended =
        await store.query<Row>(sql`SELECT opportunity_id, stage, amount_minor, currency, close_date, forecast_category, source
        FROM opportunity_history WHERE import_id = ${param(reports.opportunity?.importId ?? '')}`);
      expect(appended).toEqual([
        {
          opportunity_id: 'OP-04',
          stage: 'closed_won',
          amount_minor: '1800000',
          currency: 'USD',
          close_date: '2024-12-16',
          forecast_category: 'closed',
          source: 'import',
        },
      ]);
      const [op04] = await store.query<Row>(sql`SELECT is_closed, is_won FROM opportunity WHERE id = ${param('OP-04')}`);
      expect(op04).toEqual({ is_closed: true, is_won: true });

      expect(reports.order_line).toMatchObject({ inserted: 0, updated: 1, unchanged: 59 });
      expect(await changes(reports.order_line)).toEqual([
        { entity: 'order_line', record_key: 'SO-4001-1', column_name: 'cancelled_at', old_value: null, new_value: '2022-01-20' },
        { entity: 'order_line', record_key: 'SO-4001-1', column_name: 'status', old_value: 'active', new_value: 'cancelled' },
      ]);
      // Derived facts follow. C04's first active booking is now SVC on 2022-03-15 (still FY2022-Q1):
      //  SO-4002-1 (SVC 2022-03-15): no other line bought before it any more → not cross-sell;
      //  SO-4003-1 (LAB 2024-01-10): the only earlier LAB line was cancelled, SVC bought before → cross-sell.
      expect(await firstBookedAt(store)).toEqual({ ...FIRST_BOOKED_AT, C04: '2022-03-15' });
      expect(await orderLineFacts(store)).toEqual({
        ...ORDER_LINE_FACTS,
        'SO-4002-1': [true, false, true],
        'SO-4003-1': [true, true, false],
      });
      expect(await countRows(store, 'entity_change')).toBe(2 + 3 + 2);

      // A file of only C09's two active lines, both now cancelled: C09 has no active booking left, so its
      // first_booked_at is cleared and no line of it is new-logo or cross-sell any more.
      writeFileSync(
        join(dir, 'order_line.csv'),
        [
          'id,order_id,customer_id,rep_id,product_id,opportunity_id,booked_at,quantity,amount,margin,currency,contract_months,crm_cross_sell_flag,status,cancelled_at',
          'SO-9002-1,SO-9002,C09,R02,P-CTL-1,,2024-02-14,1,9800.00,3724.00,USD,,true,cancelled,2024-02-20',
          'SO-9003-1,SO-9003,C09,R02,P-SEN-1,,2024-03-28,5,6000.00,2700.00,USD,,false,cancelled,2024-04-02',
          '',
        ].join('\n'),
      );
      expect(await importOne(store, SETTINGS, 'order_line', dir)).toMatchObject({ inserted: 0, updated: 2, unchanged: 0 });
      expect(await firstBookedAt(store)).toEqual({ ...FIRST_BOOKED_AT, C04: '2022-03-15', C09: null });
      expect(await orderLineFacts(store)).toEqual({
        ...ORDER_LINE_FACTS,
        'SO-4002-1': [true, false, true],
        'SO-4003-1': [true, true, false],
        'SO-9002-1': [true, false, false],
        'SO-9003-1': [false, false, false],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(engines)('two imports of the same file at once on %s', (engine) => {
  it('run one after the other: the first inserts the lines, the second finds them unchanged, none is stored twice', async () => {
    const t = await createTestStore(engine);
    try {
      for (const [entity] of FILES) {
        if (entity === 'order_line') break;
        expect((await importOne(t.store, SETTINGS, entity, FIXTURES)).status).toBe('committed');
      }
      const rows = FILES.find(([e]) => e === 'order_line')?.[1] ?? 0;
      const reports = await Promise.all([0, 1].map(() => importOne(t.store, SETTINGS, 'order_line', FIXTURES)));
      expect(reports.map((r) => [r.status, r.inserted, r.unchanged]).sort()).toEqual([
        ['committed', 0, rows],
        ['committed', rows, 0],
      ]);
      const [ids] = await t.store.query<Row>(sql`SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS ids FROM order_line`);
      expect(ids).toEqual({ n: String(rows), ids: String(rows) });
    } finally {
      await t.dispose();
    }
  });
});

describe.runIf(engines.includes('postgres'))('company-a across engines', () => {
  it('leaves DuckDB and PostgreSQL holding identical data after the same imports', async () => {
    const duck = stores.get('duckdb');
    const pg = stores.get('postgres');
    if (!duck || !pg) throw new Error('both engine suites must have run first');
    const [a, b] = await Promise.all([dumpCanonical(duck.store, true), dumpCanonical(pg.store, true)]);
    expect(a.order_line).toHaveLength(60);
    for (const t of CANONICAL_TABLES_V1) expect({ table: t.name, rows: b[t.name] }).toEqual({ table: t.name, rows: a[t.name] });
    const changes = (s: Store) =>
      s.query<Row>(
        sql`SELECT entity, record_key, column_name, old_value, new_value FROM entity_change ORDER BY entity, record_key, column_name`,
      );
    expect(await changes(pg.store)).toEqual(await changes(duck.store));
  });
});

describe.each(engines)('new logo under other fiscal calendars on %s', (engine) => {
  it.each([
    // April start: fiscal quarters Apr–Jun, Jul–Sep, Oct–Dec, Jan–Mar are the calendar quarters under other
    // names (FY2024-Q1 = 2023-04..06), so every line's answer is the January one.
    { startMonth: 4, overrides: {} },
    // February start shifts every quarter by a month: seven lines change (see NEW_LOGO_FEBRUARY_START).
    { startMonth: 2, overrides: NEW_LOGO_FEBRUARY_START },
  ])('fiscal year starting in month $startMonth', async ({ startMonth, overrides }) => {
    const t = await createTestStore(engine);
    try {
      await importCompanyA(t.store, { ...SETTINGS, calendar: { startMonth } });
      expect(await newLogoFlags(t.store)).toEqual(expectedNewLogo(overrides));
      expect(await firstBookedAt(t.store)).toEqual(FIRST_BOOKED_AT);
    } finally {
      await t.dispose();
    }
  });
});
