/**
 * npm run bench:compute — a full `cairn compute` (every KPI × node × fiscal
 * month, quarter and year) on the large demo company, against a floor measured
 * in the same run: one hand-written DuckDB query that reads the fact columns
 * the compute reads, once, grouped by rep and month. Reports the median wall
 * time of --runs computes, peak RSS, and the ratio to the floor; then the same
 * compute on PostgreSQL and on DuckDB over a smaller demo (--pg-size), as a
 * ratio PostgreSQL / DuckDB on the same data.
 *
 * The demo is built once into .bench/compute/demo-<size>.duckdb and reused
 * (the large one takes minutes). Each compute and the floor run in their own
 * child process, so each peak RSS is its own.
 * Usage: npm run bench:compute [-- --size large] [--runs 3] [--pg-size small] [--no-pg] [--memory 2GB]
 */
import { NODE_ARGS } from './node-args';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { computeKpis, loadConfig, openCairn, readKpiCatalog, refreshCustomerTables } from '../packages/server/src/index';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: 'large' },
    runs: { type: 'string', default: '3' },
    'pg-size': { type: 'string', default: 'small' },
    'no-pg': { type: 'boolean', default: false },
    memory: { type: 'string', default: '2GB' },
    child: { type: 'string' },
    db: { type: 'string' },
  },
});
const DIR = resolve('.bench/compute');
const PG_ADMIN = process.env.CAIRN_BENCH_PG_URL ?? 'postgres://root@localhost/postgres?host=/var/run/postgresql';
const PG_DB = 'cairn_bench_compute';

const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function cli(db: string, verb: string[]): void {
  execFileSync(process.execPath, [...NODE_ARGS, 'packages/cli/src/main.ts', '--db', db, ...verb], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CAIRN_DUCKDB_MEMORY_LIMIT: String(args.memory) },
  });
}

/** The demo of a size as a DuckDB file, built once (into a side file, so a broken build is never reused). */
function demoFile(size: string): string {
  const path = join(DIR, `demo-${size}.duckdb`);
  if (existsSync(path)) return path;
  mkdirSync(DIR, { recursive: true });
  const building = join(DIR, `demo-${size}.building.duckdb`);
  for (const p of [building, `${building}.wal`]) rmSync(p, { force: true });
  process.stdout.write(`building the ${size} demo into ${building} (once; reused afterwards)\n`);
  const t0 = performance.now();
  cli(building, ['demo', '--size', size]);
  renameSync(building, path);
  process.stdout.write(`  built in ${s(performance.now() - t0)}\n`);
  return path;
}

/**
 * Child: brings a reused store up to date before anything is timed (its migrations, and a derived table
 * a store built by an older version lacks), so the first timed compute does not pay for an upgrade.
 */
async function prepareChild(db: string): Promise<void> {
  const cairn = await openCairn(loadConfig({ ...process.env, CAIRN_DB: db, CAIRN_DUCKDB_MEMORY_LIMIT: String(args.memory) }));
  try {
    const t0 = performance.now();
    const r = await refreshCustomerTables(cairn.store);
    if (r) process.stdout.write(`  store brought up to date first (${JSON.stringify(r)}): ${s(performance.now() - t0)}\n`);
  } finally {
    await cairn.close();
  }
}

/** Child: one full compute, as `cairn compute` runs it. */
async function computeChild(db: string): Promise<void> {
  const cairn = await openCairn(loadConfig({ ...process.env, CAIRN_DB: db, CAIRN_DUCKDB_MEMORY_LIMIT: String(args.memory) }));
  try {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await computeKpis(cairn.store, cairn.settings, readKpiCatalog(), {
      actor: 'bench',
      onStep: (st) => process.stderr.write(`    [${st.done}/${st.total}] ${st.name}: ${s(st.ms)}\n`),
    });
    const ms = performance.now() - t0;
    const cpuMs = cpuSince(c0);
    process.stdout.write(
      `${JSON.stringify({ ms, cpuMs, values: r.values, kpis: r.kpis, scans: r.scans, from: r.from, to: r.to, maxRssMb: mb() })}\n`,
    );
  } finally {
    await cairn.close();
  }
}

/**
 * Child: the floor. Reads the columns the KPI scans read from the large facts (order lines,
 * opportunities, activities, support cases, complaints, the stored customer_month snapshot and
 * recognised revenue), once
 * each, grouped by rep and month —
 * sums and counts only: no org attribution, no windows, no distinct counts, no grouping sets.
 */
