/**
 * The shipped Salesforce mapping against a hand-written "Opportunities" report
 * export (fixtures/salesforce/opportunities.csv: BOM, CRLF, every field quoted,
 * commas and quotes inside fields, US dates without leading zeros), on every engine.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseColumnMapping } from '@cairn/core/ingest';
import { DEFAULT_STAGES } from '@cairn/core/model';
import { param, sql } from '@cairn/core/sql';
import { type CompanySettings, importFile, type Store } from '@cairn/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore, testEngines } from '../test-support/test-stores';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'fixtures/salesforce');
const EXPORT = join(FIXTURES, 'opportunities.csv');
const MAPPING = { name: 'salesforce/opportunity', text: readFileSync(join(ROOT, 'mappings/salesforce/opportunity.yaml'), 'utf8') };
const SETTINGS: CompanySettings = { reportingCurrency: 'USD', calendar: { startMonth: 1 }, crossSellWindowMonths: 24 };
const ACTOR = 'salesops@acme-instruments.example';

/**
 * Opportunity ID → what the row becomes:
 * [stage, type, amount_minor, currency, close_date, created_at, forecast_category, is_closed, is_won]
 */
const EXPECTED: Record<string, [string, string, string | null, string, string, string, string, boolean, boolean]> = {
  // "Prospecting"; "Existing Customer - Upgrade" → expansion; "48,000.00" → 4,800,000 cents; 9/30/2025 → 2025-09-30
  '0065g00000Zq01aAAB': ['prospecting', 'expansion', '4800000', 'USD', '2025-09-30', '2025-06-02', 'pipeline', false, false],
  // "Qualification"; "Existing Customer - Renewal" → renewal
  '0065g00000Zq02aAAB': ['qualification', 'renewal', '1250000', 'USD', '2025-10-15', '2025-06-10', 'pipeline', false, false],
  // "Needs Analysis" → discovery; "Existing Customer - Cross-Sell" → cross_sell
  '0065g00000Zq03aAAB': ['discovery', 'cross_sell', '12500000', 'USD', '2025-11-28', '2025-05-14', 'pipeline', false, false],
  // "Value Proposition" → discovery; EUR amount stays in EUR cents; "Best Case" → best_case
  '0065g00000Zq04aAAB': ['discovery', 'cross_sell', '2000000', 'EUR', '2025-08-29', '2025-04-01', 'best_case', false, false],
  // "Id. Decision Makers" → discovery; "New Business" → new_logo
  '0065g00000Zq05aAAB': ['discovery', 'new_logo', '5600000', 'USD', '2025-07-31', '2025-03-03', 'best_case', false, false],
  // "Perception Analysis" → proposal
  '0065g00000Zq06aAAB': ['proposal', 'new_logo', '1800000', 'USD', '2025-07-15', '2025-02-20', 'commit', false, false],
  // "Proposal/Price Quote" → proposal; "1,234,567.89" → 123,456,789 cents
  '0065g00000Zq07aAAB': ['proposal', 'new_logo', '123456789', 'USD', '2025-06-30', '2025-01-06', 'commit', false, false],
  // "Negotiation/Review" → negotiation
  '0065g00000Zq08aAAB': ['negotiation', 'renewal', '600000', 'USD', '2025-06-20', '2025-03-25', 'commit', false, false],
  // "Closed Won" → closed_won: closed and won; "Closed" → closed
  '0065g00000Zq09aAAB': ['closed_won', 'renewal', '600000', 'USD', '2025-01-31', '2024-11-04', 'closed', true, true],
  '0065g00000Zq10aAAB': ['closed_won', 'expansion', '998100', 'EUR', '2024-12-19', '2024-09-02', 'closed', true, true],
  // "Closed Lost" → closed_lost: closed, not won; "Omitted" → omitted
  '0065g00000Zq11aAAB': ['closed_lost', 'cross_sell', '350000', 'USD', '2025-02-14', '2024-12-02', 'omitted', true, false],
  // No amount in the export: none is invented
  '0065g00000Zq12aAAB': ['closed_lost', 'new_logo', null, 'USD', '2025-03-31', '2025-01-15', 'omitted', true, false],
  '0065g00000Zq13aAAB': ['qualification', 'expansion', '3600000', 'USD', '2025-12-31', '2025-06-11', 'pipeline', false, false],
  // 2/3/2025 is 3 February (US order)
  '0065g00000Zq14aAAB': ['closed_won', 'cross_sell', '2400000', 'USD', '2025-02-03', '2024-12-16', 'closed', true, true],
  '0065g00000Zq15aAAB': ['prospecting', 'expansion', null, 'USD', '2025-12-15', '2025-06-12', 'pipeline', false, false],
};

