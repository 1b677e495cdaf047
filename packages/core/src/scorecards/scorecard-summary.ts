/**
 * The stored form of a scored scorecard: scores, bands and effective weights
 * of every perspective, objective and KPI, with each KPI's actual and target
 * — what the tree, the drill-down and the fairness report read. Names,
 * descriptions and the targets' provenance come from the template and are
 * rebuilt when one scorecard is shown, so a full run stores little.
 *
 * Stored positionally (encodeScorecardSummary): a full run writes a quarter of
 * a million of these, and spelling out every id and every derived number was
 * most of the bytes the database had to take in. The payload is a JSON array:
 *
 *   [layout id, perspective scores…, objective scores…,
 *    then per KPI: actual, target, attainment %, score, band letter, deals left out]
 *
 * in the order of the template's layout (scorecardLayout), which is stored
 * once under its id. What the layout and the stored numbers determine is not
 * stored: ids, parents' bands (bandForScore of their score) and effective
 * weights (the template's weights redistributed over the children that have
 * a score, redistributeWeights). readScorecardSummary rebuilds the full
 * summary, equal to summariseScorecard of the scorecard that was stored.
 */
import { bandForScore } from './band-for-score';
import { redistributeWeights } from './redistribute-weights';
import type { Band, Scorecard, ScorecardTemplate } from './scorecard-types';

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

/** A template's tree of ids and weights: all a positional summary needs to be read back. */
export interface ScorecardLayout {
  templateId: string;
  templateVersion: number;
  perspectives: { id: string; weight: number; objectives: { id: string; weight: number; kpis: { id: string; weight: number }[] }[] }[];
}

export function scorecardLayout(template: ScorecardTemplate): ScorecardLayout {
  return {
    templateId: template.id,
    templateVersion: template.version,
    perspectives: template.perspectives.map((p) => ({
      id: p.perspective,
      weight: p.weight,
      objectives: p.objectives.map((o) => ({ id: o.id, weight: o.weight, kpis: o.kpis.map((k) => ({ id: k.kpiId, weight: k.weight })) })),
    })),
  };
}

const BAND_LETTER: Record<Band, string> = { green: 'g', amber: 'a', red: 'r', no_data: 'n' };
const LETTER_BAND: Record<string, Band> = { g: 'green', a: 'amber', r: 'red', n: 'no_data' };

/** The stored payload of a scorecard scored with the layout stored under `layoutId`. */
export function encodeScorecardSummary(card: Scorecard, layoutId: string): string {
  const out: (string | number | null)[] = [layoutId];
  for (const p of card.perspectives) out.push(p.score);
  for (const p of card.perspectives) for (const o of p.objectives) out.push(o.score);
  for (const p of card.perspectives) {
    for (const o of p.objectives) {
      for (const k of o.kpis) {
        out.push(k.actual.value, k.target?.value ?? null, k.attainmentPct, k.score, BAND_LETTER[k.band], k.excluded.length);
      }
    }
  }
  return JSON.stringify(out);
}

/** The layout id a stored payload names (null for a payload stored before layouts, which names its ids itself). */
export function summaryLayoutId(payload: string): string | null {
  if (!payload.startsWith('["')) return null;
  const end = payload.indexOf('"', 2);
  return end < 0 ? null : payload.slice(2, end);
}

const KPI_FIELDS = 6;

/**
 * A stored payload read back as the full summary. `layout` is the one stored under the payload's layout id
 * (unused for a payload stored before layouts). Throws when the payload does not fit the layout.
 */
export function readScorecardSummary(payload: string, layout: ScorecardLayout | null): ScorecardSummary {
  const parsed = JSON.parse(payload) as unknown;
  if (!Array.isArray(parsed)) return parsed as ScorecardSummary;
  if (!layout) throw new Error(`a scorecard summary names layout ${String(parsed[0])}, which is not stored`);
  const objectives = layout.perspectives.flatMap((p) => p.objectives);
  const kpis = objectives.flatMap((o) => o.kpis);
  const expected = 1 + layout.perspectives.length + objectives.length + kpis.length * KPI_FIELDS;
  if (parsed.length !== expected) {
    throw new Error(`a scorecard summary has ${parsed.length} fields where layout ${String(parsed[0])} has ${expected}`);
  }
  const num = (i: number) => parsed[i] as number | null;
  const out: ScorecardSummary = { perspectives: [], objectives: [], kpis: [] };
  let pAt = 1;
  let oAt = 1 + layout.perspectives.length;
  let kAt = oAt + objectives.length;
  const overall = redistributeWeights(
    '',
    layout.perspectives.map((p, i) => ({ weight: p.weight, score: num(1 + i) })),
    false,
  ).effectiveWeights;
  layout.perspectives.forEach((p, pi) => {
    const pScore = num(pAt++);
    out.perspectives.push([p.id, pScore, bandForScore(pScore), overall[pi] ?? 0]);
    const oScores = p.objectives.map((_, i) => num(oAt + i));
    const oWeights = redistributeWeights(
      '',
      p.objectives.map((o, i) => ({ weight: o.weight, score: oScores[i] ?? null })),
      false,
    ).effectiveWeights;
    p.objectives.forEach((o, oi) => {
      const oScore = num(oAt++);
      out.objectives.push([o.id, oScore, bandForScore(oScore), oWeights[oi] ?? 0]);
      const kWeights = redistributeWeights(
        '',
        o.kpis.map((k, i) => ({ weight: k.weight, score: num(kAt + i * KPI_FIELDS + 3) })),
        false,
      ).effectiveWeights;
      o.kpis.forEach((k, ki) => {
        const band = LETTER_BAND[parsed[kAt + 4] as string];
        if (!band) throw new Error(`a scorecard summary has band ${String(parsed[kAt + 4])} for KPI ${k.id}`);
        out.kpis.push([k.id, num(kAt), num(kAt + 1), num(kAt + 2), num(kAt + 3), band, kWeights[ki] ?? 0, parsed[kAt + 5] as number]);
        kAt += KPI_FIELDS;
      });
    });
  });
  return out;
}
