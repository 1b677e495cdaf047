import { listImports } from '@cairn/server';
import type { Command } from 'commander';
import { action, type GlobalOptions, withCairn } from '../cli-context';

export function registerImports(program: Command): void {
  program
    .command('imports')
    .description('the import log: file, sha256, actor, time, mode and counts of every import, newest first')
    .option('--limit <n>', 'how many', '20')
    .action(
      action(async (opts: { limit: string }) => {
        const g = program.opts<GlobalOptions>();
        const rows = await withCairn(g, (c) => listImports(c.store, { limit: Number(opts.limit) }));
        if (g.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
        else
          for (const r of rows) {
            process.stdout.write(
              `${r.started_at.slice(0, 19)} ${r.status.padEnd(9)} ${r.entity.padEnd(20)} ${r.file_name} by ${r.actor} (${r.mode}): ` +
                `read ${r.rows_read}, +${r.inserted} ~${r.updated} =${r.unchanged} ✗${r.rejected}  ${r.id.slice(0, 8)} sha256 ${r.file_sha256.slice(0, 12)}\n`,
            );
          }
        return 0;
      }),
    );
}