describe('the Salesforce opportunity mapping', () => {
  it('is a valid mapping whose stages all exist in Cairn', () => {
    const parsed = parseColumnMapping(MAPPING.text, MAPPING.name);
    if (!('mapping' in parsed)) throw new Error(JSON.stringify(parsed.diagnostics));
    const stage = parsed.mapping.columns.stage;
    const targets = typeof stage === 'object' ? Object.values(stage.values ?? {}) : [];
    expect(targets).toHaveLength(10);
    const canonical = new Set(DEFAULT_STAGES.map((s) => s.name));
    expect(targets.filter((t) => !canonical.has(String(t)))).toEqual([]);
  });
});

describe.each(testEngines())('a Salesforce opportunities export on %s', (engine) => {
  let t: TestStore;
  let store: Store;

  beforeAll(async () => {
    t = await createTestStore(engine);
    store = t.store;
    for (const entity of ['rep', 'customer'] as const) {
      const r = await importFile(store, SETTINGS, { entity, path: join(FIXTURES, `${entity}.csv`), mode: 'atomic', actor: ACTOR });
      expect(r.status).toBe('committed');
    }
  });
  afterAll(async () => t.dispose());

  const importExport = (path = EXPORT) =>
    importFile(store, SETTINGS, { entity: 'opportunity', path, mapping: MAPPING, mode: 'atomic', actor: ACTOR });

  it('imports every row', async () => {
    const r = await importExport();
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ status: 'committed', rowsRead: 15, inserted: 15, rejectedRows: 0 });
    const [log] = await store.query<{ mapping: string }>(sql`SELECT mapping FROM import_log WHERE id = ${param(r.importId)}`);
    expect(log?.mapping).toBe('salesforce/opportunity');
  });

  it('maps stage, type, amount, currency, dates and forecast category', async () => {
    const rows = await store.query<Record<string, unknown>>(sql`SELECT id, stage, type, amount_minor, currency, close_date, created_at,
        forecast_category, is_closed, is_won FROM opportunity ORDER BY id`);
    expect(
      Object.fromEntries(
        rows.map((r) => [
          r.id,
          [r.stage, r.type, r.amount_minor, r.currency, r.close_date, r.created_at, r.forecast_category, r.is_closed, r.is_won],
        ]),
      ),
    ).toEqual(EXPECTED);
  });

  it('keeps names, owners, accounts, lead source and product family as exported', async () => {
    const rows = await store.query<Record<string, unknown>>(sql`SELECT name, owner_rep_id, customer_id, lead_source, product_line, closed_at
      FROM opportunity WHERE id IN (${param('0065g00000Zq06aAAB')}, ${param('0065g00000Zq10aAAB')}, ${param('0065g00000Zq15aAAB')}) ORDER BY id`);
    expect(rows).toEqual([
      {
        name: 'Delta Foods: "Lab analytics" pilot', // quotes doubled inside a quoted field
        owner_rep_id: '0055g00000Fq7AbAAJ',
        customer_id: '0015g00000Kx1eQAAR',
        lead_source: 'Web',
        product_line: 'Lab',
        closed_at: null, // the report has no "closed on" column
      },
      {
        name: 'Müller Präzision - Sensors, Werk 2', // UTF-8 and a comma inside quotes
        owner_rep_id: '0055g00000Fq7AdAAJ',
        customer_id: '0015g00000Kx1cQAAR',
        lead_source: 'Employee Referral',
        product_line: 'Sensors',
        closed_at: null,
      },
      {
        name: 'Bluewater - Edge controller pilot',
        owner_rep_id: '0055g00000Fq7AcAAJ',
        customer_id: '0015g00000Kx1bQAAR',
        lead_source: 'Other',
        product_line: null, // empty Product Family
        closed_at: null,
      },
    ]);
  });

  it('changes nothing when the same export is imported again', async () => {
    const r = await importExport();
    expect(r).toMatchObject({ status: 'committed', inserted: 0, updated: 0, unchanged: 15 });
  });

  it('refuses a Type the mapping does not know, naming the row and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-sf-'));
    try {
      const path = join(dir, 'opportunities.csv');
      const text = readFileSync(EXPORT, 'utf8');
      // Line 4 (header is line 1) is Zq03; make it a downgrade.
      writeFileSync(
        path,
        text.replace('"Existing Customer - Cross-Sell","Needs Analysis"', '"Existing Customer - Downgrade","Needs Analysis"'),
      );
      const r = await importExport(path);
      expect(r.status).toBe('rejected');
      expect(r.errors).toEqual([
        {
          file: 'opportunities.csv',
          line: 4,
          column: 'Type',
          value: 'Existing Customer - Downgrade',
          reason: expect.stringContaining('map it under columns.type.values'),
        },
      ]);
      const [row] = await store.query<{ type: string }>(sql`SELECT type FROM opportunity WHERE id = ${param('0065g00000Zq03aAAB')}`);
      expect(row?.type).toBe('cross_sell'); // atomic: nothing was written
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
