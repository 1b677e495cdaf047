import { existsSync, writeFileSync } from 'node:fs';
import { DomainError } from '@cairn/core/domain';
import { formatRowError, rowErrorsToCsv } from '@cairn/core/ingest';
import { ENTITY_NAMES, type EntityName, isEntityName } from '@cairn/core/model';
import { importFile, resolveMapping } from '@cairn/server';
import { SingleBar } from 'cli-progress';
import { type Command, Option } from 'commander';
import { action, cliCatalog, type GlobalOptions, withCairn } from '../cli-context';

const SHOWN_ERRORS = 50;

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import a CSV or JSON Lines file into a canonical entity; re-importing the same file changes nothing')
    .argument('<entity>', `one of: ${ENTITY_NAMES.join(', ')}`)
    .argument('<file>', 'the CSV or JSONL file')
    .option('-m, --mapping <yaml>', 'column mapping (a YAML path or a shipped name like maven-crm/opportunity)')
    .addOption(
      new Option('--mode <mode>', 'atomic: any bad row writes nothing; quarantine: good rows commit, bad rows are kept as rejects')
        .choices(['atomic', 'quarantine'])
        .default('atomic'),
    )
    .option('--report <csv>', 'write every error (file, line, column, value, reason) to this CSV')
    .option('--resolves <import-id>', 'this corrected file resolves the rejects of an earlier quarantine import')
    .action(
      action(
        async (
          entity: string,
          file: string,
          opts: { mapping?: string; mode: 'atomic' | 'quarantine'; report?: string; resolves?: string },
        ) => {
          const g = program.opts<GlobalOptions>();
          if (!isEntityName(entity))
            throw new DomainError('invalid_input', `unknown entity ${entity}; use one of ${ENTITY_NAMES.join(', ')}`);
          if (!existsSync(file)) throw new DomainError('invalid_input', `file ${file} does not exist`);
          const mapping = opts.mapping ? resolveMapping(opts.mapping, { allowPaths: true }) : undefined;
          const bar =
            process.stderr.isTTY && !g.json
              ? new SingleBar({ format: ' importing {bar} {percentage}% | {rows} rows', hideCursor: true })
              : null;
          bar?.start(100, 0, { rows: 0 });
          const r = await withCairn(g, async (c) =>
            importFile(c.store, c.settings, {
              entity: entity as EntityName,
              path: file,
              ...(mapping ? { mapping } : {}),
              mode: opts.mode,
              actor: c.config.actor,
              ...(opts.resolves ? { resolves: opts.resolves } : {}),
              // KPI values already computed are brought up to date for the periods this import moved.
              recomputeKpis: await cliCatalog(c),
              onProgress: (p) => bar?.update(p.totalBytes ? Math.floor((100 * p.bytesRead) / p.totalBytes) : 100, { rows: p.rows }),
            }),
          ).finally(() => bar?.stop());
          if (opts.report) writeFileSync(opts.report, rowErrorsToCsv(r.errors));
          if (g.json) {
            process.stdout.write(`${JSON.stringify(r)}\n`);
          } else {
            const out = process.stdout;
            if (r.status === 'rejected') {
              out.write(
                `REJECTED ${r.file} (${r.entity}, ${r.mode}): ${r.errors.length} error(s) in ${r.rejectedRows} row(s). Nothing was written.\n`,
              );
            } else {
              out.write(
                `imported ${r.file} into ${r.entity} (${r.mode}): ${r.rowsRead} rows read, ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged` +
                  `${r.rejectedRows ? `, ${r.rejectedRows} quarantined` : ''} in ${(r.durationMs / 1000).toFixed(1)} s\n`,
              );
            }
            for (const e of r.errors.slice(0, SHOWN_ERRORS)) out.write(`  ${formatRowError(e)}\n`);
            if (r.errors.length > SHOWN_ERRORS)
              out.write(`  … and ${r.errors.length - SHOWN_ERRORS} more${opts.report ? '' : '; use --report errors.csv for all'}\n`);
            if (opts.report) out.write(`error report: ${opts.report}\n`);
            if (r.rejectedRows && r.mode === 'quarantine')
              out.write(
                `rejects: cairn rejects export ${r.importId} --out fix.csv, correct it, then import it with --resolves ${r.importId}\n`,
              );
            if (r.kpis)
              out.write(
                `recomputed ${r.kpis.kpis} KPIs from ${r.kpis.from} to ${r.kpis.to} (${r.kpis.values.toLocaleString('en-US')} values), and re-scored any stored scorecards of those periods\n`,
              );
            out.write(`import id ${r.importId}, sha256 ${r.sha256.slice(0, 16)}…\n`);
          }
          return r.errors.length > 0 ? 1 : 0;
        },
      ),
    );
}
