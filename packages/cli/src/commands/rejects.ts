import { writeFileSync } from 'node:fs';
import { exportRejects, listRejects } from '@cairn/server';
import type { Command } from 'commander';
import { action, type GlobalOptions, withCairn } from '../cli-context';

export function registerRejects(program: Command): void {
  const rejects = program
    .command('rejects')
    .description('rows a quarantine import refused: list them, export them to correct and re-import');
  rejects
    .command('list')
    .description('list unresolved rejected rows')
    .option('--import <id>', 'only this import')
    .option('--all', 'include resolved rows')
    .option('--limit <n>', 'rows per page (max 500)', '100')
    .option('--offset <n>', 'skip this many', '0')
    .action(
      action(async (opts: { import?: string; all?: boolean; limit: string; offset: string }) => {
        const g = program.opts<GlobalOptions>();
        const page = await withCairn(g, (c) =>
          listRejects(c.store, {
            ...(opts.import ? { importId: opts.import } : {}),
            includeResolved: opts.all === true,
            limit: Number(opts.limit),
            offset: Number(opts.offset),
          }),
        );
        if (g.json) process.stdout.write(`${JSON.stringify(page)}\n`);
        else {
          process.stdout.write(`${page.total} rejected value(s)\n`);
          for (const r of page.rows) {
            process.stdout.write(
              `${r.import_id.slice(0, 8)} ${r.file_name}:${r.line} [${r.column_name ?? '-'}] ${r.value ?? ''}: ${r.reason}${r.resolved_by ? ' (resolved)' : ''}\n`,
            );
          }
        }
        return 0;
      }),
    );
  rejects
    .command('export')
    .description('write the rejected rows of an import as CSV in their original columns, with the reasons')
    .argument('<import-id>')
    .requiredOption('--out <csv>', 'where to write')
    .action(
      action(async (importId: string, opts: { out: string }) => {
        const g = program.opts<GlobalOptions>();
        const { csv, rows } = await withCairn(g, (c) => exportRejects(c.store, importId));
        writeFileSync(opts.out, csv);
        process.stdout.write(g.json ? `${JSON.stringify({ out: opts.out, rows })}\n` : `wrote ${rows} row(s) to ${opts.out}\n`);
        return 0;
      }),
    );
}
