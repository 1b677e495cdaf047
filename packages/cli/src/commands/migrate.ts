import type { Command } from 'commander';
import { action, type GlobalOptions, withCairn } from '../cli-context';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('create or update the database schema (also done automatically by every verb)')
    .action(
      action(async () => {
        const g = program.opts<GlobalOptions>();
        await withCairn(g, async (c) => {
          const line = `${c.store.description}: schema up to date; reporting currency ${c.settings.reportingCurrency}, fiscal year starts in month ${c.settings.calendar.startMonth}`;
          process.stdout.write(g.json ? `${JSON.stringify({ store: c.store.description, settings: c.settings })}\n` : `${line}\n`);
        });
        return 0;
      }),
    );
}
