import { buildApp, createAppContext } from '@cairn/server';
import type { Command } from 'commander';
import { action, configFrom, type GlobalOptions } from '../cli-context';
import { openAndServe } from '../serve-cairn';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the API (and, once built, the web app) on the configured store')
    .option('--port <n>', 'port (default $PORT or 3000)')
    .action(
      action(async (opts: { port?: string }) => {
        const config = configFrom(program.opts<GlobalOptions>());
        await openAndServe({ ...config, ...(opts.port ? { port: Number(opts.port) } : {}) }, { buildApp, createAppContext });
        return undefined;
      }),
    );
}
