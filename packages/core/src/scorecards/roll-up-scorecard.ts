/**
 * Scores a template for one node and period. A node's KPI actuals are the
 * metric engine's values for that node (ratios recomputed from their parts,
 * never averaged); only the 0–10 scores are weighted up the template's tree:
 * KPIs → objective → perspective → overall.
 *
 * A KPI without data is never a zero: its weight goes to its scored siblings
 * (redistributeWeights), an objective none of whose KPIs has data is itself
 * without data and gives its weight to its sibling objectives, and so on up.
 * Every move is listed in `redistributions`. Parents take their band from
 * their score (bandForScore). Actuals arrive already adjusted by any outlier
 * rule; `excluded` lists the deals that were left out, to show beside the KPI.
 */
import type { KpiCatalog } from '../metrics/kpi-definition';
import { bandForScore } from './band-for-score';
import { perspectiveLabel } from './perspective-label';
import { redistributeWeights } from './redistribute-weights';
import type {
  Band,
  ExcludedDeal,
  KpiActual,
  KpiTarget,
  Scorecard,
  ScorecardNode,
  ScorecardTemplate,
  ScoredKpi,
  ScoredObjective,
  ScoredPerspective,
  TemplateKpi,
} from './scorecard-types';
import { scoreKpi } from './score-kpi';

export interface RollUpOptions {
  catalog: KpiCatalog;
  /**
   * The node's regional tolerance in percentage points (positive = more lenient), for all its KPIs or per
   * KPI; 0 when absent.
   */
  tolerancePp?: number | ((kpiId: string) => number);
  /** Deals an outlier rule left out, by KPI id. */
  excluded?: ReadonlyMap<string, ExcludedDeal[]>;
  /** Why a KPI has no target ("no quota for FY2024-Q3"), by KPI id; said instead of "no target for this period". */
  targetGaps?: ReadonlyMap<string, string>;
  /** Say each weight move in words (the default); a full run stores no sentences and skips them. */
  explain?: boolean;
}

const NO_ACTUAL: KpiActual = { value: null, numerator: null, denominator: null };
/** Shared by every KPI without exclusions (frozen: nobody adds to it). */
const NOTHING_EXCLUDED = Object.freeze([]) as unknown as ExcludedDeal[];

/** One KPI of the template, scored against its target (module level: a closure per scorecard costs a name each under tsx). */
function scoreOne(
  template: ScorecardTemplate,
  k: TemplateKpi,
  actuals: ReadonlyMap<string, KpiActual>,
  targets: ReadonlyMap<string, KpiTarget>,
  opts: RollUpOptions,
): ScoredKpi {
  const def = opts.catalog.kpis.get(k.kpiId);
  if (def === undefined) throw new Error(`template ${template.id} names KPI ${k.kpiId}, which the catalog does not hold`);
  const actual = actuals.get(k.kpiId) ?? NO_ACTUAL;
  const target = targets.get(k.kpiId) ?? null;
  const tolerance = opts.tolerancePp ?? 0;
  const scored = scoreKpi({
    actual: actual.value,
    target: target?.value ?? null,
    direction: def.direction,
    band: k.band,
    tolerancePp: typeof tolerance === 'number' ? tolerance : tolerance(k.kpiId),
  });
  const gap = target === null && scored.band === 'no_data' && actual.value !== null ? opts.targetGaps?.get(k.kpiId) : undefined;
  return {
    kpiId: k.kpiId,
    name: def.name,
    unit: def.unit,
    direction: def.direction,
    weight: k.weight,
    effectiveWeight: 0,
    actual,
    target,
    attainmentPct: scored.attainmentPct,
    score: scored.score,
    band: scored.band,
    noDataReason: gap ?? scored.noDataReason,
    excluded: opts.excluded?.get(k.kpiId) ?? NOTHING_EXCLUDED,
  };
}

/** A parent's score and band from its children's, with each child's effective weight set and every move said. */
function weigh<C extends { weight: number; score: number | null; effectiveWeight: number }>(
  label: string,
  children: C[],
  describe: (child: C) => { label: string; noDataReason: string | null },
  explain: boolean,
  redistributions: string[],
): { score: number | null; band: Band; weighted: C[] } {
  // Without sentences the children's names are not read, so they are passed as they are.
  const r = redistributeWeights(
    label,
    explain
      ? children.map((c) => {
          const d = describe(c);
          return { label: d.label, noDataReason: d.noDataReason, weight: c.weight, score: c.score };
        })
      : children,
    explain,
  );
  for (const s of r.sentences) redistributions.push(s);
  for (let i = 0; i < children.length; i++) (children[i] as C).effectiveWeight = r.effectiveWeights[i] ?? 0;
  return { score: r.score, band: bandForScore(r.score), weighted: children };
}

/** The scored scorecard of one node and period. */
export function rollUpScorecard(
  template: ScorecardTemplate,
  node: ScorecardNode,
  periodLabel: string,
  actuals: ReadonlyMap<string, KpiActual>,
  targets: ReadonlyMap<string, KpiTarget>,
  opts: RollUpOptions,
): Scorecard {
  const redistributions: string[] = [];
  const explain = opts.explain ?? true;

  const perspectives: ScoredPerspective[] = template.perspectives.map((p) => {
    const label = perspectiveLabel(p.perspective);
    const objectives: ScoredObjective[] = p.objectives.map((o) => {
      const up = weigh(
        explain ? `${label} › ${o.name}` : '',
        o.kpis.map((k) => scoreOne(template, k, actuals, targets, opts)),
        (k) => ({ label: k.kpiId, noDataReason: k.noDataReason }),
        explain,
        redistributions,
      );
      return { id: o.id, name: o.name, weight: o.weight, effectiveWeight: 0, score: up.score, band: up.band, kpis: up.weighted };
    });
    const up = weigh(label, objectives, (o) => ({ label: o.name, noDataReason: 'none of its KPIs has data' }), explain, redistributions);
    return { perspective: p.perspective, weight: p.weight, effectiveWeight: 0, score: up.score, band: up.band, objectives: up.weighted };
  });

  const overall = weigh(
    'Overall',
    perspectives,
    (p) => ({ label: perspectiveLabel(p.perspective), noDataReason: 'none of its objectives has data' }),
    explain,
    redistributions,
  );
  if (overall.score === null) redistributions.push('Overall: no perspective has data, so the scorecard has no score.');

  return {
    templateId: template.id,
    templateVersion: template.version,
    node,
    periodLabel,
    score: overall.score,
    band: overall.band,
    perspectives: overall.weighted,
    redistributions,
  };
}
