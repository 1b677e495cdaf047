/** `cairn kpi define <file.yaml>`: adds a company's own KPI (or a new version of one) to the catalog, as the API's POST /api/v1/kpis does. */
import { readFileSync } from 'node:fs';
import { defineKpi } from '@cairn/server';
import type { Command } from 'commander';
import { action, type GlobalOptions, withCairn } from '../cli-context';

export function registerKpiDefine(kpi: Command, program: Command): void {
  kpi
    .command('define <file>')
    .description(
      'add your own KPI from a YAML file (one KPI under `kpis:`, its new measures under `measures:`); a change needs a higher version',
    )
    .action(
      action(async (file: string) => {
        const g = program.opts<GlobalOptions>();
        const yaml = readFileSync(file, 'utf8');
        const { kpi: def } = await withCairn(g, (c) => defineKpi(c.store, { yaml, actor: process.env.USER ?? 'cli' }));
        process.stdout.write(
          g.json
            ? `${JSON.stringify({ id: def.id, version: def.version, status: def.status })}\n`
            : `defined ${def.id} version ${def.version} (${def.status}); run \`cairn compute --kpi ${def.id}\` for its values\n`,
        );
        return 0;
      }),
    );
}
