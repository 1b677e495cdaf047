/**
 * On DuckDB a plain CSV file is validated and staged in SQL (stage-in-sql.ts,
 * core sql-staging.ts) instead of row by row. The SQL must never accept what
 * the row-by-row validator refuses, and must stage exactly the values that
 * validator would: every case below is imported into two DuckDB stores, one
 * that may stage in SQL and one that never does, and after every import the
 * two reports (but for which path staged the file) and the two tables must be
 * equal. Clean files must actually take the SQL path; files with anything the
 * SQL subset leaves out must still come out the same, through the row-by-row
 * path. A property test then throws random mixes of clean and awkward values
 * at both.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ImportReport, importFile, readCompanySettings } from '@cairn/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '../test-support/test-stores';
import { importTexts } from './support/import-texts';
import { tableLines } from './support/table-snapshot';

const DIR = mkdtempSync(join(tmpdir(), 'cairn-stage-sql-'));

const COMPANY: Record<string, string> = {
  org_unit: 'id,name,kind,parent_id\nE,Enterprise,enterprise,\nT1,Team 1,team,E\n',
  rep: 'id,name,role\nR0,Rep 0,AE\nR1,Rep 1,AE\nR 2,Rep 2,AM\n',
  customer: 'id,name,segment\nC0,Customer 0 Ltd,smb\nC1,Customer 1 Ltd,smb\nCé,Société Générale,enterprise\n',
  product: 'id,name,product_line,list_price,currency\nP0,Product 0,Line A,100.00,USD\nP1,Product 1,Line B,50.00,USD\n',
};

const HEADER = [
  'id',
  'order_id',
  'customer_id',
  'rep_id',
  'product_id',
  'booked_at',
  'quantity',
  'amount',
  'margin',
  'currency',
  'contract_months',
  'crm_cross_sell_flag',
  'status',
  'cancelled_at',
];
type Row = Record<(typeof HEADER)[number], string>;

function row(i: number, over: Partial<Row> = {}): Row {
  return {
    id: `OL${i}`,
    order_id: `O${i >> 1}`,
    customer_id: `C${i % 2}`,
    rep_id: `R${i % 2}`,
    product_id: `P${i % 2}`,
    booked_at: `2024-0${1 + (i % 9)}-1${i % 10}`,
    quantity: String(1 + (i % 4)),
    amount: `${100 + i}.${String(i % 100).padStart(2, '0')}`,
    margin: i % 3 === 0 ? '' : `${10 + i}.5`,
    currency: 'USD',
    contract_months: i % 2 ? '12' : '',
    crm_cross_sell_flag: ['', 'true', 'false', 'yes'][i % 4] as string,
    status: i % 5 === 0 ? 'cancelled' : 'active',
    cancelled_at: i % 5 === 0 ? '2024-12-31' : '',
    ...over,
  };
}

function csv(rows: Row[], opts: { delimiter?: string; eol?: string; header?: string[] } = {}): string {
  const d = opts.delimiter ?? ',';
  const eol = opts.eol ?? '\n';
  const header = opts.header ?? HEADER;
  return [header.join(d), ...rows.map((r) => header.map((h) => r[h] ?? '').join(d))].join(eol) + eol;
}

/** What an import reports, without what differs between the two paths or any two runs. */
function outcome(r: ImportReport) {
  const { importId: _id, durationMs: _ms, phases: _phases, stagedInDatabase: _sql, ...rest } = r;
  return rest;
}

let sqlStore: TestStore;
let rowStore: TestStore;
let n = 0;

/** Imports one file into both stores and checks they agree; returns the report of the store that may stage in SQL. */
async function both(text: string | Buffer, mode: 'atomic' | 'quarantine' = 'atomic', mappingYaml?: string): Promise<ImportReport> {
  const path = join(DIR, `case-${n++}.csv`);
  writeFileSync(path, text);
  const mapping = mappingYaml === undefined ? {} : { mapping: { name: 'lines.yaml', text: `entity: order_line\n${mappingYaml}` } };
  const req = { entity: 'order_line' as const, path, fileName: 'lines.csv', mode, actor: 'test', ...mapping };
  const a = await importFile(sqlStore.store, await readCompanySettings(sqlStore.store), req);
  const b = await importFile(rowStore.store, await readCompanySettings(rowStore.store), { ...req, stageInDatabase: false });
  expect(b.stagedInDatabase).toBe(false);
  expect(outcome(a)).toEqual(outcome(b));
  const exclude = new Set(['import_id']);
  for (const table of ['order_line', 'import_reject', 'entity_change']) {
    const other = new Set([...exclude, 'seq', 'changed_at']);
    expect(await tableLines(sqlStore.store, table, other), table).toEqual(await tableLines(rowStore.store, table, other));
  }
  return a;
}

