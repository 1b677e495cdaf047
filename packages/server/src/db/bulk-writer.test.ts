import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@cairn/core/sql';
import { createTestStore, type TestStore, testEngines } from '../../../../test-support/test-stores';
import { CsvBuffer } from './csv-buffer';
import { csvLine } from './csv-line';

// Every kind of text a bulk load carries: the dialect's quote (U+0002) must survive as well as '"'.
const HOSTILE = [
  'plain',
  'with "double" quotes',
  'comma, inside',
  'line\nbreak',
  'crlf\r\nbreak',
  '{"kpis":[["win_rate",0.6,null,"no_data"]]}',
  '=HYPERLINK("http://x","y")',
  'the quote \u0002 itself \u0002\u0002 twice',
  '\u0002',
  '"',
  ' leading and trailing ',
  'Zürich — 東京',
];

describe.each(testEngines())('bulk writer dialect on %s', (engine) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(engine);
    await t.store.query(sql`CREATE TABLE bulk_probe (n INTEGER, s VARCHAR, z VARCHAR)`);
  });
  afterAll(async () => t.dispose());

  it('loads every value exactly, from CsvBuffer and from csvLine, with NULL as an empty field', async () => {
    await t.store.session(async (s) => {
      const w = await s.bulkWriter('bulk_probe', ['n', 's', 'z']);
      const buf = new CsvBuffer(16);
      for (const [i, v] of HOSTILE.entries()) buf.addRow([String(i), v, null]);
      await w.write(buf.take());
      await w.write(HOSTILE.map((v, i) => csvLine([String(100 + i), v, v])).join(''));
      await w.finish();
    });
    const rows = await t.store.query<{ n: number; s: string; z: string | null }>(sql`SELECT n, s, z FROM bulk_probe ORDER BY n`);
    expect(rows.map((r) => [Number(r.n), r.s, r.z])).toEqual([
      ...HOSTILE.map((v, i) => [i, v, null]),
      ...HOSTILE.map((v, i) => [100 + i, v, v]),
    ]);
  });
});
