/** `cairn kpi compile <kpi> --dialect duckdb|postgres [--period FY2024]`: prints the SQL of a KPI and its parameters. */
import { compileKpiSql, readKpiCatalog } from '@cairn/server';
import { type Command, Option } from 'commander';
import type { DialectName } from '@cairn/core/sql';
import { action, configFrom, type GlobalOptions } from '../cli-context';

interface CompileOptions {
  dialect: DialectName;
  period?: string;
  catalog?: string;
}

export function registerKpiCompile(kpi: Command, program: Command): void {
  kpi
    .command('compile <kpi>')
    .description('print the SQL that computes a KPI, with its parameters')
    .addOption(new Option('--dialect <dialect>', 'SQL dialect').choices(['duckdb', 'postgres']).default('duckdb'))
    .option('--period <period>', 'the period the query covers (FY2024, FY2024-Q3, 2024-08); default: this fiscal year')
    .option('--catalog <dir>', 'KPI catalog folder (default: the standard library in kpis/)')
    .action(
      action(async (id: string, o: CompileOptions) => {
        const g = program.opts<GlobalOptions>();
        const config = configFrom(g);
        const calendar = { startMonth: config.fiscalYearStartMonth };
        const period = o.period ?? `FY${new Date().getUTCFullYear()}`;
        const r = compileKpiSql(readKpiCatalog(o.catalog), { kpiId: id, dialect: o.dialect, period, calendar });
        if (g.json) process.stdout.write(`${JSON.stringify(r)}\n`);
        else {
          process.stdout.write(`${r.text};\n\n-- parameters\n`);
          for (const [i, p] of r.params.entries()) process.stdout.write(`-- $${i + 1} = ${JSON.stringify(p)}\n`);
        }
        return 0;
      }),
    );
}
