/**
 * The data a scorecard is assembled from, as plain maps: the org chart and
 * its history, territory potentials, the engine's KPI values, overrides,
 * tolerances and outlier exclusions. The server fills it with a few
 * set-based queries; scoring reads nothing else, so it is testable with
 * hand-built maps.
 */
import type { FiscalCalendar } from '../domain/fiscal-calendar';
import type { KpiCatalog } from '../metrics/kpi-definition';
import type { NodeKind } from '../metrics/org-node';
import type { TargetOverride } from './build-kpi-target';
import type { ActualsTable } from './actuals-table';
import type { ExcludedDeal, ScorecardTemplate } from './scorecard-types';

export interface NodeInfo {
  kind: NodeKind;
  id: string;
  name: string;
  /** Org units: the parent unit. Reps: none here; their team comes from assignments. */
  parentId: string | null;
  role: string | null;
  style: string | null;
  hireDate: string | null;
  trainingCohort: string | null;
}

export interface Assignment {
  repId: string;
  orgUnitId: string;
  territoryId: string | null;
  validFrom: string;
  validTo: string | null;
}

/** What outlier rules take out of one KPI at one node and period. */
export interface Exclusion {
  deals: ExcludedDeal[];
  numerator: number;
  denominator: number;
}

export interface ScorecardData {
  calendar: FiscalCalendar;
  catalog: KpiCatalog;
  templates: ScorecardTemplate[];
  nodes: Map<string, NodeInfo>;
  assignments: Map<string, Assignment[]>;
  territoryPotential: Map<string, number>;
  /** The engine's values by node, period and KPI, and every period that has values. */
  actuals: ActualsTable;
  /** `kpiId|nodeKey|periodLabel` → the latest override. */
  overrides: Map<string, TargetOverride>;
  /** `regionId|kpiId` (kpiId `*` for all) → tolerance in percentage points. */
  tolerances: Map<string, number>;
  /** `nodeKey|grain|periodStart|kpiId` → deals left out by an outlier rule. */
  exclusions: Map<string, Exclusion>;
}

export const nodeKey = (kind: string, id: string): string => `${kind}:${id}`;

/** The KPI that carries the engine's quota for a node and period in its denominator. */
export const QUOTA_KPI = 'quota_attainment';

/**
 * The quota measures a scorecard can read, each through the KPI whose
 * denominator is that quota rolled up by the engine. Quotas of the other
 * measures import and are kept, but no standard KPI reads them yet, so a
 * template that asks for one is refused rather than scored "no quota".
 */
export const QUOTA_CARRIERS: Readonly<Record<string, string>> = { bookings: QUOTA_KPI };

/** Every KPI a set of templates reads, plus the quota carriers. */
export function templateKpiIds(templates: readonly ScorecardTemplate[]): string[] {
  const ids = new Set<string>(Object.values(QUOTA_CARRIERS));
  for (const t of templates) for (const p of t.perspectives) for (const o of p.objectives) for (const k of o.kpis) ids.add(k.kpiId);
  return [...ids].sort();
}
