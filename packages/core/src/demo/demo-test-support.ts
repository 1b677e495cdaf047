/**
 * Helpers for the demo generator's tests: walking a generated company once
 * and hashing rows. Test-only; nothing in the generator imports it.
 */
import type { DemoCompany, DemoOptions, DemoRow } from './index';
import { demoCompany } from './index';

export function options(size: DemoOptions['size'], seed = 7, startMonth = 1): DemoOptions {
  return { size, seed, calendar: { startMonth }, reportingCurrency: 'USD', crossSellWindowMonths: 24 };
}

/** Walks every pass once, handing each row to `visit` with its table and that table's column index. */
export function walk(
  company: DemoCompany,
  visit: (table: string, row: DemoRow, column: (name: string) => number) => void,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const pass of company.passes) {
    const indexes = pass.tables.map((t) => new Map(t.columns.map((c, i) => [c, i])));
    for (const batch of pass.batches()) {
      const table = pass.tables[batch.table];
      const index = indexes[batch.table];
      if (!table || !index) throw new Error(`unknown table ${batch.table}`);
      const column = (name: string) => {
        const i = index.get(name);
        if (i === undefined) throw new Error(`${table.name} has no column ${name}`);
        return i;
      };
      for (const row of batch.rows) visit(table.name, row, column);
      counts.set(table.name, (counts.get(table.name) ?? 0) + batch.rows.length);
    }
  }
  return counts;
}

/** FNV-1a over every value of every row, table by table. */
export function hashRows(rows: Iterable<DemoRow[]>, h0 = 0x811c9dc5): number {
  let h = h0;
  for (const batch of rows) {
    for (const row of batch) {
      for (const v of row) {
        const s = v === null ? '\u0000' : v;
        for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
        h = Math.imul(h ^ 0x1f, 0x01000193);
      }
    }
  }
  return h >>> 0;
}

export function hashCompany(opts: DemoOptions): number {
  let h = 0x811c9dc5;
  for (const t of demoCompany(opts).tables) h = hashRows(t.batches(), h);
  return h;
}
