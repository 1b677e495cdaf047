/**
 * npm run bench:demo — loads the large demo company into a fresh DuckDB file
 * under .bench/demo and reports wall time, rows per second and peak RSS,
 * against a floor measured in the same run: DuckDB inserting the same number
 * of order-line rows with INSERT … SELECT FROM range() into the order_line
 * table of a freshly migrated store (the same table, keyless on DuckDB since
 * migration 13); and a second floor, DuckDB copying every loaded row into a
 * fresh store's tables (the demo's writes without generating, CSV or deriving). The load and each floor run in
 * their own child process, so each peak RSS is its own.
 * Usage: npm run bench:demo [-- --size large] [--seed 1] [--customers N] [--memory 2GB]
 * (--customers scales the company down for a trial; the reported figures use the full size.)
 */
import { NODE_ARGS } from './node-args';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type DemoSize, isDemoSize } from '@cairn/core/demo';
import { CANONICAL_TABLES_V1 } from '@cairn/core/model';
import { checkedIdentifier, joinSql, param, raw, sql } from '@cairn/core/sql';
import { loadConfig, loadDemo, openCairn } from '@cairn/server';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: 'large' },
    seed: { type: 'string', default: '1' },
    customers: { type: 'string' },
    memory: { type: 'string', default: '2GB' },
    child: { type: 'string' },
    rows: { type: 'string' },
    source: { type: 'string' },
  },
});
const DIR = resolve('.bench/demo');
const FLOOR_CHUNK_ROWS = 2_000_000;
/** The tables the demo fills: every canonical table but the stages the migrations seed. */
const DEMO_TABLES = CANONICAL_TABLES_V1.map((t) => t.name).filter((name) => name !== 'stage');
const SIZE: DemoSize = isDemoSize(args.size ?? '') ? (args.size as DemoSize) : 'large';

function fresh(file: string): string {
  mkdirSync(DIR, { recursive: true });
  const path = join(DIR, file);
  for (const p of [path, `${path}.wal`]) rmSync(p, { force: true });
  return path;
}

const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** Child: the demo load itself, as `cairn demo --size large` does it. */
async function loadChild(): Promise<void> {
  const cairn = await openCairn(loadConfig({ CAIRN_DB: fresh(`demo-${SIZE}.duckdb`), CAIRN_DUCKDB_MEMORY_LIMIT: args.memory }));
  const t0 = performance.now();
  const result = await loadDemo(cairn, {
    size: SIZE,
    seed: Number(args.seed),
    ...(args.customers ? { customers: Number(args.customers) } : {}),
    onProgress: (e) => {
      if (e.kind === 'table-done')
        process.stderr.write(`  ${e.table}: ${e.rows.toLocaleString('en')} rows at ${(e.ms / 1000).toFixed(1)} s into its pass\n`);
      if (e.kind === 'derive-done') process.stderr.write(`  derived facts in ${(e.ms / 1000).toFixed(1)} s\n`);
    },
  });
  const ms = performance.now() - t0;
  await cairn.close();
  process.stdout.write(`${JSON.stringify({ ms, result, maxRssMb: mb() })}\n`);
}

/** Child: the floor, DuckDB generating the same number of order-line rows itself into a freshly migrated store. */
async function floorChild(rows: number): Promise<void> {
  const cairn = await openCairn(loadConfig({ CAIRN_DB: fresh('floor.duckdb'), CAIRN_DUCKDB_MEMORY_LIMIT: args.memory }));
  const t0 = performance.now();
  await cairn.store.session(async (s) => {
    // In one transaction and in chunks of the loader's size, as the demo loads order_line: one 20M-row
    // INSERT into a table with a primary key does not fit in a 2 GB DuckDB memory limit.
    await s.transaction(async () => {
      for (let from = 0; from < rows; from += FLOOR_CHUNK_ROWS) {
        await s.exec(`INSERT INTO order_line
          SELECT 'L' || lpad(CAST(i // 20 AS VARCHAR), 7, '0') || '-' || CAST(i % 20 + 1 AS VARCHAR), 'S' || CAST(i // 40 AS VARCHAR),
            'C' || lpad(CAST(i // 20 AS VARCHAR), 7, '0'), 'R' || lpad(CAST(i % 5000 AS VARCHAR), 5, '0'), 'AN-100', NULL,
            DATE '2023-01-01' + CAST(i % 1096 AS INTEGER), 1 + i % 9, 1000 + i % 900000, 300 + i % 300000, 'USD', NULL, i % 17 = 0,
            'active', NULL, NULL, NULL, NULL, NULL, NULL, 'demo'
          FROM range(${from}, ${Math.min(rows, from + FLOOR_CHUNK_ROWS)}) t(i)`);
      }
    });
  });
  const ms = performance.now() - t0;
  await cairn.close();
  process.stdout.write(`${JSON.stringify({ ms, maxRssMb: mb() })}\n`);
}

