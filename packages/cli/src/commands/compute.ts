/** `cairn compute [--from] [--to] [--kpi id,…] [--catalog dir]`: materialises KPI values for every node and period. */
import { computeKpis, readKpiCatalog } from '@cairn/server';
import type { Command } from 'commander';
import { action, type GlobalOptions, withCairn } from '../cli-context';

interface ComputeOptions {
  from?: string;
  to?: string;
  kpi?: string;
  catalog?: string;
}

export function registerCompute(program: Command): void {
  program
    .command('compute')
    .description('compute every KPI for every org node and fiscal month, quarter and year')
    .option('--from <date>', 'first day (YYYY-MM-DD); default: start of the fiscal year of the first booking')
    .option('--to <date>', 'day after the last (YYYY-MM-DD); default: end of the fiscal year of the last booking')
    .option('--kpi <ids>', 'only these KPIs, comma-separated')
    .option('--catalog <dir>', 'KPI catalog folder (default: the standard library in kpis/)')
    .action(
      action(async (o: ComputeOptions) => {
        const g = program.opts<GlobalOptions>();
        const catalog = readKpiCatalog(o.catalog);
        const r = await withCairn(g, (c) =>
          computeKpis(c.store, c.settings, catalog, {
            ...(o.from ? { from: o.from } : {}),
            ...(o.to ? { to: o.to } : {}),
            ...(o.kpi ? { kpiIds: o.kpi.split(',').map((s) => s.trim()) } : {}),
            actor: process.env.USER ?? 'cli',
          }),
        );
        process.stdout.write(
          g.json
            ? `${JSON.stringify(r)}\n`
            : `computed ${r.kpis} KPIs from ${r.from} to ${r.to}: ${r.values.toLocaleString('en-US')} values from ${r.scans} fact scans in ${(r.ms / 1000).toFixed(1)} s\n`,
        );
        return 0;
      }),
    );
}
