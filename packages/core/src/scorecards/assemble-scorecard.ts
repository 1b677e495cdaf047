/**
 * One node's scorecard for one period, assembled from the engine's values:
 * pick the template for the node, build each KPI's target (with every step
 * written down), take outlier deals out where the template says so, and roll
 * the scores up. A node's actuals are always its own engine values — a
 * region's win rate is the region's, never the mean of its teams'.
 */
import { addDays, addMonths } from '../domain/civil-date';
import { type FiscalCalendar, periodOf } from '../domain/fiscal-calendar';
import { evaluateMeasureExpr } from '../metrics/evaluate-measure-expr';
import { splitRatio } from '../metrics/split-ratio';
import { adjustActual } from './adjust-for-outliers';
import { emptyTrailingSums, grainMonths, type TrailingSums, trailingPeriodCount } from './baseline-target';
import { buildKpiTarget } from './build-kpi-target';
import { parentAt, potentialsAt, regionAt } from './org-at';
import { rollUpScorecard } from './roll-up-scorecard';
import { QUOTA_CARRIERS, type ScorecardData } from './scorecard-inputs';
import type { KpiDef } from '../metrics/kpi-definition';
import type { ExcludedDeal, KpiActual, KpiTarget, Scorecard, ScorecardTemplate, TemplateKpi } from './scorecard-types';
import { indexForPeriod, type SeasonalityIndex, seasonalityIndex } from './seasonality-index';
import { type PeerStats, peerStats, territoryFactorAmong } from './territory-factor';

export interface ScorePeriod {
  grain: 'month' | 'quarter' | 'year';
  start: string;
  label: string;
}

/** What is shared by every node of one period, computed once: where its history sits, potentials and peers. */
export interface PeriodContext {
  period: ScorePeriod;
  /** The period's index in the actuals table (-1: no node has values). */
  index: number;
  /** Indices of the trailing four quarters at the period's grain, oldest first (-1: no values). */
  trailing: number[];
  /** Index of the same period last year (-1: no values). */
  lastYear: number;
  /** The last day of the period: whose org chart and territories count. */
  asOf: string;
  /** Each node's parent on asOf, filled as nodes are placed (every node of a period shares its ancestors). */
  parents: Map<string, string | null>;
  potentials: Map<string, number>;
  /** Node kind → its peers' potentials, summarised. */
  peers: Map<string, PeerStats>;
  /** Nodes with an outlier exclusion or a target override in this period; the rest skip those lookups. */
  excludedNodes: ReadonlySet<string>;
  overriddenNodes: Set<string>;
  /** Each template's KPIs as every node of the period reads them, prepared once (preparedKpis). */
  prepared: Map<string, PreparedKpi[]>;
}

/** A template KPI with what every node of one period looks up for it: its definition, table column and seasonality. */
interface PreparedKpi {
  k: TemplateKpi;
  kpi: KpiDef;
  ki: number;
  /** The factor an outlier adjustment scales a ratio by (100 for a percentage). */
  scale: number;
  seasonal: { idx: SeasonalityIndex; index: number } | null;
}

function preparedKpis(data: ScorecardData, template: ScorecardTemplate, ctx: PeriodContext, seasonality: SeasonalityCache): PreparedKpi[] {
  let list = ctx.prepared.get(template.id);
  if (list) return list;
  list = [];
  for (const p of template.perspectives) {
    for (const o of p.objectives) {
      for (const k of o.kpis) {
        const kpi = data.catalog.kpis.get(k.kpiId);
        if (!kpi) continue;
        const ratio = splitRatio(kpi.formula);
        list.push({
          k,
          kpi,
          ki: data.actuals.kpiIndex(k.kpiId),
          scale: ratio?.scale ? evaluateMeasureExpr(ratio.scale, new Map()) : 1,
          seasonal: k.seasonal ? seasonality.forPeriod(k.kpiId, ctx.period, data.calendar) : null,
        });
      }
    }
  }
  ctx.prepared.set(template.id, list);
  return list;
}

