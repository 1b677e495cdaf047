/**
 * An upload is refused as soon as it passes its byte or row limit, while it
 * streams: the rest of the body is never read, nothing is written, and the
 * error names the file, the limit and what to do. Within the limits, the
 * same upload imports.
 */
import { Readable } from 'node:stream';
import { sql } from '@cairn/core/sql';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore, testEngines } from '../../../../test-support/test-stores';
import { readCompanySettings } from '../db/company-settings';
import { importUpload, UPLOAD_LIMITS } from './import-upload';

const HEADER = 'id,name,kind,parent_id\nent,Enterprise,enterprise,\n';
const team = (i: number) => `T${i},Team ${i},team,ent\n`;

/** A body of `chunks`, counting how many of them were read. */
function body(chunks: string[]): { stream: Readable; read: () => number } {
  let read = 0;
  const stream = Readable.from(
    (function* () {
      for (const c of chunks) {
        read += 1;
        yield Buffer.from(c);
      }
    })(),
  );
  return { stream, read: () => read };
}

describe.each(testEngines())('upload limits (%s)', (engine) => {
  let t: TestStore;
  const stores: TestStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.dispose();
  });

  const upload = async (chunks: string[], limits: { maxBytes: number; maxRows: number }) => {
    t = await createTestStore(engine);
    stores.push(t);
    const settings = await readCompanySettings(t.store);
    const b = body(chunks);
    const result = importUpload(
      t.store,
      settings,
      { entity: 'org_unit', body: b.stream, fileName: 'org.csv', mode: 'atomic', actor: 'test' },
      limits,
    ).then(
      (r) => ({ ok: r, error: null }),
      (e: Error) => ({ ok: null, error: e }),
    );
    const [n] = await result.then(() => t.store.query<{ n: string }>(sql`SELECT COUNT(*) AS n FROM org_unit`));
    return { ...(await result), rows: Number(n?.n), chunksRead: b.read() };
  };

  it('refuses a body past the row limit while it streams, and writes nothing', async () => {
    const chunks = [HEADER, ...Array.from({ length: 50 }, (_, i) => team(i))];
    const r = await upload(chunks, { maxBytes: 1_000_000, maxRows: 10 });
    expect(r.error?.message).toBe('org.csv: the upload has more than 10 rows; split the file, or import it with `cairn import`');
    expect(r.chunksRead).toBeLessThan(chunks.length);
    expect(r.rows).toBe(0);
  });

  it('refuses a body past the byte limit while it streams, and writes nothing', async () => {
    const chunks = [HEADER, ...Array.from({ length: 50 }, (_, i) => team(i))];
    const r = await upload(chunks, { maxBytes: 200, maxRows: 1_000 });
    expect(r.error?.message).toBe('org.csv: the upload is larger than 200 bytes; split the file, or import it with `cairn import`');
    expect(r.chunksRead).toBeLessThan(chunks.length);
    expect(r.rows).toBe(0);
  });

  it('takes a file of exactly the row limit, its header not counted, with or without a last line break', async () => {
    const exact = await upload([HEADER, team(1), team(2).trimEnd()], { maxBytes: 1_000_000, maxRows: 3 });
    expect(exact.error).toBeNull();
    expect(exact.ok?.inserted).toBe(3);
    const over = await upload([HEADER, team(1), team(2), team(3).trimEnd()], { maxBytes: 1_000_000, maxRows: 3 });
    expect(over.error?.message).toContain('more than 3 rows');
  });

  it('documents generous defaults', () => {
    expect(UPLOAD_LIMITS).toEqual({ maxBytes: 200 * 1024 * 1024, maxRows: 2_000_000 });
  });
});
