/**
 * npm run bench:api — the scorecard drill-down endpoints under 32 concurrent
 * clients on loopback (autocannon), on a demo company with every KPI and
 * scorecard computed, and the largest-contentful-paint of the scorecard page
 * in Chromium. The server runs in its own process, as in production; the
 * floor, measured in the same run with the same clients, is GET /api/health
 * (routing, auth hook and JSON, no data). Before the load, every path is
 * read once by one client with the server's read caches empty ("first
 * reads"): what the first visitor of a scorecard after a compute waits; the
 * load then reads what those filled, as a team of leaders drilling does.
 *
 * The demo is prepared once into .bench/api/ (from the compute bench's demo
 * when it exists, then `cairn compute`) and reused.
 * Usage: npm run bench:api [-- --size large] [--seconds 20] [--connections 32] [--memory 2GB]
 */
import { NODE_ARGS } from './node-args';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { chromium } from 'playwright-core';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: 'large' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '32' },
    memory: { type: 'string', default: '2GB' },
    port: { type: 'string', default: '3917' },
  },
});
const DIR = resolve('.bench/api');
const PORT = Number(args.port);
const BASE = `http://127.0.0.1:${PORT}`;
const CHROMIUM = process.env.CAIRN_CHROMIUM ?? '/usr/bin/chromium';
const env = () => ({ ...process.env, CAIRN_DUCKDB_MEMORY_LIMIT: String(args.memory), CAIRN_LOG_LEVEL: 'silent' });
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function cli(db: string, verb: string[]): void {
  execFileSync(process.execPath, [...NODE_ARGS, 'packages/cli/src/main.ts', '--db', db, ...verb], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: env(),
  });
}

function preparedDemo(size: string): string {
  const path = join(DIR, `demo-${size}.duckdb`);
  if (existsSync(path)) return path;
  mkdirSync(DIR, { recursive: true });
  const building = join(DIR, `demo-${size}.building.duckdb`);
  for (const p of [building, `${building}.wal`]) rmSync(p, { force: true });
  const t0 = performance.now();
  const source = resolve(`.bench/compute/demo-${size}.duckdb`);
  if (existsSync(source)) copyFileSync(source, building);
  else cli(building, ['demo', '--size', size]);
  cli(building, ['compute']);
  renameSync(building, path);
  process.stdout.write(`prepared ${path} in ${s(performance.now() - t0)}\n`);
  return path;
}

