/**
 * The `cairn` command as npm links it (node_modules/.bin/cairn → packages/cli/bin/cairn.js),
 * which is what `npx cairn …` runs: it must start from any directory, print usage, run a
 * verb, and fail with a message and a non-zero exit for a verb it does not know.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'node_modules', '.bin', 'cairn');
const run = promisify(execFile);
const elsewhere = mkdtempSync(join(tmpdir(), 'cairn-bin-'));

describe('the cairn command that npm links', () => {
  afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

  it('prints its usage and verbs from another directory', async () => {
    const { stdout } = await run(BIN, ['--help'], { cwd: elsewhere });
    expect(stdout).toContain('Usage: cairn [options] [command]');
    for (const verb of ['import', 'demo', 'compute', 'kpi', 'quality']) expect(stdout).toMatch(new RegExp(`^ {2}${verb}\\b`, 'm'));
  });

  it('runs a verb: compiles a KPI for PostgreSQL with bound parameters', async () => {
    const { stdout } = await run(BIN, ['kpi', 'compile', 'win_rate', '--dialect', 'postgres'], { cwd: elsewhere });
    expect(stdout).toContain('GROUPING SETS');
    expect(stdout).toContain('$1');
  });

  it('refuses a verb it does not know with a message and a non-zero exit', async () => {
    const failed = await run(BIN, ['frobnicate'], { cwd: elsewhere }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).not.toBe(0);
    expect(failed?.stderr).toContain("unknown command 'frobnicate'");
  });
});
