/**
 * npm run bench:scorecards — every scorecard for every node × fiscal month,
 * quarter and year on the large demo company, after a full KPI compute: load
 * the engine's values, find outlier deals, build every target, score, and
 * store the results. The floor, measured in the same run, is one DuckDB query
 * that reads the same kpi_value rows once and writes one row per
 * (node, period) — what any scoring has to read and write at the least.
 *
 * The computed demo is prepared once into .bench/scorecards/ (a copy of the
 * compute bench's large demo plus `cairn compute`; that takes minutes) and
 * reused. Each run and the floor run in their own child process.
 * Usage: npm run bench:scorecards [-- --size large] [--runs 3] [--memory 2GB]
 */
import { NODE_ARGS } from './node-args';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { templateKpiIds } from '@cairn/core/scorecards';
import {
  computeScorecards,
  loadConfig,
  openCairn,
  readKpiCatalog,
  readScorecardTemplates,
  storeFileTemplates,
} from '../packages/server/src/index';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: 'large' },
    runs: { type: 'string', default: '3' },
    memory: { type: 'string', default: '2GB' },
    child: { type: 'string' },
    db: { type: 'string' },
  },
});
const DIR = resolve('.bench/scorecards');
const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const env = () => ({ ...process.env, CAIRN_DUCKDB_MEMORY_LIMIT: String(args.memory) });

function cli(db: string, verb: string[]): void {
  execFileSync(process.execPath, [...NODE_ARGS, 'packages/cli/src/main.ts', '--db', db, ...verb], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: env(),
  });
}

/** The demo with every KPI computed, built once (from the compute bench's demo when it exists). */
function computedDemo(size: string): string {
  const path = join(DIR, `demo-${size}-computed.duckdb`);
  if (existsSync(path)) return path;
  mkdirSync(DIR, { recursive: true });
  const building = join(DIR, `demo-${size}.building.duckdb`);
  for (const p of [building, `${building}.wal`]) rmSync(p, { force: true });
  const t0 = performance.now();
  const demo = resolve(`.bench/compute/demo-${size}.duckdb`);
  if (existsSync(demo)) copyFileSync(demo, building);
  else {
    process.stdout.write(`building the ${size} demo (once; reused afterwards)\n`);
    cli(building, ['demo', '--size', size]);
  }
  process.stdout.write('computing every KPI (once; reused afterwards)\n');
  cli(building, ['compute']);
  renameSync(building, path);
  process.stdout.write(`  prepared in ${s(performance.now() - t0)}\n`);
  return path;
}

async function scoreChild(db: string): Promise<void> {
  const cairn = await openCairn(loadConfig({ ...env(), CAIRN_DB: db }));
  try {
    const catalog = readKpiCatalog();
    await storeFileTemplates(cairn.store, catalog, 'bench');
    const t0 = performance.now();
    const templates = await readScorecardTemplates(cairn.store, catalog);
    const r = await computeScorecards(cairn.store, cairn.settings, catalog, templates);
    const ms = performance.now() - t0;
    process.stdout.write(`${JSON.stringify({ ms, ...r, maxRssMb: mb() })}\n`);
  } finally {
    await cairn.close();
  }
}

/** The floor: read the same kpi_value rows once, write one row per (node, period). */
async function floorChild(db: string): Promise<void> {
  const cairn = await openCairn(loadConfig({ ...env(), CAIRN_DB: db }));
  try {
    const catalog = readKpiCatalog();
    const kpis = templateKpiIds(await readScorecardTemplates(null, catalog))
      .map((k) => `'${k.replace(/'/g, "''")}'`)
      .join(', ');
    const t0 = performance.now();
    await cairn.store.session(async (x) => {
      await x.exec('DROP TABLE IF EXISTS bench_floor');
      await x.exec(`CREATE TEMPORARY TABLE bench_floor AS
        SELECT node_kind, node_id, grain, period_start, SUM(value) AS v, SUM(numerator) AS n, SUM(denominator) AS d, COUNT(*) AS k
        FROM kpi_value WHERE breakdown_dimension IS NULL AND kpi_id IN (${kpis}) GROUP BY ALL`);
      await x.exec('DROP TABLE bench_floor');
    });
    process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, maxRssMb: mb() })}\n`);
  } finally {
    await cairn.close();
  }
}

interface ChildResult {
  ms: number;
  maxRssMb: number;
  scorecards?: number;
  periods?: number;
  unscored?: number;
  excludedDeals?: number;
  helperScorecards?: number;
  phases?: Record<string, number>;
}

function runChild(child: string, db: string): ChildResult {
  const out = execFileSync(
    process.execPath,
    [...NODE_ARGS, 'bench/scorecards-bench.ts', '--memory', String(args.memory), '--child', child, '--db', db],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24, env: env() },
  );
  return JSON.parse(out.trim().split('\n').pop() as string);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

if (args.child === 'score') await scoreChild(String(args.db));
else if (args.child === 'floor') await floorChild(String(args.db));
else {
  const db = computedDemo(String(args.size));
  const runs = Number(args.runs);
  const scored: ChildResult[] = [];
  const floors: ChildResult[] = [];
  for (let i = 0; i < runs; i++) {
    floors.push(runChild('floor', db));
    const r = runChild('score', db);
    scored.push(r);
    process.stdout.write(
      `  run ${i + 1}: ${s(r.ms)} for ${r.scorecards?.toLocaleString('en-US')} scorecards (load ${s(r.phases?.load ?? 0)} with outliers found meanwhile in ${s(r.phases?.exclusions ?? 0)}, score ${s(r.phases?.score ?? 0)} on two threads (the helper scored ${r.helperScorecards?.toLocaleString('en-US')}), write ${s(r.phases?.write ?? 0)}), peak ${r.maxRssMb} MB; floor ${s(floors[i]?.ms ?? 0)}\n`,
    );
  }
  const m = median(scored.map((r) => r.ms));
  const f = median(floors.map((r) => r.ms));
  const last = scored.at(-1);
  process.stdout.write(
    [
      '',
      `scorecards, ${args.size} demo: ${last?.scorecards?.toLocaleString('en-US')} scorecards over ${last?.periods} periods (${last?.unscored?.toLocaleString('en-US')} node-periods without a template; ${last?.excludedDeals} outlier deals)`,
      `  median ${s(m)} (target < 10 s), peak RSS ${Math.max(...scored.map((r) => r.maxRssMb))} MB`,
      `  floor (one scan of the same kpi_value rows, one row per node and period): median ${s(f)}`,
      `  ratio ${(m / f).toFixed(1)}× the floor`,
    ].join('\n'),
  );
  process.stdout.write('\n');
}
