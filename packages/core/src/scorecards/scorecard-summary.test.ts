import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RELATIVE_BAND } from './default-band';
import { rollUpScorecard } from './roll-up-scorecard';
import {
  encodeScorecardSummary,
  readScorecardSummary,
  type ScorecardSummary,
  scorecardLayout,
  summariseScorecard,
  summaryLayoutId,
} from './scorecard-summary';
import { testCatalog } from './scorecard-test-support';
import type { ExcludedDeal, KpiActual, KpiTarget, ScorecardTemplate, TemplateKpi } from './scorecard-types';

const catalog = testCatalog({
  bookings: {},
  margin_pct: { unit: 'percent', aggregation: 'ratio_of_sums', formula: 'safe_div(margin, amount)' },
  cycle_days: {
    perspective: 'internal_process',
    unit: 'days',
    direction: 'lower_is_better',
    aggregation: 'not_aggregable',
    formula: 'cycle',
  },
  active_customers: { perspective: 'customer', unit: 'count', aggregation: 'distinct_count', formula: 'customers' },
});

const kpi = (kpiId: string, weight: number, band: TemplateKpi['band'] = DEFAULT_RELATIVE_BAND): TemplateKpi => ({
  kpiId,
  weight,
  band,
  target: { source: 'fixed', value: 1 },
  seasonal: false,
  territoryAdjusted: false,
});

const template: ScorecardTemplate = {
  id: 'team',
  name: 'Team',
  description: 'd',
  subject: { kind: 'org_level', level: 'team' },
  version: 2,
  perspectives: [
    {
      perspective: 'financial',
      weight: 50,
      objectives: [
        { id: 'grow', name: 'Grow', weight: 60, kpis: [kpi('bookings', 70), kpi('margin_pct', 30)] },
        {
          id: 'sell_fast',
          name: 'Sell fast',
          weight: 40,
          kpis: [kpi('cycle_days', 100, { type: 'in_band', tolerancePct: 5, redBeyondPct: 20 })],
        },
      ],
    },
    { perspective: 'customer', weight: 50, objectives: [{ id: 'keep', name: 'Keep', weight: 100, kpis: [kpi('active_customers', 100)] }] },
  ],
  links: [],
  exceptions: [],
  source: 'kpis/scorecards/team.yaml',
};

const IDS = ['bookings', 'margin_pct', 'cycle_days', 'active_customers'] as const;
const deal: ExcludedDeal = { opportunityId: 'O9', amountMinor: 9_000_000, segment: 'smb', segmentMedianMinor: 100_000 };

function card(actuals: (number | null)[], targets: (number | null)[], excluded: Record<string, ExcludedDeal[]> = {}) {
  const a = new Map<string, KpiActual>();
  const t = new Map<string, KpiTarget>();
  IDS.forEach((id, i) => {
    a.set(id, { value: actuals[i] ?? null, numerator: null, denominator: null });
    const value = targets[i];
    if (value !== null && value !== undefined) t.set(id, { kpiId: id, value, source: 'fixed', provenance: [], overrideReason: null });
  });
  return rollUpScorecard(template, { kind: 'team', id: 'T1', name: 'T1' }, 'FY2024-Q1', a, t, {
    catalog,
    explain: false,
    excluded: new Map(Object.entries(excluded)),
  });
}

const layout = scorecardLayout(template);

describe('stored scorecard summaries', () => {
  it('stores scores and what only scoring knows, in the layout order, and reads back the whole summary', () => {
    // bookings 90 of 100 → 90 %, 10 × 90 / 100 = 9, amber, one deal left out; margin 0.3 of 0.3 → 100 %, 10, green;
    // cycle_days in band (its attainment, score and band stored as scored); active_customers has no target: no data,
    // so Keep and the customer perspective have no data either.
    const c = card([90, 0.3, 21, 40], [100, 0.3, 20, null], { bookings: [deal] });
    const payload = encodeScorecardSummary(c, 'L1');
    const k = (i: number) => c.perspectives.flatMap((p) => p.objectives.flatMap((o) => o.kpis))[i];
    expect(JSON.parse(payload)).toEqual([
      'L1',
      c.perspectives[0]?.score,
      null,
      c.perspectives[0]?.objectives[0]?.score,
      c.perspectives[0]?.objectives[1]?.score,
      null,
      ...[90, 100, 90, 9, 'a', 1],
      ...[0.3, 0.3, k(1)?.attainmentPct, 10, 'g', 0],
      ...[21, 20, k(2)?.attainmentPct, k(2)?.score, k(2)?.band[0], 0],
      ...[40, null, null, null, 'n', 0],
    ]);
    expect(summaryLayoutId(payload)).toBe('L1');
    const read = readScorecardSummary(payload, layout);
    expect(read).toEqual(summariseScorecard(c));
    // Derived, not stored: the customer perspective has no data, so financial carries the whole weight.
    expect(read.perspectives).toEqual([
      ['financial', c.perspectives[0]?.score, c.perspectives[0]?.band, 100],
      ['customer', null, 'no_data', 0],
    ]);
    expect(read.kpis[0]).toEqual(['bookings', 90, 100, 90, 9, 'amber', 70, 1]);
  });

  it('reads back exactly what was scored, whatever has data (property)', () => {
    const value = fc.option(fc.double({ min: 0, max: 1e9, noNaN: true }), { nil: null });
    fc.assert(
      fc.property(fc.array(value, { minLength: 4, maxLength: 4 }), fc.array(value, { minLength: 4, maxLength: 4 }), (a, t) => {
        const c = card(a, t);
        expect(readScorecardSummary(encodeScorecardSummary(c, 'L1'), layout)).toEqual(summariseScorecard(c));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a summary stored before layouts as it was stored', () => {
    const old: ScorecardSummary = summariseScorecard(card([1, 1, 1, 1], [1, 1, 1, 1]));
    const payload = JSON.stringify(old);
    expect(summaryLayoutId(payload)).toBeNull();
    expect(readScorecardSummary(payload, null)).toEqual(old);
  });

  it('refuses a payload whose layout is not stored or does not fit it', () => {
    const payload = encodeScorecardSummary(card([1, 1, 1, 1], [1, 1, 1, 1]), 'L1');
    expect(() => readScorecardSummary(payload, null)).toThrow('names layout L1, which is not stored');
    const smaller = scorecardLayout({ ...template, perspectives: template.perspectives.slice(0, 1) });
    expect(() => readScorecardSummary(payload, smaller)).toThrow(/has 30 fields where layout L1 has 2\d/);
  });
});
