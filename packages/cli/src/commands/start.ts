/**
 * `cairn start` (what `npm start` runs): opens the store, loads the small demo
 * company when the store holds no sales data yet, then serves the API (and,
 * once built, the web app) and prints where.
 */
import { buildApp, createAppContext } from '@cairn/server';
import { isStoreEmpty, loadDemo } from '@cairn/server';
import type { Command } from 'commander';
import { action, configFrom, type GlobalOptions } from '../cli-context';
import { openAndServe } from '../serve-cairn';
import { demoProgressReporter } from './demo';

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
            if (!opts.demo || !(await isStoreEmpty(cairn.store))) return;
            process.stdout.write(`The store ${cairn.store.description} is empty: loading the demo company (small, seed 1)…\n`);
            const reporter = demoProgressReporter();
            try {
              const r = await loadDemo(cairn, { size: 'small', onProgress: reporter.onProgress });
              process.stdout.write(`Loaded ${r.totalRows.toLocaleString('en-US')} rows in ${(r.ms / 1000).toFixed(1)} s.\n`);
            } finally {
              reporter.stop();
            }
          },
        );
        return undefined;
      }),
    );
}
