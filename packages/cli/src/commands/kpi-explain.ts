/** `cairn kpi explain <kpi> --node <node> --period <period> [--page N]`: a value, its parts, its SQL and its rows. */
import { formatKpiValue, type KpiUnit } from '@cairn/core/metrics';
import { explainKpi } from '@cairn/server';
import type { Command } from 'commander';
import { action, cliCatalog, type GlobalOptions, withCairn } from '../cli-context';

interface ExplainOptions {
  node: string;
  period: string;
  page: string;
  pageSize: string;
  catalog?: string;
}

export function registerKpiExplain(kpi: Command, program: Command): void {
  kpi
    .command('explain <kpi>')
    .description('explain a KPI value down to the rows that make it')
    .requiredOption('--node <node>', 'rep or org unit id, or kind:id (team:T1, enterprise:ACME)')
    .requiredOption('--period <period>', 'FY2024, FY2024-Q3 or 2024-08')
    .option('--page <n>', 'page of contributing rows', '1')
    .option('--page-size <n>', 'rows per page', '20')
    .option('--catalog <dir>', 'KPI catalog folder (default: the standard library in kpis/)')
    .action(
      action(async (id: string, o: ExplainOptions) => {
        const g = program.opts<GlobalOptions>();
        const { e, currency } = await withCairn(g, async (c) => ({
          e: await explainKpi(c.store, c.settings, await cliCatalog(c, o.catalog), {
            kpiId: id,
            node: o.node,
            period: o.period,
            page: Number(o.page),
            pageSize: Number(o.pageSize),
          }),
          currency: c.settings.reportingCurrency,
        }));
        if (g.json) {
          process.stdout.write(`${JSON.stringify(e)}\n`);
          return 0;
        }
        const out: string[] = [
          `${e.kpi.name} (${e.kpi.id} v${e.kpi.version}, ${e.kpi.status}) for ${e.node.kind} ${e.node.id}, ${e.period.label}`,
          `  formula      ${e.kpi.formula}   [${e.kpi.aggregation}, ${e.kpi.unit}]`,
          // The stored value (money in minor units, a percent as a fraction), then how it reads.
          `  value        ${e.value === null ? 'none' : `${e.value}   (${formatKpiValue(e.value, e.kpi.unit as KpiUnit, { currency })})`}`,
          `  numerator    ${e.numerator ?? '-'}`,
          `  denominator  ${e.denominator ?? '-'}`,
        ];
        for (const m of e.measures) {
          out.push(
            '',
            `measure ${m.name}: ${m.aggregation}(${m.field ?? '*'}) of ${m.fact} by ${m.date}, window ${m.window}${m.filter ? `, where ${m.filter}` : ''}`,
          );
          out.push(`  ${m.rowCount} rows; contributions add up to ${m.contributionSum ?? `${m.distinctContributions} distinct values`}`);
          for (const r of m.rows)
            out.push(
              `  ${r.row_date}  ${r.row_id.padEnd(16)} rep ${String(r.rep_id).padEnd(8)} team ${String(r.team_id).padEnd(10)} ${String(r.contribution)}`,
            );
          if (m.rowCount > e.page * e.pageSize) out.push(`  … page ${e.page} of ${Math.ceil(m.rowCount / e.pageSize)} (--page)`);
        }
        out.push('', `-- SQL (${e.sql.params.length} parameters)`, e.sql.text, `-- parameters: ${JSON.stringify(e.sql.params)}`);
        process.stdout.write(`${out.join('\n')}\n`);
        return 0;
      }),
    );
}