async function startServer(db: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...NODE_ARGS, 'packages/cli/src/main.ts', '--db', db, 'start', '--port', String(PORT)], {
    env: env(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  for (let i = 0; i < 600; i++) {
    if (out.includes('Cairn is running')) return child;
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error(`the server did not start:\n${out}`);
}

async function signIn(): Promise<string> {
  const r = await fetch(`${BASE}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'executive@summit.example', password: 'demo-executive-cairn' }),
  });
  if (!r.ok) throw new Error(`sign-in failed: ${r.status} ${await r.text()}`);
  const cookie = r.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

/** The drill-down a leader walks: enterprise → division → region → team → rep scorecards, and a KPI's values. */
async function drillDownPaths(cookie: string, period: string): Promise<string[]> {
  const nodes = (await (await fetch(`${BASE}/api/v1/nodes?limit=200`, { headers: { cookie } })).json()) as {
    items: { kind: string; id: string }[];
  };
  const paths: string[] = [];
  for (const n of nodes.items) {
    const node = encodeURIComponent(`${n.kind}:${n.id}`);
    paths.push(`/api/v1/scorecards/${node}?period=${period}`);
    if (n.kind !== 'rep') paths.push(`/api/v1/kpis/net_bookings/values?node=${node}&grain=quarter`);
  }
  return paths;
}

interface Latencies {
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  rps: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function load(cookie: string, paths: string[]): Promise<Latencies> {
  const times: number[] = [];
  let i = 0;
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon(
      {
        url: BASE,
        connections: Number(args.connections),
        duration: Number(args.seconds),
        headers: { cookie },
        requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] as string }) }],
      },
      (err, r) => (err ? fail(err) : done(r)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    requests: times.length,
    errors: result.errors + result.non2xx,
    rps: result.requests.average,
  };
}

/** Largest-contentful-paint of the scorecard page, signed in, in a fresh browser context. */
async function lcp(scorecardPath: string, runs = 3): Promise<number[]> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const out: number[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      await page.goto(`${BASE}/sign-in`);
      await page.getByLabel('Email').fill('executive@summit.example');
      await page.getByLabel('Password').fill('demo-executive-cairn');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await page.goto(`${BASE}${scorecardPath}`, { waitUntil: 'load' });
      try {
        await page.getByRole('region', { name: 'KPIs', exact: true }).first().waitFor({ timeout: 60_000 });
      } catch (e) {
        mkdirSync('test-output', { recursive: true });
        await page.screenshot({ path: 'test-output/bench-api-lcp-failure.png', fullPage: true });
        throw e;
      }
      const value = await page.evaluate(
        () =>
          new Promise<number>((done) => {
            new PerformanceObserver((list) => {
              const entries = list.getEntries();
              done(entries[entries.length - 1]?.startTime ?? Number.NaN);
            }).observe({ type: 'largest-contentful-paint', buffered: true });
          }),
      );
      out.push(value);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const db = preparedDemo(String(args.size));
execFileSync('npm', ['run', 'build:web'], { stdio: ['ignore', 'ignore', 'inherit'] });
const server = await startServer(db);
try {
  const cookie = await signIn();
  const period = 'FY2025-Q3';
  const paths = await drillDownPaths(cookie, period);
  // First reads: every path once, one at a time, each built from the store (the server's read caches
  // are empty for it); the drill-down below then reads what these filled, as repeat visitors do.
  const first: number[] = [];
  for (const p of paths) {
    const t0 = performance.now();
    const r = await fetch(`${BASE}${p}`, { headers: { cookie } });
    await r.arrayBuffer();
    first.push(performance.now() - t0);
  }
  first.sort((a, b) => a - b);
  const floor = await load(cookie, ['/api/health']);
  const drill = await load(cookie, paths);
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  process.stdout.write(
    [
      `api, ${args.size} demo, ${args.connections} connections × ${args.seconds} s on loopback, ${paths.length} drill-down paths (scorecards of every node kind, KPI values):`,
      `  first reads (one client, empty caches): p50 ${ms(percentile(first, 50))}, p95 ${ms(percentile(first, 95))}, max ${ms(first[first.length - 1] ?? Number.NaN)}`,
      `  drill-down: p50 ${ms(drill.p50)}, p95 ${ms(drill.p95)} (target ≤ 150 ms), p99 ${ms(drill.p99)}; ${drill.rps.toFixed(0)} req/s, ${drill.requests} requests, ${drill.errors} errors`,
      `  floor (GET /api/health): p50 ${ms(floor.p50)}, p95 ${ms(floor.p95)}, p99 ${ms(floor.p99)}; ${floor.rps.toFixed(0)} req/s`,
      `  ratio: p95 ${(drill.p95 / floor.p95).toFixed(1)}× the floor's`,
      '',
    ].join('\n'),
  );
  // The page of a team (the first in the node list), as a manager opens it.
  const team = paths.find((p) => p.startsWith('/api/v1/scorecards/team'));
  const page = team
    ? team.replace('/api/v1/scorecards/', '/scorecards/')
    : `/scorecards/${encodeURIComponent('team:team-pl-emea-1')}?period=${period}`;
  const paints = await lcp(page);
  process.stdout.write(
    `  scorecard page (${decodeURIComponent(page)}) largest-contentful-paint: median ${ms(median(paints))} of ${paints.map(ms).join(', ')} (target ≤ 2,500 ms)\n`,
  );
} finally {
  server.kill('SIGTERM');
}
