/**
 * npm run bench:import — validated order-line rows per second into DuckDB and
 * PostgreSQL, with peak memory, against a floor measured in the same run:
 * DuckDB's own read_csv of the same file into a plain table (no validation).
 * Each engine runs in its own child process so peak RSS is its own.
 * Usage: npm run bench:import [-- --rows 1000000] [--runs 3]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { importFile, loadConfig, openCairn } from '@cairn/server';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    child: { type: 'string' },
    pg: { type: 'string' },
  },
});
const ROWS = Number(args.rows);
const RUNS = Number(args.runs);
const DIR = resolve('.bench/import');

async function writeLines(path: string, header: string, n: number, row: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  let buf = '';
  for (let i = 0; i < n; i++) {
    buf += `${row(i)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((r) => out.end(r));
}

async function makeFiles(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const REPS = 1000;
  const CUSTOMERS = 50_000;
  await writeLines(join(DIR, 'org_unit.csv'), 'id,name,kind,parent_id', 2, (i) =>
    i === 0 ? 'E,Enterprise,enterprise,' : 'T1,Team 1,team,E',
  );
  await writeLines(join(DIR, 'rep.csv'), 'id,name,role', REPS, (i) => `R${i},Rep ${i},AE`);
  await writeLines(
    join(DIR, 'customer.csv'),
    'id,name,segment',
    CUSTOMERS,
    (i) => `C${i},Customer ${i} Ltd,${['enterprise', 'mid_market', 'smb'][i % 3]}`,
  );
  await writeLines(
    join(DIR, 'product.csv'),
    'id,name,product_line,list_price,currency',
    60,
    (i) => `P${i},Product ${i},Line ${i % 6},${100 + i}.00,USD`,
  );
  await writeLines(
    join(DIR, 'order_line.csv'),
    'id,order_id,customer_id,rep_id,product_id,booked_at,quantity,amount,margin,currency,status',
    ROWS,
    (i) => {
      const d = new Date(Date.UTC(2023, 0, 1) + ((i * 7919) % 1095) * 86_400_000).toISOString().slice(0, 10);
      const amount = 50 + ((i * 104_729) % 500_000) / 100;
      return `OL${i},O${i >> 2},C${(i * 31) % CUSTOMERS},R${i % REPS},P${i % 60},${d},${1 + (i % 5)},${amount.toFixed(2)},${(amount * 0.3).toFixed(2)},USD,${i % 97 === 0 ? 'cancelled' : 'active'}`;
    },
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

/** Child: import the company, then time order-line imports into fresh stores. */
async function child(engine: string): Promise<void> {
  const times: number[] = [];
  const phaseRuns: { phase: string; ms: number }[][] = [];
  let rows = 0;
  for (let run = 0; run < RUNS; run++) {
    const location = engine === 'duckdb' ? join(DIR, `run${run}.duckdb`) : (args.pg as string);
    if (engine === 'duckdb') rmSync(location, { force: true });
    else execFileSync('psql', [location, '-qc', 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;'], { stdio: 'ignore' });
    const cairn = await openCairn(loadConfig({ CAIRN_DB: location, CAIRN_DUCKDB_MEMORY_LIMIT: '4GB' }));
    for (const e of ['org_unit', 'rep', 'customer', 'product'] as const) {
      await importFile(cairn.store, cairn.settings, { entity: e, path: join(DIR, `${e}.csv`), mode: 'atomic', actor: 'bench' });
    }
    const t0 = performance.now();
    const r = await importFile(cairn.store, cairn.settings, {
      entity: 'order_line',
      path: join(DIR, 'order_line.csv'),
      mode: 'atomic',
      actor: 'bench',
    });
    times.push(performance.now() - t0);
    phaseRuns.push(r.phases);
    if (r.status !== 'committed' || r.inserted !== ROWS)
      throw new Error(`unexpected import result ${JSON.stringify({ ...r, errors: r.errors.slice(0, 3) })}`);
    rows = r.inserted;
    await cairn.close();
    if (engine === 'duckdb') rmSync(location, { force: true });
  }
  const phases = (phaseRuns[0] ?? []).map((p, i) => ({ phase: p.phase, ms: median(phaseRuns.map((run) => run[i]?.ms ?? 0)) }));
  process.stdout.write(`${JSON.stringify({ engine, rows, times, phases, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
}

async function floor(): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const path = join(DIR, 'floor.duckdb');
    rmSync(path, { force: true });
    const inst = await DuckDBInstance.create(path);
    const con = await inst.connect();
    const t0 = performance.now();
    await con.run(`CREATE TABLE t AS SELECT * FROM read_csv('${join(DIR, 'order_line.csv')}', header = true)`);
    await con.run('CHECKPOINT');
    times.push(performance.now() - t0);
    con.closeSync();
    inst.closeSync();
    rmSync(path, { force: true });
  }
  return times;
}

function pgUrl(): string | null {
  if (process.env.CAIRN_BENCH_PG_URL) return process.env.CAIRN_BENCH_PG_URL;
  if (!existsSync('/var/run/postgresql/.s.PGSQL.5432')) return null;
  spawnSync('su', ['postgres', '-c', 'createdb -O root cairn_bench'], { stdio: 'ignore' });
  return 'postgres://root@localhost/cairn_bench?host=/var/run/postgresql';
}

async function main(): Promise<void> {
  if (args.child) return child(args.child);
  process.stdout.write(`generating ${ROWS.toLocaleString('en')} order lines under ${DIR} …\n`);
  await makeFiles();
  const floorTimes = await floor();
  const results: { engine: string; rows: number; times: number[]; phases: { phase: string; ms: number }[]; maxRssMb: number }[] = [];
  const pg = pgUrl();
  for (const engine of ['duckdb', ...(pg ? ['postgres'] : [])]) {
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/import-bench.ts',
        '--child',
        engine,
        '--rows',
        String(ROWS),
        '--runs',
        String(RUNS),
        ...(pg ? ['--pg', pg] : []),
      ],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      },
    );
    results.push(JSON.parse(out.trim().split('\n').pop() as string));
  }
  const f = median(floorTimes);
  process.stdout.write(
    `\nimport of ${ROWS.toLocaleString('en')} order lines (median of ${RUNS}; validated, staged, checked, upserted, derived facts)\n`,
  );
  process.stdout.write(
    `  floor: DuckDB read_csv into a plain table: ${(f / 1000).toFixed(2)} s (${Math.round(ROWS / (f / 1000)).toLocaleString('en')} rows/s)\n`,
  );
  for (const r of results) {
    const m = median(r.times);
    process.stdout.write(
      `  ${r.engine.padEnd(8)}: ${(m / 1000).toFixed(2)} s = ${Math.round(ROWS / (m / 1000)).toLocaleString('en')} validated rows/s, ` +
        `${(m / f).toFixed(1)}× the floor, peak RSS ${r.maxRssMb} MB (runs: ${r.times.map((t) => (t / 1000).toFixed(2)).join(', ')} s)\n`,
    );
    const stage = r.phases.find((p) => p.phase.startsWith('read'));
    if (stage) {
      process.stdout.write(
        `            read + validate + stage alone: ${Math.round(ROWS / (stage.ms / 1000)).toLocaleString('en')} validated rows/s (${(stage.ms / 1000).toFixed(2)} s, ${(stage.ms / f).toFixed(1)}× the floor)\n`,
      );
    }
    process.stdout.write(`            phases (median ms): ${r.phases.map((p) => `${p.phase} ${Math.round(p.ms)}`).join('; ')}\n`);
  }
}

await main();
