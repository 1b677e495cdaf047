/**
 * The shapes of balanced scorecards: templates as written in kpis/scorecards/,
 * targets with their provenance, and a scored scorecard tree. A template that
 * reaches these types has been validated against the KPI catalog, so scoring
 * can trust every KPI id, weight and band in it.
 *
 * Scores never come from averaging children: a node's KPI actuals are the
 * metric engine's values for that node; only scores (0–10) are weighted up the
 * template's own tree (KPI → objective → perspective → overall).
 */
import type { Direction, KpiUnit, Perspective } from '../metrics/kpi-definition';
import type { NodeKind } from '../metrics/org-node';

export const SCORED_ROLES = ['AE', 'SDR', 'AM'] as const;
export type ScoredRole = (typeof SCORED_ROLES)[number];

export const ORG_LEVELS = ['enterprise', 'division', 'region', 'team'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

/** What a template is for: an org level, or reps of a role (and optionally one selling style). */
export type TemplateSubject = { kind: 'org_level'; level: OrgLevel } | { kind: 'rep'; role: ScoredRole; style: 'hunter' | 'farmer' | null };

/**
 * How attainment becomes a band.
 * - `relative`: attainment (actual vs target, direction-aware) against thresholds in percent of target.
 * - `absolute`: the actual itself against thresholds in the KPI's unit (NPS 40 is green anywhere);
 *   refused for currency and count KPIs, whose size depends on the node.
 * - `in_band`: best inside [target − tolerance, target + tolerance]; only for in_band KPIs.
 */
export type BandSpec =
  | { type: 'relative'; greenAtPct: number; redBelowPct: number }
  | { type: 'absolute'; green: number; red: number }
  | { type: 'in_band'; tolerancePct: number; redBeyondPct: number };

/** Where a KPI's target comes from, per template KPI. */
export type TargetPolicy =
  | { source: 'quota'; measure: string }
  | { source: 'baseline'; method: 'trailing_4q' }
  | { source: 'baseline'; method: 'last_year_growth'; growthPct: number }
  | { source: 'fixed'; value: number };

export interface TemplateKpi {
  kpiId: string;
  /** Percent of the objective; an objective's KPI weights sum to 100. */
  weight: number;
  band: BandSpec;
  target: TargetPolicy;
  /** Apply the seasonality index to monthly and quarterly targets (additive KPIs only). */
  seasonal: boolean;
  /** Scale the target by the territory's market potential relative to its peers. */
  territoryAdjusted: boolean;
}

export interface TemplateObjective {
  id: string;
  name: string;
  weight: number;
  kpis: TemplateKpi[];
}

export interface TemplatePerspective {
  perspective: Perspective;
  weight: number;
  objectives: TemplateObjective[];
}

/** A cause-and-effect link of the strategy map, from one objective to another. */
export interface ObjectiveLink {
  from: string;
  to: string;
  rationale: string;
}

/** Leave single deals larger than `multiple` × their segment's median won deal out of the listed KPIs. */
export interface OutlierRule {
  rule: 'outlier_deal';
  multiple: number;
  kpis: string[];
}

export interface ScorecardTemplate {
  id: string;
  name: string;
  description: string;
  subject: TemplateSubject;
  version: number;
  perspectives: TemplatePerspective[];
  links: ObjectiveLink[];
  exceptions: OutlierRule[];
  source: string;
}

/** A target for one KPI at one node and period, with every step that made it. */
export interface KpiTarget {
  kpiId: string;
  value: number;
  source: 'quota' | 'baseline_trailing_4q' | 'baseline_last_year_growth' | 'fixed' | 'override';
  /** Human-readable steps, in order: "trailing 4 quarters: 1,234,000.00", "× seasonality 1.08 (Q4)", … */
  provenance: string[];
  overrideReason: string | null;
}

export type Band = 'green' | 'amber' | 'red' | 'no_data';

/** A deal left out of a KPI by an outlier rule, listed on the scorecard. */
export interface ExcludedDeal {
  opportunityId: string;
  amountMinor: number;
  segment: string;
  segmentMedianMinor: number;
}

/** The engine's value for a node and period: the numerator and denominator it was computed from. */
export interface KpiActual {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface ScoredKpi {
  kpiId: string;
  name: string;
  unit: KpiUnit;
  direction: Direction;
  weight: number;
  /** The weight after redistributing missing siblings' weight; 0 when this KPI has no data. */
  effectiveWeight: number;
  actual: KpiActual;
  target: KpiTarget | null;
  attainmentPct: number | null;
  score: number | null;
  band: Band;
  /** Why there is no score ("no value for this period", "target is zero"). */
  noDataReason: string | null;
  excluded: ExcludedDeal[];
}

export interface ScoredObjective {
  id: string;
  name: string;
  weight: number;
  effectiveWeight: number;
  score: number | null;
  band: Band;
  kpis: ScoredKpi[];
}

export interface ScoredPerspective {
  perspective: Perspective;
  weight: number;
  effectiveWeight: number;
  score: number | null;
  band: Band;
  objectives: ScoredObjective[];
}

export interface ScorecardNode {
  kind: NodeKind;
  id: string;
  name: string;
}

export interface Scorecard {
  templateId: string;
  templateVersion: number;
  node: ScorecardNode;
  periodLabel: string;
  score: number | null;
  band: Band;
  perspectives: ScoredPerspective[];
  /** Each redistribution of a missing item's weight, said in words. */
  redistributions: string[];
}
