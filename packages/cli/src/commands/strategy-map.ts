/** `cairn strategy-map --node … --period … [--svg out.svg]`: objectives by status and every cause-and-effect link checked against the data. */
import { writeFileSync } from 'node:fs';
import { buildStrategyMap, type CheckedLink } from '@cairn/server';
import type { Command } from 'commander';
import { action, cliCatalogAndTemplates, type GlobalOptions, withCairn } from '../cli-context';

interface MapOptions {
  node: string;
  period: string;
  svg?: string;
}

function linkLine(l: CheckedLink): string {
  const lags = l.strength.lags
    .map((x) =>
      x.rho === null
        ? `lag ${x.lag}: – (${x.reason})`
        : `lag ${x.lag}: ρ ${x.rho.toFixed(2)} n ${x.n} p ${x.pValue < 0.001 ? '<0.001' : x.pValue.toFixed(3)}`,
    )
    .join('; ');
  return `  ${l.strength.verdict.supported ? '✔' : '✘'} ${l.from} → ${l.to} (${l.fromKpi} → ${l.toKpi}): ${l.strength.verdict.message}\n      ${lags}`;
}

export function registerStrategyMap(program: Command): void {
  program
    .command('strategy-map')
    .description('a node’s strategy map: objectives coloured by status, links checked against the data')
    .requiredOption('--node <node>', 'rep or org unit id, or kind:id')
    .requiredOption('--period <period>', 'FY2025, FY2025-Q3 or 2025-08')
    .option('--svg <file>', 'write the map as SVG')
    .action(
      action(async (o: MapOptions) => {
        const g = program.opts<GlobalOptions>();
        const r = await withCairn(g, async (c) =>
          buildStrategyMap(c.store, c.settings, ...(await cliCatalogAndTemplates(c)), {
            node: o.node,
            period: o.period,
          }),
        );
        if (o.svg) writeFileSync(o.svg, r.svg);
        if (g.json) {
          process.stdout.write(
            `${JSON.stringify({ model: r.model, links: r.links, crossSellChecks: r.crossSellChecks, svg: o.svg ?? null })}\n`,
          );
          return 0;
        }
        const out = [r.model.title, '', 'objectives:'];
        for (const ob of r.model.objectives)
          out.push(
            `  ${ob.perspective.padEnd(17)} ${ob.name.padEnd(40)} ${ob.score === null ? 'no data' : ob.score.toFixed(1)}  ${ob.band}`,
          );
        out.push(
          '',
          `links (cause → effect), checked across ${r.checkedAcross.level}s by ${r.checkedAcross.grain}:`,
          ...r.links.map(linkLine),
        );
        if (r.crossSellChecks.length > 0) out.push('', 'cross-sell against lifetime value and churn:', ...r.crossSellChecks.map(linkLine));
        if (o.svg) out.push('', `wrote ${o.svg}`);
        process.stdout.write(`${out.join('\n')}\n`);
        return 0;
      }),
    );
}