/** The template for a node: its org level, or its role with its selling style (a style-less template fits any style). */
export function templateFor(
  templates: readonly ScorecardTemplate[],
  kind: string,
  role: string | null,
  style: string | null,
): ScorecardTemplate | null {
  if (kind !== 'rep') return templates.find((t) => t.subject.kind === 'org_level' && t.subject.level === kind) ?? null;
  const forRole = templates.filter((t) => t.subject.kind === 'rep' && t.subject.role === role);
  return (
    forRole.find((t) => t.subject.kind === 'rep' && t.subject.style === style) ??
    forRole.find((t) => t.subject.kind === 'rep' && t.subject.style === null) ??
    null
  );
}

/** Each node's template, found once per loaded org chart and set of templates (a full run asks for every node in every period). */
const TEMPLATE_OF = new WeakMap<
  ScorecardData['nodes'],
  { templates: readonly ScorecardTemplate[]; byNode: Map<string, ScorecardTemplate | null> }
>();

function templateForNode(data: ScorecardData, key: string, node: { kind: string; role: string | null; style: string | null }) {
  let cache = TEMPLATE_OF.get(data.nodes);
  if (!cache || cache.templates !== data.templates) {
    cache = { templates: data.templates, byNode: new Map() };
    TEMPLATE_OF.set(data.nodes, cache);
  }
  let t = cache.byNode.get(key);
  if (t === undefined) {
    t = templateFor(data.templates, node.kind, node.role, node.style);
    cache.byNode.set(key, t);
  }
  return t;
}

/** Seasonality indices from the enterprise's monthly values, memoised per KPI and fiscal year, and per KPI and period. */
export class SeasonalityCache {
  private readonly cache = new Map<string, SeasonalityIndex>();
  private readonly byPeriod = new Map<string, { idx: SeasonalityIndex; index: number }>();
  constructor(
    private readonly data: ScorecardData,
    private readonly enterpriseKey: string | null,
  ) {}

  get(kpiId: string, periodStart: string, cal: FiscalCalendar): SeasonalityIndex {
    const yearStart = periodOf(periodStart, 'year', cal).start;
    const key = `${kpiId}|${yearStart}`;
    let idx = this.cache.get(key);
    if (!idx) {
      const months: { monthStart: string; value: number }[] = [];
      if (this.enterpriseKey) {
        // Up to three complete fiscal years before this one.
        for (let m = addMonths(yearStart, -36); m < yearStart; m = addMonths(m, 1)) {
          const v = this.data.actuals.get(this.enterpriseKey, 'month', m, kpiId)?.value;
          if (v !== null && v !== undefined) months.push({ monthStart: m, value: v });
        }
      }
      idx = seasonalityIndex(months, cal, yearStart);
      this.cache.set(key, idx);
    }
    return idx;
  }

  /** The index of a month or quarter (1 for a year) with the years it came from. */
  forPeriod(kpiId: string, period: ScorePeriod, cal: FiscalCalendar): { idx: SeasonalityIndex; index: number } {
    const key = `${kpiId}|${period.grain}|${period.start}`;
    let got = this.byPeriod.get(key);
    if (!got) {
      const idx = this.get(kpiId, period.start, cal);
      got = { idx, index: indexForPeriod(idx, period.grain, period.start, cal) };
      this.byPeriod.set(key, got);
    }
    return got;
  }
}

/** A KPI the node has no value of (shared: actuals are never modified, an adjustment makes a new one). */
const NO_VALUE: KpiActual = Object.freeze({ value: null, numerator: null, denominator: null });

/** The trailing fold every KPI of every scorecard reuses: buildKpiTarget reads it before the next KPI refills it. */
const TRAILING: TrailingSums = emptyTrailingSums(0);

/** The engine's quota of a measure for the node and period: the denominator of the KPI that carries it. */
function quotaOf(table: ScorecardData['actuals'], n: number, p: number, measure: string): number | null {
  const carrier = QUOTA_CARRIERS[measure];
  return carrier ? table.actual(n, p, table.kpiIndex(carrier))?.denominator || null : null;
}