async function floorChild(db: string): Promise<void> {
  const cairn = await openCairn(loadConfig({ ...process.env, CAIRN_DB: db, CAIRN_DUCKDB_MEMORY_LIMIT: String(args.memory) }));
  try {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await cairn.store.session(async (x) => {
      await x.exec('DROP TABLE IF EXISTS bench_floor');
      await x.exec(`CREATE TEMPORARY TABLE bench_floor AS
        SELECT 'order_line' AS fact, rep_id, date_trunc('month', booked_at) AS month, SUM(amount_rc_minor) AS a, SUM(margin_rc_minor) AS b,
          COUNT(CASE WHEN status = 'active' AND is_new_logo THEN 1 END) AS c, COUNT(CASE WHEN is_cross_sell THEN 1 END) AS d,
          COUNT(customer_id) AS e, COUNT(product_line) AS g
        FROM order_line GROUP BY ALL
        UNION ALL
        SELECT 'opportunity', owner_rep_id, date_trunc('month', closed_at), SUM(amount_rc_minor), SUM(date_diff('day', created_at, closed_at)),
          COUNT(CASE WHEN is_won THEN 1 END), COUNT(CASE WHEN is_closed THEN 1 END), COUNT(stage), COUNT(close_date)
        FROM opportunity GROUP BY ALL
        UNION ALL
        SELECT 'activity', rep_id, date_trunc('month', "at"), COUNT(*), NULL, NULL, NULL, NULL, NULL FROM activity GROUP BY ALL
        UNION ALL
        SELECT 'support_case', c.owner_rep_id, date_trunc('month', s.opened_at), COUNT(*), NULL, NULL, NULL, NULL, NULL
        FROM support_case s JOIN customer c ON c.id = s.customer_id GROUP BY ALL
        UNION ALL
        SELECT 'complaint', c.owner_rep_id, date_trunc('month', s.opened_at), COUNT(*), NULL, NULL, NULL, NULL, NULL
        FROM complaint s JOIN customer c ON c.id = s.customer_id GROUP BY ALL
        UNION ALL
        SELECT 'customer_month', owner_rep_id, date_trunc('month', as_of), SUM(net_t12_minor), SUM(margin_t12_minor),
          COUNT(CASE WHEN is_active THEN 1 END), COUNT(CASE WHEN was_active THEN 1 END), SUM(retained_t12_minor), SUM(lines_t12)
        FROM customer_month GROUP BY ALL
        UNION ALL
        SELECT 'recognised_revenue', rep_id, date_trunc('month', period_start), SUM(amount_rc_minor), COUNT(*), NULL, NULL, NULL, NULL
        FROM recognised_revenue GROUP BY ALL`);
      await x.exec('DROP TABLE bench_floor');
    });
    const ms = performance.now() - t0;
    process.stdout.write(`${JSON.stringify({ ms, cpuMs: cpuSince(c0), maxRssMb: mb() })}\n`);
  } finally {
    await cairn.close();
  }
}

/** CPU time (user + system, all threads) of this process since `from`, in ms. */
function cpuSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

/**
 * The share of the machine's CPU time the hypervisor gave to other guests (`steal` in /proc/stat)
 * between two readings: how noisy a shared machine was while it measured. Null off Linux.
 */
function stealReading(): { steal: number; total: number } | null {
  if (!existsSync('/proc/stat')) return null;
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  return { steal: cpu[7] ?? 0, total: cpu.reduce((a, b) => a + b, 0) };
}

function stealShare(a: ReturnType<typeof stealReading>, b: ReturnType<typeof stealReading>): string {
  if (!a || !b || b.total === a.total) return 'unknown';
  return `${((100 * (b.steal - a.steal)) / (b.total - a.total)).toFixed(1)} %`;
}

interface ChildResult {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  values?: number;
  kpis?: number;
  scans?: number;
  from?: string;
  to?: string;
}

function runChild(child: string, db: string): ChildResult {
  const out = execFileSync(
    process.execPath,
    [...NODE_ARGS, 'bench/compute-bench.ts', '--memory', String(args.memory), '--child', child, '--db', db],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  );
  return JSON.parse(out.trim().split('\n').pop() as string);
}

