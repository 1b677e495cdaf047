/**
 * The `cairn` command as npm links it (node_modules/.bin/cairn → packages/cli/bin/cairn.js),
 * which is what `npx cairn …` runs: it must start from any directory, print usage, run a
 * verb, and fail with a message and a non-zero exit for a verb it does not know. It runs the
 * CLI in a Node with the 64 MB young generation `npm run cairn` gives it, and a signal sent to
 * the command stops the CLI.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it('runs the CLI in a Node started with the 64 MB young generation', async () => {
    // A module every Node process of the command loads first (NODE_OPTIONS is inherited) notes its flags.
    const probe = join(elsewhere, 'probe.cjs');
    const seen = join(elsewhere, 'exec-argv.txt');
    writeFileSync(probe, `require('node:fs').appendFileSync(${JSON.stringify(seen)}, JSON.stringify(process.execArgv) + '\\n');`);
    const { stdout } = await run(BIN, ['--help'], { cwd: elsewhere, env: { ...process.env, NODE_OPTIONS: `--require ${probe}` } });
    expect(stdout).toContain('Usage: cairn');
    const processes = readFileSync(seen, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as string[]);
    // the command as started, then the CLI in a Node with the flag (and tsx's loader thread, which loads it too)
    expect(processes[0]).not.toContain('--max-semi-space-size=64');
    expect(processes.slice(1).length).toBeGreaterThan(0);
    for (const p of processes.slice(1)) expect(p).toContain('--max-semi-space-size=64');
  });

  it('stops the CLI when the command gets SIGTERM, and ends as the CLI does', async () => {
    const db = join(elsewhere, 'serve.duckdb');
    const cmd = spawn(BIN, ['serve', '--db', db, '--port', '0'], { cwd: elsewhere, env: { ...process.env, CAIRN_LOG_LEVEL: 'silent' } });
    let out = '';
    cmd.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const ended = new Promise<{ code: number | null; signal: string | null }>((done) =>
      cmd.on('exit', (code, signal) => done({ code, signal })),
    );
    for (let waited = 0; !out.includes('Cairn is running') && waited < 60_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('Cairn is running');
    cmd.kill('SIGTERM');
    // the CLI closes its store and exits 0 on SIGTERM; the command passes that on
    expect(await ended).toEqual({ code: 0, signal: null });
  }, 90_000);
});
