/**
 * A node's strategy map for a period: the template's objectives coloured by
 * the node's scorecard, and every cause-and-effect link checked against the
 * data — the Spearman correlation, across teams (or reps, for a rep's map)
 * and the quarters (months) up to this period, of the cause objective's lead KPI
 * with the effect objective's lead KPI at lags of 0, 1 and 2 periods. The
 * expected sign follows the KPIs' directions (more cross-sell, less churn).
 * The cross-sell KPIs are also checked against customer lifetime value and
 * churn whenever the catalog has them.
 */
import type { KpiCatalog } from '@cairn/core/metrics';
import {
  type LinkStrength,
  linkStrength,
  renderStrategyMapSvg,
  type ScorecardTemplate,
  type StrategyMapModel,
  templateFor,
} from '@cairn/core/scorecards';
import { joinSql, param, sql } from '@cairn/core/sql';
import type { CompanySettings } from '../db/company-settings';
import type { Store } from '../db/store';
import type { ExclusionCache } from './load-outlier-exclusions';
import { type ScorecardView, showScorecard } from './show-scorecard';

export interface CheckedLink {
  from: string;
  to: string;
  fromKpi: string;
  toKpi: string;
  rationale: string;
  strength: LinkStrength;
}

export interface StrategyMapResult {
  view: ScorecardView;
  model: StrategyMapModel;
  links: CheckedLink[];
  /** The level and grain the links were checked at. */
  checkedAcross: { level: 'rep' | 'team'; grain: 'month' | 'quarter' };
  /** Cross-sell KPIs against customer lifetime value and churn. */
  crossSellChecks: CheckedLink[];
  svg: string;
}

const CROSS_SELL_KPIS = ['cross_sell_ratio', 'lines_per_customer', 'cross_sell_revenue_share'];
const OUTCOME_KPIS = ['customer_lifetime_value', 'churn_rate'];

/** The objective's highest-weighted KPI stands for it in link checks. */
function leadKpi(template: ScorecardTemplate, objectiveId: string): string | null {
  for (const p of template.perspectives) {
    const o = p.objectives.find((x) => x.id === objectiveId);
    if (o) return [...o.kpis].sort((a, b) => b.weight - a.weight)[0]?.kpiId ?? null;
  }
  return null;
}

export async function buildStrategyMap(
  store: Store,
  settings: CompanySettings,
  catalog: KpiCatalog,
  templates: ScorecardTemplate[],
  req: { node: string; period: string },
  cache?: { exclusions: ExclusionCache },
): Promise<StrategyMapResult> {
  const view = await showScorecard(store, settings, catalog, templates, req, cache);
  const card = view.scorecard;
  const template = templates.find((t) => t.id === card.templateId) ?? templateFor(templates, card.node.kind, null, null);
  if (!template) throw new Error(`template ${card.templateId} vanished`);
  const pairs: { from: string; to: string; fromKpi: string; toKpi: string; rationale: string }[] = [];
  for (const l of template.links) {
    const fromKpi = leadKpi(template, l.from);
    const toKpi = leadKpi(template, l.to);
    if (fromKpi && toKpi) pairs.push({ from: l.from, to: l.to, fromKpi, toKpi, rationale: l.rationale });
  }
  const checks: typeof pairs = [];
  for (const c of CROSS_SELL_KPIS.filter((k) => catalog.kpis.has(k)))
    for (const o of OUTCOME_KPIS.filter((k) => catalog.kpis.has(k)))
      checks.push({ from: c, to: o, fromKpi: c, toKpi: o, rationale: 'cross-selling should raise lifetime value and lower churn' });

  const kpis = [...new Set([...pairs, ...checks].flatMap((p) => [p.fromKpi, p.toKpi]))];
  const level = checkLevel(card.node.kind);
  const grain = view.period.grain === 'month' ? 'month' : 'quarter';
  const series = await seriesOf(store, kpis, level, grain, view.period.start);
  const sign = (k: string) => (catalog.kpis.get(k)?.direction === 'lower_is_better' ? -1 : 1);
  const check = (p: (typeof pairs)[number]): CheckedLink => ({
    ...p,
    strength: linkStrength(
      series.get(p.fromKpi) ?? new Map(),
      series.get(p.toKpi) ?? new Map(),
      [0, 1, 2],
      (sign(p.fromKpi) * sign(p.toKpi)) as 1 | -1,
    ),
  });
  const links = pairs.map(check);
  const objectives = card.perspectives.flatMap((p) =>
    p.objectives.map((o) => ({ id: o.id, name: o.name, perspective: p.perspective, score: o.score, band: o.band })),
  );
  const model: StrategyMapModel = {
    title: `${template.name}: ${card.node.name}, ${card.periodLabel}`,
    objectives,
    links: links.map((l) => ({
      from: l.from,
      to: l.to,
      rho: l.strength.verdict.rho ?? bestRho(l.strength),
      supported: l.strength.verdict.supported,
      lag: l.strength.verdict.lag,
    })),
  };
  return { view, model, links, checkedAcross: { level, grain }, crossSellChecks: checks.map(check), svg: renderStrategyMapSvg(model) };
}

/**
 * Where links are checked: an enterprise, division or region has too few
 * peers (and periods) for a correlation to mean anything, so their links are
 * checked across teams; teams across teams, reps across reps. Quarters unless
 * the map is for a month: a year has too few periods for lags of 1 and 2.
 */
function checkLevel(kind: string): 'rep' | 'team' {
  return kind === 'rep' ? 'rep' : 'team';
}

function bestRho(s: LinkStrength): number | null {
  let best: number | null = null;
  for (const l of s.lags) if (l.rho !== null && (best === null || Math.abs(l.rho) > Math.abs(best))) best = l.rho;
  return best;
}

/** kpi → node id → values over the periods of `grain` up to `until`, oldest first. */
async function seriesOf(
  store: Store,
  kpis: string[],
  kind: string,
  grain: string,
  until: string,
): Promise<Map<string, Map<string, (number | null)[]>>> {
  const out = new Map<string, Map<string, (number | null)[]>>();
  if (kpis.length === 0) return out;
  const rows = await store.query<{ kpi_id: string; node_id: string; period_start: string; value: unknown }>(
    sql`SELECT kpi_id, node_id, CAST(period_start AS VARCHAR) AS period_start, value FROM kpi_value
      WHERE breakdown_dimension IS NULL AND node_kind = ${param(kind)} AND grain = ${param(grain)}
        AND period_start <= CAST(${param(until)} AS DATE) AND kpi_id IN (${joinSql(kpis.map((k) => param(k)))})`,
  );
  const periods = [...new Set(rows.map((r) => r.period_start))].sort();
  const index = new Map(periods.map((p, i) => [p, i]));
  for (const r of rows) {
    let byNode = out.get(r.kpi_id);
    if (!byNode) {
      byNode = new Map();
      out.set(r.kpi_id, byNode);
    }
    let values = byNode.get(r.node_id);
    if (!values) {
      values = new Array<number | null>(periods.length).fill(null);
      byNode.set(r.node_id, values);
    }
    values[index.get(r.period_start) ?? 0] = r.value === null ? null : Number(r.value);
  }
  return out;
}
