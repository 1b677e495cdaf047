/** The `cairn` command. Each verb lives in commands/<verb>.ts and calls one service. */
import { Command } from 'commander';
import { registerImport } from './commands/import';
import { registerImports } from './commands/imports';
import { registerMigrate } from './commands/migrate';
import { registerRejects } from './commands/rejects';
import { registerServe } from './commands/serve';

const program = new Command('cairn')
  .description('Cairn: sales performance management on the Balanced Scorecard')
  .option('--db <location>', 'DuckDB file path or postgres:// URL (default: $CAIRN_DB or ./data/cairn.duckdb)')
  .option('--json', 'print machine-readable JSON');

registerMigrate(program);
registerImport(program);
registerImports(program);
registerRejects(program);
registerServe(program);

await program.parseAsync(process.argv);
