/** `cairn scorecard compute [--from] [--to]`: scores every node and period from the stored KPI values. */
import { computeScorecards, readScorecardTemplates, storeFileTemplates } from '@cairn/server';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { action, cliCatalog, type GlobalOptions, withCairn } from '../cli-context';

interface ComputeOptions {
  from?: string;
  to?: string;
}

export function registerScorecardCompute(scorecard: Command, program: Command): void {
  scorecard
    .command('compute')
    .description('score every node for every period from the KPI values (run `cairn compute` first)')
    .option('--from <date>', 'only periods starting on or after this day (YYYY-MM-DD)')
    .option('--to <date>', 'only periods starting before this day (YYYY-MM-DD)')
    .action(
      action(async (o: ComputeOptions) => {
        const g = program.opts<GlobalOptions>();
        const bar =
          g.json || !process.stderr.isTTY
            ? null
            : new SingleBar({ format: 'scoring {bar} {value}/{total} nodes × periods', stream: process.stderr });
        let started = false;
        const r = await withCairn(g, async (c) => {
          const catalog = await cliCatalog(c);
          await storeFileTemplates(c.store, catalog, process.env.USER ?? 'cli');
          const templates = await readScorecardTemplates(c.store, catalog);
          return computeScorecards(c.store, c.settings, catalog, templates, {
            ...(o.from ? { from: o.from } : {}),
            ...(o.to ? { to: o.to } : {}),
            onProgress: (done, total) => {
              if (!bar) return;
              if (!started) bar.start(total, 0);
              started = true;
              bar.update(done);
            },
          });
        });
        bar?.stop();
        process.stdout.write(
          g.json
            ? `${JSON.stringify(r)}\n`
            : `scored ${r.scorecards.toLocaleString('en-US')} scorecards over ${r.periods} periods (${r.unscored.toLocaleString('en-US')} node-periods have no template for their role; ${r.excludedDeals} outlier deals left out) in ${((r.phases.load + r.phases.exclusions + r.phases.score + r.phases.write) / 1000).toFixed(1)} s\n`,
        );
        return 0;
      }),
    );
}
