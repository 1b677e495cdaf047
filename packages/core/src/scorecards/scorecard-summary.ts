/**
 * The stored form of a scored scorecard: scores, bands and effective weights
 * of every perspective, objective and KPI, with each KPI's actual and target
 * — what the tree, the drill-down and the fairness report read. Names,
 * descriptions and the targets' provenance come from the template and are
 * rebuilt when one scorecard is shown, so a full run stores little.
 */
import type { Band, Scorecard } from './scorecard-types';

export type SummaryItem = [id: string, score: number | null, band: Band, effectiveWeight: number];
export type SummaryKpi = [
  kpiId: string,
  actual: number | null,
  target: number | null,
  attainmentPct: number | null,
  score: number | null,
  band: Band,
  effectiveWeight: number,
  excludedDeals: number,
];

export interface ScorecardSummary {
  perspectives: SummaryItem[];
  objectives: SummaryItem[];
  kpis: SummaryKpi[];
}

export function summariseScorecard(card: Scorecard): ScorecardSummary {
  const out: ScorecardSummary = { perspectives: [], objectives: [], kpis: [] };
  for (const p of card.perspectives) {
    out.perspectives.push([p.perspective, p.score, p.band, p.effectiveWeight]);
    for (const o of p.objectives) {
      out.objectives.push([o.id, o.score, o.band, o.effectiveWeight]);
      for (const k of o.kpis) {
        out.kpis.push([
          k.kpiId,
          k.actual.value,
          k.target?.value ?? null,
          k.attainmentPct,
          k.score,
          k.band,
          k.effectiveWeight,
          k.excluded.length,
        ]);
      }
    }
  }
  return out;
}