/**
 * Child: the second floor, DuckDB copying every row of the loaded company into the same tables of a
 * freshly migrated store (keys included): the demo's own writes with no generation, CSV or derive.
 * Chunks of FLOOR_CHUNK_ROWS by rowid, each committed (a 20M-row table with a composite key does not
 * fit in one 2 GB transaction).
 */
async function copyChild(source: string): Promise<void> {
  const cairn = await openCairn(loadConfig({ CAIRN_DB: fresh('copy.duckdb'), CAIRN_DUCKDB_MEMORY_LIMIT: args.memory }));
  const t0 = performance.now();
  await cairn.store.session(async (s) => {
    // ATTACH takes no bound parameter: the path (the bench's own file under .bench) is checked instead.
    if (!/^[\w./-]+$/.test(source)) throw new Error(`unexpected characters in the source path ${source}`);
    await s.exec(`ATTACH '${source}' AS demo_source (READ_ONLY)`);
    const tables = await s.query<{ name: string; n: string }>(
      sql`SELECT table_name AS name, estimated_size AS n FROM duckdb_tables() WHERE database_name = 'demo_source' AND table_name IN (${joinSql(
        DEMO_TABLES.map((t) => param(t)),
      )})`,
    );
    for (const t of tables) {
      const table = checkedIdentifier(t.name);
      for (let from = 0; from < Number(t.n); from += FLOOR_CHUNK_ROWS)
        await s.query(
          sql`INSERT INTO ${raw(table)} SELECT * FROM demo_source.${raw(table)} WHERE rowid >= ${param(from)} AND rowid < ${param(from + FLOOR_CHUNK_ROWS)}`,
        );
    }
  });
  const ms = performance.now() - t0;
  await cairn.close();
  process.stdout.write(`${JSON.stringify({ ms, maxRssMb: mb() })}\n`);
}

function runChild(extra: string[]): { ms: number; maxRssMb: number; result?: Awaited<ReturnType<typeof loadDemo>> } {
  const passthrough = [
    '--size',
    SIZE,
    '--seed',
    String(args.seed),
    '--memory',
    String(args.memory),
    ...(args.customers ? ['--customers', args.customers] : []),
  ];
  const out = execFileSync(process.execPath, [...NODE_ARGS, 'bench/demo-bench.ts', ...passthrough, ...extra], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').pop() as string);
}

async function main(): Promise<void> {
  if (args.child === 'load') return loadChild();
  if (args.child === 'floor') return floorChild(Number(args.rows));
  if (args.child === 'copy') return copyChild(String(args.source));
  process.stdout.write(`loading the ${SIZE} demo company (seed ${args.seed}) into ${DIR}; DuckDB memory limit ${args.memory}\n`);
  const load = runChild(['--child', 'load']);
  const result = load.result;
  if (!result) throw new Error('the load child reported no result');
  const orderLines = result.tables.find((t) => t.table === 'order_line')?.rows ?? 0;
  process.stdout.write(
    `load: ${JSON.stringify({ ms: Math.round(load.ms), deriveMs: result.deriveMs, rows: result.totalRows, maxRssMb: load.maxRssMb })}\n`,
  );
  const floor = runChild(['--child', 'floor', '--rows', String(orderLines)]);
  const copy = runChild(['--child', 'copy', '--source', join(DIR, `demo-${SIZE}.duckdb`)]);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`;
  const lines = [
    '',
    `demo company (${SIZE}, seed ${result.seed}): ${result.totalRows.toLocaleString('en')} rows in ${result.tables.length} tables, ${orderLines.toLocaleString('en')} order lines`,
    `  load:   ${s(load.ms)} wall (${s(load.ms - result.deriveMs)} generate + load, ${s(result.deriveMs)} derive facts) = ${rate(result.totalRows, load.ms)}, peak RSS ${load.maxRssMb} MB`,
    `  floor:  DuckDB INSERT … SELECT FROM range() of ${orderLines.toLocaleString('en')} order-line rows: ${s(floor.ms)} = ${rate(orderLines, floor.ms)}, peak RSS ${floor.maxRssMb} MB`,
    `  ratio:  ${(load.ms / floor.ms).toFixed(1)}× the floor (the whole company, ${(result.totalRows / Math.max(1, orderLines)).toFixed(1)}× the rows)`,
    `  copy:   DuckDB copying the loaded ${result.totalRows.toLocaleString('en')} rows into a fresh store's tables: ${s(copy.ms)} = ${rate(result.totalRows, copy.ms)}, peak RSS ${copy.maxRssMb} MB`,
    `          load = ${(load.ms / copy.ms).toFixed(1)}× the copy; copy + derive facts = ${s(copy.ms + result.deriveMs)} (the least a load can take here: writing the rows, then deriving)`,
    `  targets: under 3 minutes (${load.ms < 180_000 ? 'met' : 'missed'}), under 4 GB (${load.maxRssMb < 4096 ? 'met' : 'missed'})`,
    '',
    ...result.tables.map((t) => `  ${t.table.padEnd(20)} ${t.rows.toLocaleString('en').padStart(12)}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
