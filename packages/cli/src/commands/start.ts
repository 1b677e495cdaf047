/**
 * `cairn start` (what `npm start` runs): opens the store, loads the small demo
 * company (with its KPIs and scorecards computed) when the store holds no
 * sales data yet, prints one demo sign-in per role when the store holds the
 * demo company, then serves the API (and, once built, the web app) and
 * prints where.
 */
import { buildApp, createAppContext } from '@cairn/server';
import { computeAll, createDemoUsers, type DemoSignIn, isStoreEmpty, loadDemo, readKpiCatalog } from '@cairn/server';
import type { Command } from 'commander';
import { action, configFrom, type GlobalOptions } from '../cli-context';
import { openAndServe } from '../serve-cairn';
import { demoProgressReporter } from './demo';

function printDemoSignIns(signIns: DemoSignIn[]): void {
  if (signIns.length === 0) return;
  const rows = [['role', 'email', 'password'], ...signIns.map((s) => [s.role, s.email, s.password])];
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) => `  ${(r[0] ?? '').padEnd(widths[0] ?? 0)}  ${(r[1] ?? '').padEnd(widths[1] ?? 0)}  ${r[2]}`);
  const kept = signIns.some((s) => !s.created) ? ' (users that existed already keep the password they have)' : '';
  process.stdout.write(`\ndemo sign-ins${kept}:\n${lines.join('\n')}\n`);
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('load the demo company into an empty store, then serve on http://localhost:3000')
    .option('--port <n>', 'port (default $PORT or 3000)')
    .option('--no-demo', 'do not load the demo company into an empty store')
    .action(
      action(async (opts: { port?: string; demo: boolean }) => {
        const config = configFrom(program.opts<GlobalOptions>());
        await openAndServe(
          { ...config, ...(opts.port ? { port: Number(opts.port) } : {}) },
          { buildApp, createAppContext },
          async (cairn) => {
            if (!opts.demo) return;
            if (!(await isStoreEmpty(cairn.store))) {
              printDemoSignIns(await createDemoUsers(cairn.store));
              return;
            }
            process.stdout.write(`The store ${cairn.store.description} is empty: loading the demo company (small, seed 1)…\n`);
            const reporter = demoProgressReporter();
            try {
              const r = await loadDemo(cairn, { size: 'small', onProgress: reporter.onProgress });
              process.stdout.write(
                `Loaded ${r.totalRows.toLocaleString('en-US')} rows in ${(r.ms / 1000).toFixed(1)} s. Computing KPIs and scorecards…\n`,
              );
              const c = await computeAll(cairn.store, cairn.settings, readKpiCatalog(), { actor: 'demo', scorecards: true });
              process.stdout.write(
                `Computed ${c.kpis.values.toLocaleString('en-US')} KPI values and ${c.scorecards?.scorecards.toLocaleString('en-US') ?? 0} scorecards.\n`,
              );
            } finally {
              reporter.stop();
            }
            printDemoSignIns(await createDemoUsers(cairn.store));
          },
        );
        return undefined;
      }),
    );
}
