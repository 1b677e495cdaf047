/**
 * Every scorecard of one period as rows of scorecard_result, in the bulk
 * loader's CSV: the unit of work of a full run, done on the main thread or on
 * the scoring worker alike.
 */
import {
  type ActualsPeriod,
  assembleScorecard,
  type OrgDay,
  periodContext,
  type ScorecardData,
  type SeasonalityCache,
  scorecardParent,
  summariseScorecard,
} from '@cairn/core/scorecards';
import type { CsvBuffer } from '../db/csv-buffer';

export const SCORECARD_RESULT_COLUMNS = [
  'node_kind',
  'node_id',
  'grain',
  'period_label',
  'period_start',
  'parent_kind',
  'parent_id',
  'template_id',
  'template_version',
  'score',
  'band',
  'payload',
  'computed_at',
];

export interface ScoredPeriod {
  csv: Buffer;
  scorecards: number;
  /** Nodes with values but no template for their level or role (e.g. SEs, managers). */
  unscored: number;
}

export function scorePeriod(
  data: ScorecardData,
  seasonality: SeasonalityCache,
  period: ActualsPeriod,
  index: number,
  computedAt: string,
  csv: CsvBuffer,
  days?: Map<string, OrgDay>,
): ScoredPeriod {
  const table = data.actuals;
  const ctx = periodContext(data, period, days);
  let scorecards = 0;
  let unscored = 0;
  for (const n of table.nodesWith(index)) {
    const key = table.nodeKeys[n] as string;
    const card = assembleScorecard(data, key, ctx, seasonality, { explain: false });
    if (!card) {
      unscored++;
      continue;
    }
    const parent = scorecardParent(data, key, ctx);
    const colon = parent?.indexOf(':') ?? -1;
    csv.addRow([
      card.node.kind,
      card.node.id,
      period.grain,
      period.label,
      period.start,
      parent ? parent.slice(0, colon) : null,
      parent ? parent.slice(colon + 1) : null,
      card.templateId,
      String(card.templateVersion),
      card.score === null ? null : String(card.score),
      card.band,
      JSON.stringify(summariseScorecard(card)),
      computedAt,
    ]);
    scorecards++;
  }
  return { csv: csv.take(), scorecards, unscored };
}
