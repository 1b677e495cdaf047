/**
 * Places the deals an outlier rule leaves out at every node and period they
 * count in — the rep who owned them and the team, region, division and
 * enterprise of that rep on the deal's date, for the month, quarter and year
 * — with what they added to each KPI's numerator and denominator. Scoring then
 * subtracts exactly that, so the KPI is recomputed from its parts without them.
 */
import { type FiscalCalendar, periodOf } from '../domain/fiscal-calendar';
import { rowShare } from '../metrics/evaluate-measure-expr';
import type { Expr } from '../metrics/formula-ast';
import type { Exclusion } from './scorecard-inputs';
import type { ExcludedDeal } from './scorecard-types';

/** One row of compileRowContributions: a deal's contribution to one measure. */
export interface MeasureContributionRow {
  measure: string;
  row_id: string;
  k_month: string;
  rep_id: string | null;
  team_id: string | null;
  region_id: string | null;
  division_id: string | null;
  enterprise_id: string | null;
  contribution: number;
}

export interface ExclusionKpi {
  kpiId: string;
  /** The numerator and denominator expressions over measures (the denominator is null for an additive KPI). */
  numerator: Expr;
  denominator: Expr | null;
}

const GRAINS = ['month', 'quarter', 'year'] as const;
const LEVELS = [
  ['rep', 'rep_id'],
  ['team', 'team_id'],
  ['region', 'region_id'],
  ['division', 'division_id'],
  ['enterprise', 'enterprise_id'],
] as const;

export function attributeExclusions(
  kpi: ExclusionKpi,
  rows: readonly MeasureContributionRow[],
  deals: ReadonlyMap<string, ExcludedDeal>,
  cal: FiscalCalendar,
): Map<string, Exclusion> {
  const perPlace = new Map<string, { measures: Map<string, number>; deals: Map<string, ExcludedDeal> }>();
  for (const r of rows) {
    const deal = deals.get(r.row_id);
    if (!deal) continue;
    for (const grain of GRAINS) {
      const start = periodOf(r.k_month, grain, cal).start;
      for (const [kind, column] of LEVELS) {
        const id = r[column];
        if (id === null) continue;
        const key = `${kind}:${id}|${grain}|${start}|${kpi.kpiId}`;
        let place = perPlace.get(key);
        if (!place) {
          place = { measures: new Map(), deals: new Map() };
          perPlace.set(key, place);
        }
        place.measures.set(r.measure, (place.measures.get(r.measure) ?? 0) + r.contribution);
        place.deals.set(deal.opportunityId, deal);
      }
    }
  }
  const out = new Map<string, Exclusion>();
  for (const [key, place] of perPlace) {
    out.set(key, {
      deals: [...place.deals.values()].sort((a, b) => b.amountMinor - a.amountMinor || a.opportunityId.localeCompare(b.opportunityId)),
      numerator: rowShare(kpi.numerator, place.measures),
      denominator: kpi.denominator ? rowShare(kpi.denominator, place.measures) : 0,
    });
  }
  return out;
}
