/** `cairn scorecard show --node <id|name> --period <2025-Q3|2025-08|FY2025> [--json]`: the whole scorecard tree of one node. */
import { formatKpiValue } from '@cairn/core/metrics';
import { type ScorecardView, showScorecard } from '@cairn/server';
import type { Command } from 'commander';
import { action, cliCatalogAndTemplates, type GlobalOptions, withCairn } from '../cli-context';

interface ShowOptions {
  node: string;
  period: string;
  provenance?: boolean;
}

const BAND = { green: 'GREEN', amber: 'AMBER', red: 'RED  ', no_data: 'NO DATA' } as const;
const score = (s: number | null) => (s === null ? '  –  ' : s.toFixed(1).padStart(5));
const pct = (p: number | null) => (p === null ? '–' : `${p.toFixed(1)}%`);

export function registerScorecardShow(scorecard: Command, program: Command): void {
  scorecard
    .command('show')
    .description('print a node’s balanced scorecard: perspectives, objectives, KPIs, targets, scores and children')
    .requiredOption('--node <node>', 'rep or org unit id, or kind:id (team:T1, enterprise:ACME)')
    .requiredOption('--period <period>', 'FY2025, FY2025-Q3, 2025-Q3 or 2025-08')
    .option('--provenance', 'show where every target came from')
    .action(
      action(async (o: ShowOptions) => {
        const g = program.opts<GlobalOptions>();
        const view = await withCairn(g, async (c) =>
          showScorecard(c.store, c.settings, ...(await cliCatalogAndTemplates(c)), {
            node: o.node,
            period: o.period,
          }).then((v) => ({ v, currency: c.settings.reportingCurrency })),
        );
        if (g.json) {
          process.stdout.write(`${JSON.stringify(view.v)}\n`);
          return 0;
        }
        process.stdout.write(`${renderView(view.v, view.currency, o.provenance === true)}\n`);
        return 0;
      }),
    );
}

function renderView(v: ScorecardView, currency: string, provenance: boolean): string {
  const c = v.scorecard;
  const out = [
    `${c.node.name} (${c.node.kind} ${c.node.id}), ${c.periodLabel} — template ${c.templateId} v${c.templateVersion}`,
    `overall ${score(c.score)}  ${BAND[c.band]}${v.parent ? `   parent: ${v.parent.name} (${v.parent.kind} ${v.parent.id})` : ''}`,
  ];
  for (const p of c.perspectives) {
    out.push(
      '',
      `${p.perspective.replace('_', ' ').toUpperCase()}  weight ${p.weight}% → ${p.effectiveWeight.toFixed(1)}%  score ${score(p.score)}  ${BAND[p.band]}`,
    );
    for (const o of p.objectives) {
      out.push(`  ${o.name}  weight ${o.weight}% → ${o.effectiveWeight.toFixed(1)}%  score ${score(o.score)}  ${BAND[o.band]}`);
      for (const k of o.kpis) {
        const fmt = (x: number | null | undefined) => formatKpiValue(x ?? null, k.unit, { currency });
        out.push(
          `    ${k.name.padEnd(30)} actual ${fmt(k.actual.value).padStart(16)}  target ${fmt(k.target?.value).padStart(16)}  attainment ${pct(k.attainmentPct).padStart(7)}  score ${score(k.score)}  ${BAND[k.band]}  w ${k.weight}%→${k.effectiveWeight.toFixed(1)}%`,
        );
        if (k.noDataReason) out.push(`      no data: ${k.noDataReason}`);
        if (k.excluded.length > 0) {
          out.push(
            `      ⚑ ${k.excluded.length} outlier deal(s) left out: ${k.excluded.map((d) => `${d.opportunityId} (${formatKpiValue(d.amountMinor, 'currency', { currency })})`).join(', ')}`,
          );
        }
        if (provenance && k.target) for (const step of k.target.provenance) out.push(`      target: ${step}`);
        if (k.band === 'red' && v.children.length > 0) {
          const byChild = v.children
            .map((ch) => ({ ch, kpi: ch.kpis.find((x) => x.kpiId === k.kpiId) }))
            .filter((x) => x.kpi?.value != null)
            .sort((a, b) => ((a.kpi?.value ?? 0) - (b.kpi?.value ?? 0)) * (k.direction === 'lower_is_better' ? -1 : 1));
          out.push(`      ↳ by child, worst first: ${byChild.map((x) => `${x.ch.node.name} ${fmt(x.kpi?.value)}`).join(' · ')}`);
          const worst = byChild[0];
          if (worst)
            out.push(
              `      ↳ the rows behind it: cairn kpi explain ${k.kpiId} --node ${worst.ch.node.kind}:${worst.ch.node.id} --period ${c.periodLabel}`,
            );
        }
      }
    }
  }
  if (c.redistributions.length > 0) out.push('', 'weight redistributed:', ...c.redistributions.map((r) => `  ${r}`));
  if (v.children.length > 0) {
    out.push('', `children (${v.children.length}), lowest score first:`);
    for (const ch of v.children)
      out.push(
        `  ${ch.node.name.padEnd(32)} ${ch.node.kind.padEnd(9)} ${ch.node.id.padEnd(12)} score ${score(ch.score)}  ${BAND[ch.band as keyof typeof BAND] ?? ch.band}`,
      );
  }
  return out.join('\n');
}
