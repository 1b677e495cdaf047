/** `cairn kpi breakdown <kpi> --node … --period … --by product_line|segment|territory`: a KPI value split into slices, each recomputed from its rows. */
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension, formatKpiValue, type KpiUnit } from '@cairn/core/metrics';
import { kpiBreakdown } from '@cairn/server';
import type { Command } from 'commander';
import { action, cliCatalog, type GlobalOptions, withCairn } from '../cli-context';

interface BreakdownOptions {
  node: string;
  period: string;
  by: string;
}

export function registerKpiBreakdown(kpi: Command, program: Command): void {
  kpi
    .command('breakdown <kpi>')
    .description('a KPI value of a node and period by product line, customer segment or territory')
    .requiredOption('--node <node>', 'rep or org unit id, or kind:id (team:T1, enterprise:ACME)')
    .requiredOption('--period <period>', 'FY2024, FY2024-Q3 or 2024-08')
    .requiredOption('--by <dimension>', BREAKDOWN_DIMENSIONS.join(' | '))
    .action(
      action(async (id: string, o: BreakdownOptions) => {
        const g = program.opts<GlobalOptions>();
        if (!(BREAKDOWN_DIMENSIONS as readonly string[]).includes(o.by)) {
          process.stderr.write(`--by ${o.by}: break down by ${BREAKDOWN_DIMENSIONS.join(', ')}\n`);
          return 2;
        }
        const { b, currency } = await withCairn(g, async (c) => ({
          b: await kpiBreakdown(c.store, c.settings, await cliCatalog(c), {
            kpiId: id,
            node: o.node,
            period: o.period,
            by: o.by as BreakdownDimension,
          }),
          currency: c.settings.reportingCurrency,
        }));
        if (g.json) {
          process.stdout.write(`${JSON.stringify(b)}\n`);
          return 0;
        }
        const fmt = (v: number | null) => formatKpiValue(v, b.kpi.unit as KpiUnit, { currency });
        const count = (v: string | null) => (v === null ? '-' : Number(v).toLocaleString('en-US'));
        const parts = (s: { numerator: string | null; denominator: string | null }) =>
          s.denominator === null ? '' : `   ${count(s.numerator)} / ${count(s.denominator)}`;
        const width = Math.max(5, ...b.slices.map((s) => s.label.length));
        const lines = [
          `${b.kpi.name} (${b.kpi.id}) for ${b.node.kind} ${b.node.id}, ${b.period.label}, by ${b.by.replace('_', ' ')}`,
          ...b.slices.map((s) => `  ${s.label.padEnd(width)}  ${fmt(s.value)}${parts(s)}`),
          `  ${'total'.padEnd(width)}  ${fmt(b.total.value)}${parts(b.total)}`,
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
        return 0;
      }),
    );
}
