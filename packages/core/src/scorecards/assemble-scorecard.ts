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
import { grainMonths, trailingPeriodCount } from './baseline-target';
import { buildKpiTarget } from './build-kpi-target';
import { parentAt, potentialsAt, regionAt } from './org-at';
import { rollUpScorecard } from './roll-up-scorecard';
import { QUOTA_CARRIERS, type ScorecardData } from './scorecard-inputs';
import type { ExcludedDeal, KpiActual, KpiTarget, Scorecard, ScorecardTemplate } from './scorecard-types';
import { indexForPeriod, type SeasonalityIndex, seasonalityIndex } from './seasonality-index';
import { territoryFactor } from './territory-factor';

export interface ScorePeriod {
  grain: 'month' | 'quarter' | 'year';
  start: string;
  label: string;
}

/** What is shared by every node of one period: potentials and peers, computed once. */
export interface PeriodContext {
  period: ScorePeriod;
  /** The last day of the period: whose org chart and territories count. */
  asOf: string;
  potentials: Map<string, number>;
  /** Node kind → the potentials of every node of that kind. */
  peers: Map<string, number[]>;
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

/** Seasonality indices from the enterprise's monthly values, memoised per KPI and fiscal year. */
export class SeasonalityCache {
  private readonly cache = new Map<string, SeasonalityIndex>();
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
          const v = this.data.actuals.get(`${this.enterpriseKey}|month|${m}`)?.get(kpiId)?.value;
          if (v !== null && v !== undefined) months.push({ monthStart: m, value: v });
        }
      }
      idx = seasonalityIndex(months, cal, yearStart);
      this.cache.set(key, idx);
    }
    return idx;
  }
}

/** The engine's quota of a measure for the node and period: the denominator of the KPI that carries it. */
function quotaOf(own: Map<string, KpiActual>, measure: string): number | null {
  const carrier = QUOTA_CARRIERS[measure];
  return carrier ? (own.get(carrier)?.denominator ?? null) || null : null;
}

export function assembleScorecard(data: ScorecardData, key: string, ctx: PeriodContext, seasonality: SeasonalityCache): Scorecard | null {
  const node = data.nodes.get(key);
  if (!node) return null;
  const template = templateFor(data.templates, node.kind, node.role, node.style);
  if (!template) return null;
  const { period } = ctx;
  const cal = data.calendar;
  const at = (start: string) => data.actuals.get(`${key}|${period.grain}|${start}`);
  const own = at(period.start) ?? new Map<string, KpiActual>();
  const actuals = new Map<string, KpiActual>();
  const targets = new Map<string, KpiTarget>();
  const excluded = new Map<string, ExcludedDeal[]>();
  const targetGaps = new Map<string, string>();
  const region = regionAt(data, key, ctx.asOf);
  for (const p of template.perspectives) {
    for (const o of p.objectives) {
      for (const k of o.kpis) {
        const kpi = data.catalog.kpis.get(k.kpiId);
        if (!kpi) continue;
        let actual = own.get(k.kpiId) ?? { value: null, numerator: null, denominator: null };
        const exclusion = data.exclusions.get(`${key}|${period.grain}|${period.start}|${k.kpiId}`);
        if (exclusion && exclusion.deals.length > 0) {
          const ratio = splitRatio(kpi.formula);
          const scale = ratio?.scale ? evaluateMeasureExpr(ratio.scale, new Map()) : 1;
          actual = adjustActual(actual, [{ numerator: exclusion.numerator, denominator: exclusion.denominator }], scale);
          excluded.set(k.kpiId, exclusion.deals);
        }
        actuals.set(k.kpiId, actual);
        const count = trailingPeriodCount(period.grain);
        const trailingPeriods =
          k.target.source === 'baseline' && k.target.method === 'trailing_4q'
            ? Array.from({ length: count }, (_, i) => at(addMonths(period.start, (i - count) * grainMonths(period.grain)))?.get(k.kpiId))
            : undefined;
        const idx = k.seasonal ? seasonality.get(k.kpiId, period.start, cal) : null;
        const index = idx ? indexForPeriod(idx, period.grain, period.start, cal) : null;
        const result = buildKpiTarget({
          policy: k.target,
          unit: kpi.unit,
          aggregation: kpi.aggregation,
          grain: period.grain,
          quota: k.target.source === 'quota' ? quotaOf(own, k.target.measure) : null,
          trailingPeriods,
          sameLastYear: data.actuals.get(`${key}|${period.grain}|${addMonths(period.start, -12)}`)?.get(k.kpiId),
          seasonality:
            idx && index !== null
              ? {
                  index,
                  step:
                    idx.yearsUsed.length === 0
                      ? 'no seasonality: no complete fiscal year of history'
                      : `× seasonality ${index.toFixed(3)} (${period.label}, from ${idx.yearsUsed.join(', ')})`,
                }
              : null,
          territory: k.territoryAdjusted ? territoryFactor(ctx.potentials.get(key) ?? null, ctx.peers.get(node.kind) ?? []) : null,
          override: data.overrides.get(`${k.kpiId}|${key}|${period.label}`) ?? null,
        });
        if (result.ok) targets.set(k.kpiId, { ...result.target, kpiId: k.kpiId });
        else targetGaps.set(k.kpiId, result.reason);
      }
    }
  }
  const tolerancePp = (kpiId: string): number =>
    region === null ? 0 : (data.tolerances.get(`${region}|${kpiId}`) ?? data.tolerances.get(`${region}|*`) ?? 0);
  return rollUpScorecard(template, { kind: node.kind, id: node.id, name: node.name }, period.label, actuals, targets, {
    catalog: data.catalog,
    tolerancePp,
    excluded,
    targetGaps,
  });
}

/** Potentials and peers of every node kind on the period's last day. */
export function periodContext(data: ScorecardData, period: ScorePeriod): PeriodContext {
  const asOf = addDays(periodOf(period.start, period.grain, data.calendar).end, -1);
  const potentials = potentialsAt(data, asOf);
  const peers = new Map<string, number[]>();
  for (const [k, v] of potentials) {
    const kind = k.slice(0, k.indexOf(':'));
    const list = peers.get(kind) ?? [];
    list.push(v);
    peers.set(kind, list);
  }
  return { period, asOf, potentials, peers };
}

/** The parent of a node on the period's last day, for the scorecard tree. */
export function scorecardParent(data: ScorecardData, key: string, ctx: PeriodContext): string | null {
  return parentAt(data, key, ctx.asOf);
}
