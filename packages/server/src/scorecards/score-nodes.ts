/**
 * Every scorecard of a block of nodes, for every period of the run, as rows
 * of scorecard_result in the bulk loader's CSV: the unit of work of a full
 * run, done on the main thread or on the scoring worker alike. Blocks of
 * nodes rather than periods: a node's values for every period and KPI sit
 * together in the actuals table, so scoring one node's periods one after the
 * other reads memory the processor has just cached (trailing baselines read
 * twelve earlier months of each KPI).
 */
import {
  type ActualsPeriod,
  assembleScorecard,
  encodeScorecardSummary,
  type OrgDay,
  type PeriodContext,
  periodContext,
  type ScorecardData,
  SeasonalityCache,
  nodeKey,
  scorecardParent,
} from '@cairn/core/scorecards';
import type { CsvBuffer } from '../db/csv-buffer';
import { layoutOf } from './scorecard-layouts';

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

/** A period of the run and its index in the actuals table. */
export interface RunPeriod {
  period: ActualsPeriod;
  index: number;
}

export interface ScoredBlock {
  csv: Buffer;
  scorecards: number;
  /** Node-periods with values but no template for their level or role (e.g. SEs, managers). */
  unscored: number;
}

/** What one thread keeps for a whole run: each period's context (made when first needed) and each day's org chart. */
export class NodeScorer {
  private readonly seasonality: SeasonalityCache;
  private readonly contexts = new Map<number, PeriodContext>();
  private readonly days = new Map<string, OrgDay>();
  /** The layout each template's summaries are written against (storeLayouts stores them before the run writes). */
  private readonly layoutIds: Map<string, string>;

  constructor(
    private readonly data: ScorecardData,
    private readonly periods: readonly RunPeriod[],
    private readonly computedAt: string,
  ) {
    const enterprise = [...data.nodes.values()].find((n) => n.kind === 'enterprise');
    this.seasonality = new SeasonalityCache(data, enterprise ? nodeKey('enterprise', enterprise.id) : null);
    this.layoutIds = new Map(data.templates.map((t) => [t.id, layoutOf(t).id]));
  }

  private context(p: RunPeriod): PeriodContext {
    let ctx = this.contexts.get(p.index);
    if (!ctx) {
      ctx = periodContext(this.data, p.period, this.days);
      this.contexts.set(p.index, ctx);
    }
    return ctx;
  }

  /** Scores nodes [from, to) of the actuals table for every period of the run they have values for. */
  score(from: number, to: number, csv: CsvBuffer): ScoredBlock {
    const { data, computedAt } = this;
    const table = data.actuals;
    let scorecards = 0;
    let unscored = 0;
    for (let n = from; n < to; n++) {
      const key = table.nodeKeys[n] as string;
      for (const p of this.periods) {
        if (!table.has(n, p.index)) continue;
        const ctx = this.context(p);
        const card = assembleScorecard(data, key, ctx, this.seasonality, { explain: false });
        if (!card) {
          unscored++;
          continue;
        }
        const parent = scorecardParent(data, key, ctx);
        const colon = parent?.indexOf(':') ?? -1;
        const { period } = p;
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
          encodeScorecardSummary(card, this.layoutIds.get(card.templateId) as string),
          computedAt,
        ]);
        scorecards++;
      }
    }
    return { csv: csv.take(), scorecards, unscored };
  }
}