/**
 * The node's scorecard for the period, or null when no template fits it.
 * `explain: false` (a full run, which stores only the summary) leaves the
 * targets' steps and the weight moves unsaid; every number is the same.
 */
export function assembleScorecard(
  data: ScorecardData,
  key: string,
  ctx: PeriodContext,
  seasonality: SeasonalityCache,
  { explain = true }: { explain?: boolean } = {},
): Scorecard | null {
  const node = data.nodes.get(key);
  if (!node) return null;
  const template = templateForNode(data, key, node);
  if (!template) return null;
  const { period } = ctx;
  const table = data.actuals;
  const n = table.nodeIndex(key);
  const actuals = new Map<string, KpiActual>();
  const targets = new Map<string, KpiTarget>();
  // Most scorecards have no exclusion and every target: these two are made when first needed.
  let excluded: Map<string, ExcludedDeal[]> | undefined;
  let targetGaps: Map<string, string> | undefined;
  const mayExclude = ctx.excludedNodes.has(key);
  const mayOverride = ctx.overriddenNodes.has(key);
  for (const { k, kpi, ki, scale, seasonal } of preparedKpis(data, template, ctx, seasonality)) {
    let actual = table.actual(n, ctx.index, ki) ?? NO_VALUE;
    const exclusion = mayExclude ? data.exclusions.get(`${key}|${period.grain}|${period.start}|${k.kpiId}`) : undefined;
    if (exclusion && exclusion.deals.length > 0) {
      actual = adjustActual(actual, [{ numerator: exclusion.numerator, denominator: exclusion.denominator }], scale);
      excluded ??= new Map();
      excluded.set(k.kpiId, exclusion.deals);
    }
    actuals.set(k.kpiId, actual);
    const trailingPeriods =
      k.target.source === 'baseline' && k.target.method === 'trailing_4q' ? table.foldTrailing(n, ctx.trailing, ki, TRAILING) : undefined;
    const idx = seasonal?.idx;
    const index = seasonal?.index ?? null;
    const result = buildKpiTarget({
      policy: k.target,
      unit: kpi.unit,
      aggregation: kpi.aggregation,
      grain: period.grain,
      quota: k.target.source === 'quota' ? quotaOf(table, n, ctx.index, k.target.measure) : null,
      trailingPeriods,
      sameLastYear:
        k.target.source === 'baseline' && k.target.method === 'last_year_growth' ? table.actual(n, ctx.lastYear, ki) : undefined,
      seasonality:
        idx && index !== null
          ? {
              index,
              step: !explain
                ? ''
                : idx.yearsUsed.length === 0
                  ? 'no seasonality: no complete fiscal year of history'
                  : `× seasonality ${index.toFixed(3)} (${period.label}, from ${idx.yearsUsed.join(', ')})`,
            }
          : null,
      territory: k.territoryAdjusted
        ? territoryFactorAmong(ctx.potentials.get(key) ?? null, ctx.peers.get(node.kind) ?? { count: 0, mean: 0 }, explain)
        : null,
      override: mayOverride ? (data.overrides.get(`${k.kpiId}|${key}|${period.label}`) ?? null) : null,
      explain,
    });
    if (result.ok) {
      result.target.kpiId = k.kpiId; // built just now for this KPI: no copy
      targets.set(k.kpiId, result.target);
    } else {
      targetGaps ??= new Map();
      targetGaps.set(k.kpiId, result.reason);
    }
  }
  const region = data.tolerances.size === 0 ? null : regionAt(data, key, ctx.asOf, ctx.parents);
  const tolerancePp =
    region === null ? 0 : (kpiId: string): number => data.tolerances.get(`${region}|${kpiId}`) ?? data.tolerances.get(`${region}|*`) ?? 0;
  return rollUpScorecard(template, { kind: node.kind, id: node.id, name: node.name }, period.label, actuals, targets, {
    catalog: data.catalog,
    tolerancePp,
    excluded,
    targetGaps,
    explain,
  });
}

