/** The `cairn` command. Each verb lives in commands/<verb>.ts and calls one service. */
import { Command } from 'commander';
import { registerCompute } from './commands/compute';
import { registerDemo } from './commands/demo';
import { registerImport } from './commands/import';
import { registerImports } from './commands/imports';
import { registerKpi } from './commands/kpi-commands';
import { registerMigrate } from './commands/migrate';
import { registerQualityDuplicates } from './commands/quality-duplicates';
import { registerQualityMerge } from './commands/quality-merge';
import { registerRejects } from './commands/rejects';
import { registerServe } from './commands/serve';
import { registerScorecard } from './commands/scorecard-commands';
import { registerStart } from './commands/start';
import { registerStrategyMap } from './commands/strategy-map';
import { registerTarget } from './commands/target-commands';
import { registerUser } from './commands/user-commands';

const program = new Command('cairn')
  .description('Cairn: sales performance management on the Balanced Scorecard')
  .option('--db <location>', 'DuckDB file path or postgres:// URL (default: $CAIRN_DB or ./data/cairn.duckdb)')
  .option('--json', 'print machine-readable JSON');

registerMigrate(program);
registerImport(program);
registerImports(program);
registerRejects(program);
registerServe(program);
registerStart(program);
registerQualityDuplicates(program);
registerQualityMerge(program);
registerDemo(program);
registerCompute(program);
registerKpi(program);
registerScorecard(program);
registerStrategyMap(program);
registerTarget(program);
registerUser(program);

await program.parseAsync(process.argv);
