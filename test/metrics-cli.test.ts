/**
 * The CLI end to end on fixtures/company-kpi (DuckDB): the fixture is imported
 * in process, then `cairn compute` and `cairn kpi explain` run as a user runs
 * them, in a child process, and print the numbers worked out by hand in
 * test/metrics-golden.test.ts. Two spawns only: each pays Node and tsx start-up.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '../test-support/test-stores';
import { importFixture } from './metrics-support';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

async function cairn(db: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', '--db', db, ...args], {
    cwd: ROOT,
    env: { ...process.env, CAIRN_LOG_LEVEL: 'silent' },
  });
  return stdout;
}

describe('cairn compute, kpi explain, scorecard show and strategy-map on company-kpi (duckdb, spawned CLI)', () => {
  let t: TestStore;
  let db: string;
  beforeAll(async () => {
    t = await createTestStore('duckdb');
    await importFixture(t.store);
    db = t.location;
    // The CLI opens the file itself: a DuckDB file is open in one process only.
    await t.store.close();
  });
  afterAll(async () => t?.dispose().catch(() => undefined));

  it('computes every KPI for 2024 and then explains a team win rate from the stored facts', async () => {
    const computed = await cairn(db, 'compute', '--from', '2024-01-01', '--to', '2025-01-01');
    // "computed 30 KPIs from 2024-01-01 to 2025-01-01: 1,234 values from 14 fact scans in 0.4 s"
    const m = /^computed (\d+) KPIs from 2024-01-01 to 2025-01-01: ([\d,]+) values from (\d+) fact scans in [\d.]+ s$/m.exec(computed);
    expect(m, computed).not.toBeNull();
    expect(Number(m?.[1])).toBeGreaterThan(20);
    expect(Number(m?.[2]?.replace(/,/g, ''))).toBeGreaterThan(500);

    const explained = await cairn(db, 'kpi', 'explain', 'win_rate', '--node', 'T1', '--period', 'FY2024-Q1');
    // T1 in Q1: RA won O1 of O1–O4, RB won O5 → 2 won of 5 closed = 0.4 (not the 0.625 mean of 0.25 and 1)
    expect(explained).toContain('Win rate (win_rate v1, active) for team T1, FY2024-Q1');
    // The stored value, then how it reads.
    expect(explained).toMatch(/^ {2}value {8}0\.4 {3}\(40\.0%\)$/m);
    expect(explained).toMatch(/^ {2}numerator {4}2\.000000$/m);
    expect(explained).toMatch(/^ {2}denominator {2}5\.000000$/m);
    expect(explained).toContain('2 rows; contributions add up to 2');
    expect(explained).toContain('5 rows; contributions add up to 5');
    expect(explained).toContain('GROUPING SETS');

    // Money is stored in minor units of the reporting currency: T1's Q1 bookings are RA's L1 1,000,000
    // and RB's L2 2,000,000 + L3 300,000 cents = 3,300,000 cents, read as $33,000.00.
    const money = await cairn(db, 'kpi', 'explain', 'bookings', '--node', 'T1', '--period', 'FY2024-Q1');
    expect(money).toMatch(/^ {2}value {8}3300000 {3}\(\$33,000\.00\)$/m);
  });

  it('scored the scorecards in the same compute: shows a team’s tree and writes its strategy map', async () => {
    const shown = await cairn(db, 'scorecard', 'show', '--node', 'T1', '--period', 'FY2024-Q1', '--provenance');
    expect(shown).toContain('Team One (team T1), FY2024-Q1 — template team v1');
    // T1's win rate: 2 won of 5 closed.
    expect(shown).toMatch(/Win rate +actual +40\.0%/);
    expect(shown).toMatch(/^children \(\d+\), lowest score first:$/m);
    expect(shown).toContain('Ada Reyes');
    const svg = join(dirname(db), 'map.svg');
    const mapped = await cairn(db, 'strategy-map', '--node', 'ENT', '--period', 'FY2024', '--svg', svg);
    expect(mapped).toContain('links (cause → effect), checked across teams by quarter:');
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[^>]+role="img"/);
  });
});
