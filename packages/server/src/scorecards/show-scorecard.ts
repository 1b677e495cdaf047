/**
 * One scorecard in full — every perspective, objective and KPI with actual,
 * target (and where the target came from), attainment, score and band — and
 * its children in the tree with their scores and what each contributes to the
 * parent's KPI values, so a red number can be followed down to the team, the
 * rep and, through explain, the deals. The scorecard is rebuilt from the same
 * inputs as the stored run, so it also reflects an override made since.
 */
import { DomainError, parsePeriod } from '@cairn/core/domain';
import { KPI_GRAINS, type KpiCatalog, type KpiGrain, type OrgNodeRef } from '@cairn/core/metrics';
import {
  assembleScorecard,
  nodeKey,
  periodContext,
  type Scorecard,
  type ScorecardTemplate,
  SeasonalityCache,
  scorecardParent,
} from '@cairn/core/scorecards';
import { joinSql, param, sql } from '@cairn/core/sql';
import type { CompanySettings } from '../db/company-settings';
import type { Store } from '../db/store';
import { resolveNode } from '../metrics/explain-kpi';
import { type ExclusionCache, loadOutlierExclusions } from './load-outlier-exclusions';
import { loadScorecardData } from './load-scorecard-data';

export interface ChildKpi {
  kpiId: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** The child's share of the parent's numerator (of its value for an additive KPI), 0–1. */
  shareOfParent: number | null;
}

export interface ScorecardChild {
  node: { kind: string; id: string; name: string };
  score: number | null;
  band: string;
  kpis: ChildKpi[];
}

export interface ScorecardView {
  scorecard: Scorecard;
  period: { label: string; grain: KpiGrain; start: string; end: string };
  parent: { kind: string; id: string; name: string } | null;
  children: ScorecardChild[];
}

export interface ShowScorecardRequest {
  node: string;
  period: string;
}

export async function showScorecard(
  store: Store,
  settings: CompanySettings,
  catalog: KpiCatalog,
  templates: ScorecardTemplate[],
  req: ShowScorecardRequest,
  cache?: { exclusions: ExclusionCache },
): Promise<ScorecardView> {
  const parsed = parsePeriod(req.period, settings.calendar);
  if (!parsed.ok) throw new DomainError('invalid_input', parsed.reason);
  const p = parsed.value;
  if (!KPI_GRAINS.includes(p.grain as KpiGrain)) {
    throw new DomainError(
      'invalid_input',
      `scorecards are by fiscal month, quarter or year (2025-08, FY2025-Q3, FY2025), not by ${p.grain}`,
    );
  }
  const node: OrgNodeRef = await resolveNode(store, req.node);
  const data = await loadScorecardData(store, settings.calendar, catalog, templates, node);
  if (cache) data.exclusions = await cache.exclusions.get(data);
  else await loadOutlierExclusions(store, data);
  const key = nodeKey(node.kind, node.id);
  const period = { grain: p.grain as KpiGrain, start: p.start, label: p.label };
  const ctx = periodContext(data, period);
  const enterprise = [...data.nodes.values()].find((n) => n.kind === 'enterprise');
  const card = assembleScorecard(data, key, ctx, new SeasonalityCache(data, enterprise ? nodeKey('enterprise', enterprise.id) : null));
  if (!card) {
    const info = data.nodes.get(key);
    if (!info) throw new DomainError('not_found', `no ${node.kind} ${node.id}; the node list (GET /api/v1/nodes) has every id`);
    throw new DomainError(
      'not_found',
      info.kind === 'rep'
        ? `no scorecard template for ${info.name}'s role ${info.role ?? '(none)'}${info.style ? ` (${info.style})` : ''}; add one under kpis/scorecards/`
        : `no scorecard template for ${node.kind} nodes; add one under kpis/scorecards/`,
    );
  }
  const parentKey = scorecardParent(data, key, ctx);
  const parentInfo = parentKey ? data.nodes.get(parentKey) : undefined;
  return {
    scorecard: card,
    period: { label: p.label, grain: p.grain as KpiGrain, start: p.start, end: p.end },
    parent: parentInfo ? { kind: parentInfo.kind, id: parentInfo.id, name: parentInfo.name } : null,
    children: await childrenOf(store, catalog, card, node, period.label),
  };
}

async function childrenOf(
  store: Store,
  catalog: KpiCatalog,
  card: Scorecard,
  node: OrgNodeRef,
  periodLabel: string,
): Promise<ScorecardChild[]> {
  const rows = await store.query<{ node_kind: string; node_id: string; score: number | null; band: string; payload: string }>(
    sql`SELECT node_kind, node_id, score, band, payload FROM scorecard_result
      WHERE parent_kind = ${param(node.kind)} AND parent_id = ${param(node.id)} AND period_label = ${param(periodLabel)}
      ORDER BY score, node_id`,
  );
  if (rows.length === 0) return [];
  const kpiIds = card.perspectives.flatMap((p) => p.objectives.flatMap((o) => o.kpis.map((k) => k.kpiId)));
  const names = new Map<string, string>();
  for (const kind of ['rep', 'org_unit'] as const) {
    const ids = rows.filter((r) => (kind === 'rep') === (r.node_kind === 'rep')).map((r) => r.node_id);
    if (ids.length === 0) continue;
    const found = await store.query<{ id: string; name: string }>(
      sql`SELECT id, name FROM ${kind === 'rep' ? sql`rep` : sql`org_unit`} WHERE id IN (${joinSql(ids.map((i) => param(i)))})`,
    );
    for (const f of found) names.set(f.id, f.name);
  }
  const values = await store.query<{
    node_kind: string;
    node_id: string;
    kpi_id: string;
    value: unknown;
    numerator: unknown;
    denominator: unknown;
  }>(
    sql`SELECT node_kind, node_id, kpi_id, value, numerator, denominator FROM kpi_value
      WHERE breakdown_dimension IS NULL AND period_label = ${param(periodLabel)} AND kpi_id IN (${joinSql(kpiIds.map((k) => param(k)))})
      AND ((node_kind = ${param(node.kind)} AND node_id = ${param(node.id)}) OR node_id IN (${joinSql(rows.map((r) => param(r.node_id)))}))`,
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const byNode = new Map<string, Map<string, { value: number | null; numerator: number | null; denominator: number | null }>>();
  for (const v of values) {
    const k = nodeKey(v.node_kind, v.node_id);
    const m = byNode.get(k) ?? new Map();
    m.set(v.kpi_id, { value: num(v.value), numerator: num(v.numerator), denominator: num(v.denominator) });
    byNode.set(k, m);
  }
  const parentValues = byNode.get(nodeKey(node.kind, node.id));
  return rows.map((r) => {
    const own = byNode.get(nodeKey(r.node_kind, r.node_id));
    return {
      node: { kind: r.node_kind, id: r.node_id, name: names.get(r.node_id) ?? r.node_id },
      score: r.score === null ? null : Number(r.score),
      band: r.band,
      kpis: kpiIds.map((kpiId) => {
        const v = own?.get(kpiId);
        const pv = parentValues?.get(kpiId);
        const additive = catalog.kpis.get(kpiId)?.aggregation === 'additive';
        const mine = additive ? v?.value : v?.numerator;
        const theirs = additive ? pv?.value : pv?.numerator;
        return {
          kpiId,
          value: v?.value ?? null,
          numerator: v?.numerator ?? null,
          denominator: v?.denominator ?? null,
          shareOfParent: mine != null && theirs ? mine / theirs : null,
        };
      }),
    };
  });
}
