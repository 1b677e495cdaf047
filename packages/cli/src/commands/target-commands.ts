/** `cairn target override|tolerance`: manual target overrides and regional tolerances, each with a recorded reason. */
import { setRegionTolerance, setTargetOverride } from '@cairn/server';
import type { Command } from 'commander';
import { action, cliCatalog, type GlobalOptions, withCairn } from '../cli-context';

export function registerTarget(program: Command): void {
  const target = program.command('target').description('scorecard targets: overrides and regional tolerances');
  target
    .command('override')
    .description('set a KPI’s target for one node and period by hand (the reason is recorded)')
    .requiredOption('--kpi <id>', 'KPI id')
    .requiredOption('--node <node>', 'rep or org unit id, or kind:id')
    .requiredOption('--period <period>', 'FY2025, FY2025-Q3 or 2025-08')
    .requiredOption('--value <n>', 'the target, in the KPI’s unit (currency in minor units, percent as a fraction)')
    .requiredOption('--reason <text>', 'why')
    .action(
      action(async (o: { kpi: string; node: string; period: string; value: string; reason: string }) => {
        const g = program.opts<GlobalOptions>();
        const r = await withCairn(g, async (c) =>
          setTargetOverride(c.store, c.settings, await cliCatalog(c), {
            kpiId: o.kpi,
            node: o.node,
            period: o.period,
            value: Number(o.value),
            reason: o.reason,
            actor: process.env.USER ?? 'cli',
          }),
        );
        process.stdout.write(
          g.json
            ? `${JSON.stringify(r)}\n`
            : `target of ${r.kpiId} for ${r.node} in ${r.period} set to ${r.value}; run \`cairn scorecard compute\` to refresh stored scores\n`,
        );
        return 0;
      }),
    );
  target
    .command('tolerance')
    .description('widen (positive) or narrow (negative) a region’s bands by percentage points')
    .requiredOption('--region <id>', 'region org unit id')
    .requiredOption('--pp <n>', 'percentage points, e.g. 5 makes green start at 95% and red below 80%')
    .option('--kpi <id>', 'only this KPI (default: every KPI)', '*')
    .requiredOption('--reason <text>', 'why')
    .action(
      action(async (o: { region: string; pp: string; kpi: string; reason: string }) => {
        const g = program.opts<GlobalOptions>();
        const r = await withCairn(g, async (c) =>
          setRegionTolerance(c.store, await cliCatalog(c), {
            regionId: o.region,
            kpiId: o.kpi,
            tolerancePp: Number(o.pp),
            reason: o.reason,
            actor: process.env.USER ?? 'cli',
          }),
        );
        process.stdout.write(
          g.json
            ? `${JSON.stringify(r)}\n`
            : `tolerance ${r.tolerancePp} pp set for region ${r.regionId} (${r.kpiId === '*' ? 'every KPI' : r.kpiId})\n`,
        );
        return 0;
      }),
    );
}
