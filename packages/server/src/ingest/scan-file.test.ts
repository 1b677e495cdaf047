import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanFile } from './stage-in-sql';

const dir = mkdtempSync(join(tmpdir(), 'cairn-scan-'));
let n = 0;
async function scan(text: string, chunkBytes?: number) {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, text);
  const r = await scanFile(path, chunkBytes);
  expect(r.sha256).toBe(createHash('sha256').update(text).digest('hex'));
  return r.plainLayout;
}

describe('scanFile', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a plain layout: no quote, CR only before LF', async () => {
    expect(await scan('id,name\nA,x\n')).toBe(true);
    expect(await scan('id,name\r\nA,x\r\n')).toBe(true);
    expect(await scan('id,name\nA,"x"\n')).toBe(false);
    expect(await scan('id,name\nA,x\ry\n')).toBe(false);
    expect(await scan('id,name\nA,x\r')).toBe(false);
  });

  it('reads across chunk ends: a CR LF split between two chunks is plain, a CR then another byte is not', async () => {
    // 'id\r' fills the first 3-byte chunk
    expect(await scan('id\r\nA\r\n', 3)).toBe(true);
    expect(await scan('id\rxA\r\n', 3)).toBe(false);
    expect(await scan('id\r', 3)).toBe(false);
    // a quote in a later chunk
    expect(await scan(`id\n${'A\n'.repeat(100)}"B"\n`, 16)).toBe(false);
  });
});