/**
 * The org chart as of one day, as scoring reads it: parents (filled as nodes
 * are placed), market potentials and each node kind's peers. A month, its
 * quarter and its year end on the same day and share it.
 */
export interface OrgDay {
  parents: Map<string, string | null>;
  potentials: Map<string, number>;
  peers: Map<string, PeerStats>;
}

function orgDay(data: ScorecardData, asOf: string): OrgDay {
  const parents = new Map<string, string | null>();
  const potentials = potentialsAt(data, asOf, parents);
  const byKind = new Map<string, number[]>();
  for (const [k, v] of potentials) {
    const kind = k.slice(0, k.indexOf(':'));
    const list = byKind.get(kind) ?? [];
    list.push(v);
    byKind.set(kind, list);
  }
  return { parents, potentials, peers: new Map([...byKind].map(([kind, list]) => [kind, peerStats(list)])) };
}

const NO_NODES: ReadonlySet<string> = new Set();
const BY_PERIOD = new WeakMap<ScorecardData['exclusions'], { size: number; byPeriod: Map<string, Set<string>> }>();

/** `grain|start` → the nodes with an exclusion in that period, from `node|grain|start|kpi` keys (once per set of exclusions). */
function exclusionsByPeriod(exclusions: ScorecardData['exclusions']): Map<string, Set<string>> {
  let got = BY_PERIOD.get(exclusions);
  if (!got || got.size !== exclusions.size) {
    const byPeriod = new Map<string, Set<string>>();
    for (const k of exclusions.keys()) {
      // Read from the end: a node id may hold a `|`, a KPI id, grain and date never do.
      const kpiAt = k.lastIndexOf('|');
      const startAt = k.lastIndexOf('|', kpiAt - 1);
      const grainAt = k.lastIndexOf('|', startAt - 1);
      if (grainAt <= 0) continue;
      const node = k.slice(0, grainAt);
      const key = k.slice(grainAt + 1, kpiAt);
      let nodes = byPeriod.get(key);
      if (!nodes) {
        nodes = new Set();
        byPeriod.set(key, nodes);
      }
      nodes.add(node);
    }
    got = { size: exclusions.size, byPeriod };
    BY_PERIOD.set(exclusions, got);
  }
  return got.byPeriod;
}

/**
 * Where the period's history sits, potentials and peers of every node kind on its last day, and who has
 * exceptions. `days` keeps each day's org chart for the next period ending the same day.
 */
export function periodContext(data: ScorecardData, period: ScorePeriod, days?: Map<string, OrgDay>): PeriodContext {
  const asOf = addDays(periodOf(period.start, period.grain, data.calendar).end, -1);
  let day = days?.get(asOf);
  if (!day) {
    day = orgDay(data, asOf);
    days?.set(asOf, day);
  }
  const { parents, potentials, peers } = day;
  const table = data.actuals;
  const count = trailingPeriodCount(period.grain);
  const step = grainMonths(period.grain);
  const trailing = Array.from({ length: count }, (_, i) => table.periodIndex(period.grain, addMonths(period.start, (i - count) * step)));
  const excludedNodes = exclusionsByPeriod(data.exclusions).get(`${period.grain}|${period.start}`) ?? NO_NODES;
  const overriddenNodes = new Set<string>();
  for (const k of data.overrides.keys()) {
    const [, node, label] = k.split('|');
    if (node && label === period.label) overriddenNodes.add(node);
  }
  return {
    period,
    index: table.periodIndex(period.grain, period.start),
    trailing,
    lastYear: table.periodIndex(period.grain, addMonths(period.start, -12)),
    asOf,
    parents,
    potentials,
    peers,
    excludedNodes,
    overriddenNodes,
    prepared: new Map(),
  };
}

/** The parent of a node on the period's last day, for the scorecard tree. */
export function scorecardParent(data: ScorecardData, key: string, ctx: PeriodContext): string | null {
  return parentAt(data, key, ctx.asOf, ctx.parents);
}
