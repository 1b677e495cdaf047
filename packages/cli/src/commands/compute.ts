/** `cairn compute [--from] [--to] [--kpi id,…] [--catalog dir] [--no-scorecards]`: materialises KPI values, then scorecards, for every node and period. */
import { computeAll } from '@cairn/server';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { action, cliCatalog, type GlobalOptions, withCairn } from '../cli-context';

interface ComputeOptions {
  from?: string;
  to?: string;
  kpi?: string;
  catalog?: string;
  scorecards: boolean;
}

export function registerCompute(program: Command): void {
  program
    .command('compute')
    .description('compute every KPI for every org node and fiscal month, quarter and year')
    .option('--from <date>', 'first day (YYYY-MM-DD); default: start of the fiscal year of the first booking')
    .option('--to <date>', 'day after the last (YYYY-MM-DD); default: end of the fiscal year of the last booking')
    .option('--kpi <ids>', 'only these KPIs, comma-separated')
    .option('--catalog <dir>', 'KPI catalog folder (default: the standard library in kpis/)')
    .option('--no-scorecards', 'only KPI values; skip scoring the scorecards')
    .action(
      action(async (o: ComputeOptions) => {
        const g = program.opts<GlobalOptions>();
        // Progress on a terminal: each KPI step (a derived fact, a fact scan, the write), then the node-periods scored.
        const tty = !g.json && process.stderr.isTTY;
        const steps = tty ? new SingleBar({ format: 'computing {bar} {value}/{total} {step}', stream: process.stderr }) : null;
        const scoring = tty ? new SingleBar({ format: 'scoring   {bar} {value}/{total} nodes × periods', stream: process.stderr }) : null;
        let scoringStarted = false;
        const r = await withCairn(g, async (c) =>
          computeAll(c.store, c.settings, await cliCatalog(c, o.catalog), {
            ...(o.from ? { from: o.from } : {}),
            ...(o.to ? { to: o.to } : {}),
            ...(o.kpi ? { kpiIds: o.kpi.split(',').map((s) => s.trim()) } : {}),
            actor: process.env.USER ?? 'cli',
            scorecards: o.scorecards && !o.catalog,
            onStep: (st) => {
              if (st.done === 1) steps?.start(st.total, 0, { step: '' });
              steps?.update(st.done, { step: `${st.name} (${(st.ms / 1000).toFixed(1)} s)` });
              if (st.done === st.total) steps?.stop();
            },
            onScorecardProgress: (done, total) => {
              if (!scoringStarted) scoring?.start(total, 0);
              scoringStarted = true;
              scoring?.update(done);
              if (done === total) scoring?.stop();
            },
          }),
        );
        if (g.json) {
          process.stdout.write(`${JSON.stringify(r)}\n`);
          return 0;
        }
        const k = r.kpis;
        process.stdout.write(
          `computed ${k.kpis} KPIs from ${k.from} to ${k.to}: ${k.values.toLocaleString('en-US')} values from ${k.scans} fact scans in ${(k.ms / 1000).toFixed(1)} s\n`,
        );
        if (r.scorecards) {
          const sc = r.scorecards;
          const ms = sc.phases.load + sc.phases.exclusions + sc.phases.score + sc.phases.write;
          process.stdout.write(
            `scored ${sc.scorecards.toLocaleString('en-US')} scorecards over ${sc.periods} periods in ${(ms / 1000).toFixed(1)} s\n`,
          );
        }
        return 0;
      }),
    );
}
