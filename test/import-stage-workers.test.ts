/**
 * A large CSV is parsed and validated by worker threads (stage-in-workers.ts).
 * The workers must stage exactly what the main thread would: the same rows
 * written, the same rejects, and every error with the same line, column,
 * value and reason, including after a quoted field that spans two lines (the
 * line numbers of later pieces come from the pieces before them). The file
 * here is cut into several pieces, some with quotes (parsed by Papa Parse)
 * and some without (split natively).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ImportReport, importFile, readCompanySettings } from '@cairn/server';
import { param, sql } from '@cairn/core/sql';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore, testEngines } from '../test-support/test-stores';
import { importTexts } from './support/import-texts';
import { tableLines } from './support/table-snapshot';

const DIR = mkdtempSync(join(tmpdir(), 'cairn-stage-workers-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

const COMPANY: Record<string, string> = {
  org_unit: 'id,name,kind,parent_id\nE,Enterprise,enterprise,\nT1,Team 1,team,E\n',
  rep: `id,name,role\n${Array.from({ length: 10 }, (_, i) => `R${i},Rep ${i},AE`).join('\n')}\n`,
  customer: `id,name,segment\n${Array.from({ length: 100 }, (_, i) => `C${i},Customer ${i} Ltd,smb`).join('\n')}\n`,
  product: `id,name,product_line,list_price,currency\n${Array.from({ length: 6 }, (_, i) => `P${i},Product ${i},Line ${i % 3},100.00,USD`).join('\n')}\n`,
};

/**
 * About 1.2 MB: five 256 KB pieces. Rows 997·j + 1 … 4 are malformed in four ways, row 997·j + 5 has an
 * order id quoted over two lines, and rows 4,000–4,999 quote their status, so some pieces take the quoted path.
 */
function orderLines(rows: number): string {
  const out = ['id,order_id,customer_id,rep_id,product_id,booked_at,quantity,amount,margin,currency,status'];
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    let booked = `2024-0${1 + (i % 9)}-${day}`;
    let amount = `${100 + (i % 500)}.${String(i % 100).padStart(2, '0')}`;
    let customer = `C${i % 100}`;
    let order = `O${i >> 2}`;
    if (i % 997 === 1) booked = '2024-02-30';
    if (i % 997 === 2) amount = '=HYPERLINK("http://x")';
    if (i % 997 === 3) customer = 'C-unknown';
    if (i % 997 === 4) amount = 'twelve';
    // A quoted order id spanning two lines: it is refused, and every later line number moves by one.
    if (i % 997 === 5) order = '"O\nsplit"';
    const status = i >= 4000 && i < 5000 ? '"active"' : 'active';
    out.push(`OL${i},${order},${customer},R${i % 10},P${i % 6},${booked},${1 + (i % 3)},${amount},10.00,USD,${status}`);
  }
  return `${out.join('\n')}\n`;
}

async function company(engine: Parameters<typeof createTestStore>[0]): Promise<TestStore> {
  const t = await createTestStore(engine);
  await importTexts(t.store, DIR, COMPANY);
  return t;
}

/** What an import reports, without what differs between any two runs (its id and times). */
function outcome(r: ImportReport) {
  const { importId: _id, durationMs: _ms, phases: _phases, ...rest } = r;
  return rest;
}

describe.each(testEngines())('staging in worker threads (%s)', (engine) => {
  const lines = join(DIR, 'order_line.csv');
  writeFileSync(lines, orderLines(15_000));

  it('stages the same rows, rejects and errors as the main thread, in quarantine mode', async () => {
    const [main, workers] = [await company(engine), await company(engine)];
    try {
      const settings = await readCompanySettings(main.store);
      const req = { entity: 'order_line', path: lines, mode: 'quarantine', actor: 'test' } as const;
      const a = await importFile(main.store, settings, { ...req, stageThreads: 0 });
      const b = await importFile(workers.store, settings, { ...req, stageThreads: 2 });
      expect(a.status).toBe('committed');
      // Rows 997·j + 1 … 4 (j = 0 … 15) are refused: 4 × 16; the two-line order ids are text, and kept.
      expect(a.rowsRead).toBe(15_000);
      expect(a.rejectedRows).toBe(64);
      expect(a.inserted).toBe(15_000 - 64);
      expect(outcome(b)).toEqual(outcome(a));
      // Row i starts on line 2 + i + (two-line rows before it, i = 997·j + 5): row 3 on line 5, row 14,959 on 2 + 14,959 + 15.
      expect(a.errors.find((e) => e.value === 'C-unknown')?.line).toBe(5);
      expect(a.errors.at(-1)).toMatchObject({ line: 14_976, column: 'amount', value: 'twelve' });
      const split = await workers.store.query<{ n: unknown }>(
        sql`SELECT COUNT(*) AS n FROM order_line WHERE order_id = ${param('O\nsplit')}`,
      );
      expect(Number(split[0]?.n)).toBe(16);
      const exclude = new Set(['import_id']);
      for (const table of ['order_line', 'import_reject']) {
        expect(await tableLines(workers.store, table, exclude)).toEqual(await tableLines(main.store, table, exclude));
      }
    } finally {
      await main.dispose();
      await workers.dispose();
    }
  });

  it('writes nothing in atomic mode and reports the same errors', async () => {
    const t = await company(engine);
    try {
      const settings = await readCompanySettings(t.store);
      const req = { entity: 'order_line', path: lines, mode: 'atomic', actor: 'test' } as const;
      const a = await importFile(t.store, settings, { ...req, stageThreads: 0 });
      const b = await importFile(t.store, settings, { ...req, stageThreads: 2 });
      expect(a.status).toBe('rejected');
      expect(outcome(b)).toEqual(outcome(a));
      expect(await tableLines(t.store, 'order_line')).toEqual([]);
    } finally {
      await t.dispose();
    }
  });

  it('reports an empty file, a header with no rows and an unusable header as the main thread does', async () => {
    const t = await company(engine);
    try {
      const settings = await readCompanySettings(t.store);
      for (const [name, text] of [
        ['empty.csv', ''],
        ['header-only.csv', 'id,order_id,customer_id,rep_id,product_id,booked_at,quantity,amount,margin,currency,status\n'],
        ['no-id.csv', 'order_id,customer_id\nO1,C1\n'],
      ] as const) {
        const path = join(DIR, name);
        writeFileSync(path, text);
        const req = { entity: 'order_line', path, mode: 'atomic', actor: 'test' } as const;
        const a = await importFile(t.store, settings, { ...req, stageThreads: 0 });
        const b = await importFile(t.store, settings, { ...req, stageThreads: 2 });
        expect(a.status).toBe('rejected');
        expect(a.errors.length).toBeGreaterThan(0);
        expect(outcome(b)).toEqual(outcome(a));
      }
    } finally {
      await t.dispose();
    }
  });
});
