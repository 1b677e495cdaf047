/** `cairn scorecard fairness --period …`: rep score distributions by territory potential, tenure and training cohort. */
import { scorecardFairness } from '@cairn/server';
import type { Command } from 'commander';
import { action, type GlobalOptions, withCairn } from '../cli-context';

export function registerScorecardFairness(scorecard: Command, program: Command): void {
  scorecard
    .command('fairness')
    .description('compare rep scores across territory-potential quartiles, tenure bands and training cohorts')
    .requiredOption('--period <period>', 'FY2025, FY2025-Q3 or 2025-08')
    .action(
      action(async (o: { period: string }) => {
        const g = program.opts<GlobalOptions>();
        const r = await withCairn(g, (c) => scorecardFairness(c.store, c.settings, { period: o.period }));
        if (g.json) {
          process.stdout.write(`${JSON.stringify(r)}\n`);
          return 0;
        }
        const out = [`rep scorecards, ${r.period}: ${r.scored} scored, ${r.withoutScore} without a score`];
        for (const c of r.comparisons) {
          out.push('', `${c.dimension}: ${c.flag ? `⚑ ${c.flag.message}` : 'no significant difference'}${c.note ? ` (${c.note})` : ''}`);
          for (const grp of c.groups)
            out.push(
              `  ${grp.label.padEnd(28)} n ${String(grp.n).padStart(5)}  median ${fmt(grp.median)}  mean ${fmt(grp.mean)}  p25 ${fmt(grp.p25)}  p75 ${fmt(grp.p75)}`,
            );
        }
        process.stdout.write(`${out.join('\n')}\n`);
        return 0;
      }),
    );
}

const fmt = (x: number) => x.toFixed(1).padStart(5);