function prepare(db: string): void {
  execFileSync(
    process.execPath,
    [...NODE_ARGS, 'bench/compute-bench.ts', '--memory', String(args.memory), '--child', 'prepare', '--db', db],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** A PostgreSQL database holding the --pg-size demo, built once; null when no server answers. */
async function pgDemo(size: string): Promise<string | null> {
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const url = new URL(PG_ADMIN.replace(/^postgres:\/\/([^@/]*@)?\//, (m) => `${m.replace(/\/$/, '')}localhost/`));
  url.pathname = `/${PG_DB}_${size}`;
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [`${PG_DB}_${size}`]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${PG_DB}_${size}`);
      process.stdout.write(`building the ${size} demo in PostgreSQL (${PG_DB}_${size}; once)\n`);
      try {
        cli(url.toString(), ['demo', '--size', size]);
      } catch (e) {
        await admin.query(`DROP DATABASE ${PG_DB}_${size}`);
        throw e;
      }
    }
  } finally {
    await admin.end();
  }
  return url.toString();
}

async function main(): Promise<void> {
  if (args.child === 'compute') return computeChild(String(args.db));
  if (args.child === 'floor') return floorChild(String(args.db));
  if (args.child === 'prepare') return prepareChild(String(args.db));
  const size = String(args.size);
  const runs = Math.max(1, Number(args.runs));
  const db = demoFile(size);
  process.stdout.write(`computing every KPI on the ${size} demo (${db}), ${runs} run(s); DuckDB memory limit ${args.memory}\n`);
  prepare(db);
  const computes: ChildResult[] = [];
  const steal0 = stealReading();
  for (let i = 0; i < runs; i++) {
    computes.push(runChild('compute', db));
    process.stdout.write(`  run ${i + 1}: ${s(computes[i]?.ms ?? 0)}\n`);
  }
  const steal1 = stealReading();
  const floor = runChild('floor', db);
  const wall = median(computes.map((c) => c.ms));
  const cpu = median(computes.map((c) => c.cpuMs));
  const rss = Math.max(...computes.map((c) => c.maxRssMb));
  const first = computes[0] as ChildResult;
  const lines = [
    '',
    `KPI compute, ${size} demo: ${first.kpis} KPIs, ${first.scans} fact scans, ${first.values?.toLocaleString('en')} values, ${first.from} … ${first.to}`,
    `  compute: ${s(wall)} wall (median of ${runs}: ${computes.map((c) => s(c.ms)).join(', ')}), peak RSS ${rss} MB`,
    `           ${s(cpu)} CPU, user + system (median; ${computes.map((c) => s(c.cpuMs)).join(', ')}); host steal during the runs ${stealShare(steal0, steal1)}`,
    `  floor:   one DuckDB query over the same fact columns grouped by rep and month: ${s(floor.ms)} (${s(floor.cpuMs)} CPU), peak RSS ${floor.maxRssMb} MB`,
    `  ratio:   ${(wall / floor.ms).toFixed(1)}× the floor (CPU: ${(cpu / floor.cpuMs).toFixed(1)}×)`,
    `  targets: within 3× the floor (${wall <= 3 * floor.ms ? 'met' : 'missed'}), under 60 s (${wall < 60_000 ? 'met' : 'missed'}), under 4 GB (${rss < 4096 ? 'met' : 'missed'})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  if (args['no-pg']) return;
  const pgSize = String(args['pg-size']);
  const pgUrl = await pgDemo(pgSize);
  if (!pgUrl) {
    process.stdout.write(`\nPostgreSQL: no server at ${PG_ADMIN} (set CAIRN_BENCH_PG_URL); skipped\n`);
    return;
  }
  for (const store of [demoFile(pgSize), pgUrl]) prepare(store);
  const duck = runChild('compute', demoFile(pgSize));
  const post = runChild('compute', pgUrl);
  process.stdout.write(
    [
      '',
      `PostgreSQL vs DuckDB, ${pgSize} demo (one run each): PostgreSQL ${s(post.ms)} (${post.values?.toLocaleString('en')} values), DuckDB ${s(duck.ms)} (${duck.values?.toLocaleString('en')} values)`,
      `  ratio:   PostgreSQL = ${(post.ms / duck.ms).toFixed(1)}× DuckDB`,
      '',
    ].join('\n'),
  );
}

await main();