beforeAll(async () => {
  sqlStore = await createTestStore('duckdb');
  rowStore = await createTestStore('duckdb');
  for (const t of [sqlStore, rowStore]) await importTexts(t.store, DIR, COMPANY);
});

afterAll(async () => {
  await sqlStore?.dispose();
  await rowStore?.dispose();
  rmSync(DIR, { recursive: true, force: true });
});

describe('staging a plain CSV file in SQL on DuckDB', () => {
  it('stages clean files in SQL, with the same values as row by row, whatever the delimiter and line ends', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => row(i));
    // Values the SQL takes as they are: other currencies' decimals, folded enum and yes/no words, negative
    // quantities, non-ASCII and spaced ids, a short date-free optional column.
    rows.push(row(40, { currency: 'JPY', amount: '1500', margin: '-20' }));
    rows.push(row(41, { currency: 'kwd', amount: '12.345', margin: '0.5' }));
    rows.push(row(42, { status: 'Cancelled', cancelled_at: '2024-12-12', crm_cross_sell_flag: 'N', quantity: '-3' }));
    rows.push(row(43, { id: 'OLé 43', customer_id: 'Cé', rep_id: 'R 2', crm_cross_sell_flag: 'TRUE', amount: '-0.00' }));
    rows.push(row(44, { amount: '0.5', margin: '3', contract_months: '240', booked_at: '2024-02-29' }));
    const cases: [string, string | Buffer][] = [
      ['comma, LF', csv(rows)],
      ['semicolon, CRLF', csv(rows, { delimiter: ';', eol: '\r\n' })],
      ['tab, empty fields', csv(rows, { delimiter: '\t' })],
      ['pipe, columns in another order', csv(rows, { delimiter: '|', header: [...HEADER].reverse() })],
      [
        'BOM, blank and space-only lines, no final newline',
        `\uFEFF${csv(rows.slice(0, 20))}\n   \n\t\n${csv(rows.slice(20)).split('\n').slice(1).join('\n').trimEnd()}`,
      ],
      ['amended: every amount changed', csv(rows.map((r) => ({ ...r, amount: r.currency === 'USD' ? '1.00' : (r.amount ?? '') })))],
    ];
    for (const [name, text] of cases) {
      const r = await both(text);
      expect(r.stagedInDatabase, name).toBe(true);
      expect(r.status, name).toBe('committed');
      expect(r.rowsRead, name).toBe(rows.length);
    }
    const again = await both(cases[5]?.[1] as string);
    expect(again.stagedInDatabase).toBe(true);
    expect(again.unchanged).toBe(rows.length);
    // A mapping's default currency and a column default: filled in where the file leaves them empty.
    const defaults = 'source:\n  default_currency: EUR\ncolumns:\n  contract_months:\n    column: contract_months\n    default: 6\n';
    const euro = rows.filter((r) => r.currency === 'USD').map((r, i) => ({ ...r, currency: i % 2 ? 'EUR' : '' }));
    const withDefaults = await both(csv(euro), 'atomic', defaults);
    expect(withDefaults.stagedInDatabase).toBe(true);
    const noCurrencyColumn = await both(csv(euro, { header: HEADER.filter((h) => h !== 'currency') }), 'atomic', defaults);
    expect(noCurrencyColumn.stagedInDatabase).toBe(true);
  });

  it('hands every file it cannot vouch for to the row-by-row validation, which reports or accepts it as before', async () => {
    const awkward: [string, Partial<Row>][] = [
      ['plus sign', { amount: '+5.00' }],
      ['thousands separator', { amount: '1,234.50' }],
      ['leading zeros', { amount: '007.50', quantity: '007' }],
      ['a zero past the currency’s decimals', { amount: '5.000' }],
      ['too many decimals', { amount: '5.001' }],
      ['minus zero quantity', { quantity: '-0' }],
      ['exponent', { quantity: '1e3' }],
      ['leading space', { amount: ' 5.00', customer_id: ' C1' }],
      ['trailing no-break space', { id: 'OL7\u00a0' }],
      ['BOM inside a value', { rep_id: '\ufeffR1' }],
      ['short date', { booked_at: '2024-2-3' }],
      ['impossible date', { booked_at: '2024-02-30' }],
      ['year out of range', { booked_at: '1969-12-31' }],
      ['day-first date', { booked_at: '03/02/2024' }],
      ['formula', { id: '=cmd|calc' }],
      ['leading minus in an id', { order_id: '-O1' }],
      ['at sign', { order_id: '@O1' }],
      ['accented enum', { status: 'Actívo' }],
      ['lower-case currency', { currency: 'usd' }],
      ['unknown currency', { currency: 'US$' }],
      ['yes/no word', { crm_cross_sell_flag: 'maybe' }],
      ['cancelled before booked', { status: 'cancelled', booked_at: '2024-05-01', cancelled_at: '2024-04-30' }],
      ['empty required', { customer_id: '' }],
      ['unknown customer', { customer_id: 'C404' }],
      ['duplicate id', { id: 'OL1' }],
      ['contract months out of range', { contract_months: '241' }],
      ['a control character', { order_id: 'O\u0007' }],
      ['a tab inside a value', { order_id: 'O\t1' }],
      ['a very long id', { id: `OL${'x'.repeat(250)}` }],
    ];
    for (const [name, over] of awkward) {
      const rows = [row(1), row(2), row(3, over)];
      for (const mode of ['atomic', 'quarantine'] as const) {
        const r = await both(csv(rows), mode);
        expect(r.status, name).toBeDefined();
      }
    }
    // Layouts the SQL never reads: quotes, a lone carriage return, a ragged row, invalid UTF-8, a NUL byte.
    const text = csv([row(1), row(2), row(3)]);
    const layouts: [string, string | Buffer][] = [
      ['quoted field', text.replace('OL2', '"OL2"')],
      ['quoted delimiter', text.replace('OL2', '"OL,2"')],
      ['lone carriage return', text.replace('OL2', 'OL\r2')],
      ['ragged row', text.replace(',USD,', ',USD,,')],
      ['invalid UTF-8', Buffer.concat([Buffer.from(text.slice(0, 120)), Buffer.from([0xff, 0xfe]), Buffer.from(text.slice(120))])],
      ['NUL byte', text.replace('O1', 'O\u00001')],
    ];
    // A quote far into the file: the scan finds it, and the file is staged row by row.
    const long = Array.from({ length: 1500 }, (_, i) => row(100 + i));
    layouts.push(['a quote after 64 KB', csv(long).replace('OL1550,', '"OL1550",')]);
    for (const [name, t] of layouts) {
      const r = await both(t, 'quarantine');
      expect(r.stagedInDatabase, name).toBe(false);
    }
  });

  it('agrees with the row-by-row validation on random mixes of clean and awkward values', async () => {
    const pools: Partial<Record<keyof Row, string[]>> = {
      id: ['OL1', 'OL2', 'OL3', 'OL 4', 'OLé', ' OL5', '-OL6', 'OL7'],
      customer_id: ['C0', 'C1', 'Cé', 'C9', ''],
      booked_at: ['2024-01-31', '2024-02-29', '2023-02-29', '2024-1-5', '2100-12-31', '1970-01-01', '31/01/2024'],
      quantity: ['1', '-1', '0', '007', '1000000', '1000001', 'x'],
      amount: ['1.00', '1.5', '1', '-2.25', '1.001', '1.000', '1,000.00', '', '999999999999.99'],
      margin: ['', '0', '0.10', 'abc'],
      currency: ['USD', 'usd', 'JPY', 'KWD', 'XXX', 'EUR'],
      crm_cross_sell_flag: ['', 'true', 'False', 'Y', '0', 'nope'],
      status: ['active', 'ACTIVE', 'cancelled', 'returned', 'gone'],
      cancelled_at: ['', '2024-03-01', '2023-01-01'],
      contract_months: ['', '0', '12', '240', '-1'],
    };
    const rowArb = fc.record(
      Object.fromEntries(Object.entries(pools).map(([k, values]) => [k, fc.constantFrom(...(values as string[]))])) as Record<
        string,
        fc.Arbitrary<string>
      >,
    );
    let sqlStaged = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 6 }), fc.constantFrom('atomic', 'quarantine'), async (overs, mode) => {
        const rows = overs.map((o, i) => row(10 + i, o as Partial<Row>));
        const r = await both(csv(rows), mode as 'atomic' | 'quarantine');
        if (r.stagedInDatabase) sqlStaged++;
      }),
      { numRuns: 40, seed: 20261123 },
    );
    // The mix must exercise both paths.
    expect(sqlStaged).toBeGreaterThan(0);
  });
});
