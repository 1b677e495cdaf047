/**
 * Finds the deals each template's outlier rule leaves out and what they put
 * into each KPI it names. The segment medians are computed in the database
 * (a median over every won deal does not belong in a JavaScript loop); the
 * few outliers' contributions come from the same field and filter SQL as the
 * engine's scans, then core places them at every node and period.
 */
import { compileRowContributions, kpiMeasures, splitRatio } from '@cairn/core/metrics';
import {
  attributeExclusions,
  type ExcludedDeal,
  type Exclusion,
  type MeasureContributionRow,
  type ScorecardData,
  templateFor,
} from '@cairn/core/scorecards';
import { param, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';
import { type DataStamp, StampedCache } from '../services/data-stamp';

/** Outlier ids per contribution query: each query scans its fact table once, and PostgreSQL binds up to 65,535 parameters. */
const CHUNK = 10_000;

type ContributionRow = Omit<MeasureContributionRow, 'measure' | 'contribution' | 'k_month'> & { contribution: unknown; k_month: unknown };

/** What every template's outlier rules leave out, found before the nodes are placed (see placeExclusions). */
export interface RuleExclusions {
  /** The most deals any one rule left out. */
  excludedDeals: number;
  /** Per template and KPI the rule names: `nodeKey|grain|periodStart|kpiId` → what it left out. */
  byTemplate: { templateId: string; exclusions: Map<string, Exclusion> }[];
}

/**
 * Each outlier rule's exclusions, attributed once per (multiple, KPI) and
 * handed to every template whose rule names that KPI: the deals and what
 * they put into a measure do not depend on the template, only whose
 * scorecard the exclusion lands on does. Needs no KPI values, so a full run
 * finds them while it loads those.
 */
export async function findRuleExclusions(
  store: Store,
  data: Pick<ScorecardData, 'templates' | 'catalog' | 'calendar'>,
): Promise<RuleExclusions> {
  let excludedDeals = 0;
  const byTemplate: RuleExclusions['byTemplate'] = [];
  const dealsByMultiple = new Map<number, Map<string, ExcludedDeal>>();
  const rowsByMeasure = new Map<string, MeasureContributionRow[]>();
  const attributed = new Map<string, Map<string, Exclusion>>();
  for (const template of data.templates) {
    for (const rule of template.exceptions) {
      let deals = dealsByMultiple.get(rule.multiple);
      if (!deals) {
        deals = await outlierDeals(store, rule.multiple);
        dealsByMultiple.set(rule.multiple, deals);
      }
      if (deals.size === 0) continue;
      excludedDeals = Math.max(excludedDeals, deals.size);
      const ids = [...deals.keys()];
      for (const kpiId of rule.kpis) {
        const kpi = data.catalog.kpis.get(kpiId);
        if (!kpi) continue;
        let exclusions = attributed.get(`${rule.multiple}|${kpiId}`);
        if (!exclusions) {
          const ratio = splitRatio(kpi.formula);
          const parts = ratio
            ? { kpiId, numerator: ratio.numerator, denominator: ratio.denominator }
            : { kpiId, numerator: kpi.formula, denominator: null };
          const rows: MeasureContributionRow[] = [];
          for (const m of kpiMeasures(kpi, data.catalog)) {
            const key = `${rule.multiple}|${m.name}`;
            let got = rowsByMeasure.get(key);
            if (!got) {
              got = [];
              for (let i = 0; i < ids.length; i += CHUNK) {
                for (const r of await store.query<ContributionRow>(compileRowContributions(m, ids.slice(i, i + CHUNK))))
                  got.push({ ...r, measure: m.name, k_month: String(r.k_month).slice(0, 10), contribution: Number(r.contribution ?? 0) });
              }
              rowsByMeasure.set(key, got);
            }
            for (const r of got) rows.push(r);
          }
          exclusions = attributeExclusions(parts, rows, deals, data.calendar);
          attributed.set(`${rule.multiple}|${kpiId}`, exclusions);
        }
        byTemplate.push({ templateId: template.id, exclusions });
      }
    }
  }
  return { excludedDeals, byTemplate };
}

/** Puts each exclusion on the scorecard of its node when the node's template is the rule's. */
export function placeExclusions(data: ScorecardData, found: RuleExclusions): void {
  const templateOf = new Map<string, string>();
  for (const [key, n] of data.nodes) {
    const t = templateFor(data.templates, n.kind, n.role, n.style);
    if (t) templateOf.set(key, t.id);
  }
  for (const { templateId, exclusions } of found.byTemplate) {
    for (const [key, exclusion] of exclusions) {
      const node = key.slice(0, key.indexOf('|'));
      if (templateOf.get(node) === templateId) data.exclusions.set(key, exclusion);
    }
  }
}

/** Finds and places every template's outlier exclusions; returns the most deals one rule left out. */
export async function loadOutlierExclusions(store: Store, data: ScorecardData): Promise<number> {
  const found = await findRuleExclusions(store, data);
  placeExclusions(data, found);
  return found.excludedDeals;
}

/** Closed deals larger than `multiple` × the median won deal of their customer segment. */
async function outlierDeals(store: Store, multiple: number): Promise<Map<string, ExcludedDeal>> {
  const rows = await store.query<{ id: string; amount: unknown; segment: string; median: unknown }>(sql`
    WITH deal AS (
      SELECT o.id, o.amount_rc_minor AS amount, o.is_won, COALESCE(c.segment, ${param('unknown')}) AS segment
      FROM opportunity o LEFT JOIN customer c ON c.id = o.customer_id
      WHERE o.is_closed = true AND o.amount_rc_minor IS NOT NULL),
    med AS (SELECT segment, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY amount) AS median FROM deal WHERE is_won = true GROUP BY segment)
    SELECT d.id, d.amount, d.segment, m.median FROM deal d JOIN med m ON m.segment = d.segment
    WHERE d.amount > m.median * ${param(multiple)}
    ORDER BY d.id`);
  return new Map(
    rows.map((r) => [
      r.id,
      { opportunityId: r.id, amountMinor: Number(r.amount), segment: r.segment, segmentMedianMinor: Number(r.median) },
    ]),
  );
}

/**
 * Outlier exclusions change only when the data does, so a server computes
 * them once per data stamp and shares them across requests. Nothing here
 * outlives a restart, and another process computes its own.
 */
export class ExclusionCache {
  private readonly cache: StampedCache<Map<string, Exclusion>>;

  constructor(
    stamp: DataStamp,
    private readonly store: Store,
  ) {
    this.cache = new StampedCache(stamp, 1);
  }

  get(data: ScorecardData): Promise<Map<string, Exclusion>> {
    return this.cache.get('exclusions', async () => {
      const scratch: ScorecardData = { ...data, exclusions: new Map() };
      await loadOutlierExclusions(this.store, scratch);
      return scratch.exclusions;
    });
  }
}
