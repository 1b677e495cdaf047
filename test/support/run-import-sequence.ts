/**
 * The crash test's victim: imports a sequence of files into one store, each
 * import one committed batch, and reports on stdout (synchronous on a pipe)
 * `loaded` once its modules are loaded, `ready` once the store is open,
 * `committed <step> <import id>` after each commit and `done` at the end.
 *
 *   node --import tsx test/support/run-import-sequence.ts <location> <plan.json> [--wait]
 *
 * plan.json is a list of { entity, path }. With --wait it opens the store only
 * after reading a line on stdin, so a test can start the next victim while it
 * still holds the store (DuckDB allows one process per file).
 */
import { readFileSync } from 'node:fs';
import type { EntityName } from '@cairn/core/model';
import { loadConfig } from '../../packages/server/src/config/load-config';
import { importFile } from '../../packages/server/src/ingest/import-file';
import { openCairn } from '../../packages/server/src/services/open-cairn';

const [location, planPath, wait] = process.argv.slice(2);
if (!location || !planPath) throw new Error('usage: run-import-sequence.ts <location> <plan.json> [--wait]');
const plan = JSON.parse(readFileSync(planPath, 'utf8')) as { entity: EntityName; path: string }[];

process.stdout.write('loaded\n');
if (wait === '--wait') await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.destroy();

const cairn = await openCairn(loadConfig({ CAIRN_DB: location, CAIRN_DUCKDB_MEMORY_LIMIT: '1GB', CAIRN_ACTOR: 'crash-test' }));
process.stdout.write('ready\n');
for (const [step, { entity, path }] of plan.entries()) {
  const r = await importFile(cairn.store, cairn.settings, { entity, path, mode: 'atomic', actor: 'crash-test' });
  if (r.status !== 'committed') {
    process.stderr.write(`step ${step} (${path}) was rejected: ${JSON.stringify(r.errors.slice(0, 5))}\n`);
    process.exit(1);
  }
  process.stdout.write(`committed ${step} ${r.importId}\n`);
}
await cairn.close();
process.stdout.write('done\n');
