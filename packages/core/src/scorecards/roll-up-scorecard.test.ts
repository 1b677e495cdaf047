import { describe, expect, it } from 'vitest';
import { rollUpScorecard } from './roll-up-scorecard';
import { DEFAULT_RELATIVE_BAND } from './default-band';
import type { KpiActual, KpiTarget, ScorecardTemplate, TemplateKpi } from './scorecard-types';
import { testCatalog } from './scorecard-test-support';

const catalog = testCatalog({
  net_bookings: {},
  gross_margin_pct: { unit: 'percent', aggregation: 'ratio_of_sums', formula: 'safe_div(margin, amount)' },
  nps: { perspective: 'customer', unit: 'score', aggregation: 'ratio_of_sums', formula: '100 * safe_div(won, closed)' },
  complaint_rate: {
    perspective: 'customer',
    unit: 'ratio',
    direction: 'lower_is_better',
    aggregation: 'not_aggregable',
    formula: 'safe_div(won, customers)',
  },
  active_customers: { perspective: 'customer', unit: 'count', aggregation: 'distinct_count', formula: 'customers' },
  new_customers: { perspective: 'customer', unit: 'count', formula: 'won' },
});

const kpi = (kpiId: string, weight: number): TemplateKpi => ({
  kpiId,
  weight,
  band: DEFAULT_RELATIVE_BAND,
  target: { source: 'baseline', method: 'trailing_4q' },
  seasonal: false,
  territoryAdjusted: false,
});

const template: ScorecardTemplate = {
  id: 'team',
  name: 'Team scorecard',
  description: 'd',
  subject: { kind: 'org_level', level: 'team' },
  version: 3,
  perspectives: [
    {
      perspective: 'financial',
      weight: 60,
      objectives: [{ id: 'grow', name: 'Grow bookings', weight: 100, kpis: [kpi('net_bookings', 70), kpi('gross_margin_pct', 30)] }],
    },
    {
      perspective: 'customer',
      weight: 40,
      objectives: [
        {
          id: 'retain',
          name: 'Retain customers',
          weight: 50,
          kpis: [kpi('nps', 20), kpi('complaint_rate', 30), kpi('active_customers', 50)],
        },
        { id: 'acquire', name: 'Win new customers', weight: 50, kpis: [kpi('new_customers', 100)] },
      ],
    },
  ],
  links: [],
  exceptions: [],
  source: 'kpis/scorecards/team.yaml',
};

const actual = (value: number | null): KpiActual => ({ value, numerator: value, denominator: null });
const target = (kpiId: string, value: number): KpiTarget => ({ kpiId, value, source: 'fixed', provenance: [], overrideReason: null });
const node = { kind: 'team', id: 'T1', name: 'Team one' } as const;

function roll(
  actuals: Record<string, number | null>,
  targets: Record<string, number>,
  opts: Partial<Parameters<typeof rollUpScorecard>[5]> = {},
) {
  return rollUpScorecard(
    template,
    node,
    'FY2024-Q1',
    new Map(Object.entries(actuals).map(([k, v]) => [k, actual(v)])),
    new Map(Object.entries(targets).map(([k, v]) => [k, target(k, v)])),
    { catalog, ...opts },
  );
}

const TARGETS_BUT_NEW_CUSTOMERS = { net_bookings: 100, gross_margin_pct: 0.3, nps: 40, complaint_rate: 0.02, active_customers: 100 };
const ALL_TARGETS = { ...TARGETS_BUT_NEW_CUSTOMERS, new_customers: 10 };

describe('rollUpScorecard', () => {
  it('weights scores up and redistributes missing KPIs and a whole missing objective', () => {
    const card = roll(
      { net_bookings: 90, gross_margin_pct: 0.3, nps: null, complaint_rate: 0.02, active_customers: 80, new_customers: 12 },
      TARGETS_BUT_NEW_CUSTOMERS,
    );
    const [financial, customer] = card.perspectives;
    // Grow: net_bookings 90% → 9 (amber), margin 100% → 10; 0.7 × 9 + 0.3 × 10 = 9.3 → green (≥ 9.25)
    expect(financial?.objectives[0]?.kpis.map((k) => [k.kpiId, k.attainmentPct, k.score, k.band])).toEqual([
      ['net_bookings', 90, 9, 'amber'],
      ['gross_margin_pct', 100, 10, 'green'],
    ]);
    expect(financial?.score).toBeCloseTo(9.3, 12);
    expect(financial?.band).toBe('green');
    // Retain: nps missing; complaint_rate 100% → 10, active_customers 80% → 8 (red).
    // (30 × 10 + 50 × 8) / 80 = 8.75 → amber; effective weights 30 × 100/80 = 37.5 and 50 × 100/80 = 62.5
    const retain = customer?.objectives[0];
    expect(retain?.kpis.map((k) => [k.kpiId, k.effectiveWeight, k.band, k.noDataReason])).toEqual([
      ['nps', 0, 'no_data', 'no value for this period'],
      ['complaint_rate', 37.5, 'green', null],
      ['active_customers', 62.5, 'red', null],
    ]);
    expect(retain?.score).toBe(8.75);
    expect(retain?.band).toBe('amber');
    // Win new customers: its only KPI has no target, so the objective has no data and Retain takes its 50%
    const acquire = customer?.objectives[1];
    expect([acquire?.score, acquire?.band, acquire?.effectiveWeight, acquire?.kpis[0]?.noDataReason]).toEqual([
      null,
      'no_data',
      0,
      'no target for this period',
    ]);
    expect(retain?.effectiveWeight).toBe(100);
    expect(customer?.score).toBe(8.75);
    // Overall: (60 × 9.3 + 40 × 8.75) / 100 = (558 + 350) / 100 = 9.08 → amber
    expect(card.score).toBeCloseTo(9.08, 12);
    expect(card.band).toBe('amber');
    expect(card.redistributions).toEqual([
      'Customer › Retain customers: nps has no data (no value for this period); its 20% went to complaint_rate (+7.5%) and active_customers (+12.5%).',
      'Customer: Win new customers has no data (none of its KPIs has data); its 50% went to Retain customers (+50%).',
    ]);
    expect([card.templateId, card.templateVersion, card.periodLabel, card.node]).toEqual(['team', 3, 'FY2024-Q1', node]);
  });

  it('passes a whole missing perspective up to the overall score', () => {
    // Financial on target: 10. Customer has no actual at all → its 40% goes to Financial.
    const card = roll({ net_bookings: 100, gross_margin_pct: 0.3 }, ALL_TARGETS);
    expect(card.score).toBe(10);
    expect(card.band).toBe('green');
    expect(card.perspectives.map((p) => [p.perspective, p.effectiveWeight, p.band])).toEqual([
      ['financial', 100, 'green'],
      ['customer', 0, 'no_data'],
    ]);
    expect(card.redistributions).toEqual([
      'Overall: Customer has no data (none of its objectives has data); its 40% went to Financial (+40%).',
    ]);
  });

  it('has no score, not a zero, when nothing has data', () => {
    const card = roll({}, ALL_TARGETS);
    expect([card.score, card.band]).toEqual([null, 'no_data']);
    expect(card.redistributions).toEqual(['Overall: no perspective has data, so the scorecard has no score.']);
  });

  it('applies a regional tolerance, for all KPIs or per KPI', () => {
    // net_bookings at 95%: amber without tolerance; green at 95 with +5 points (score 10 × 95 / 95 = 10)
    const actuals = { net_bookings: 95, gross_margin_pct: 0.3 };
    const kpiOf = (card: ReturnType<typeof roll>) => card.perspectives[0]?.objectives[0]?.kpis[0];
    expect(kpiOf(roll(actuals, ALL_TARGETS))?.band).toBe('amber');
    expect(kpiOf(roll(actuals, ALL_TARGETS, { tolerancePp: 5 }))?.band).toBe('green');
    expect(kpiOf(roll(actuals, ALL_TARGETS, { tolerancePp: (id) => (id === 'net_bookings' ? 5 : 0) }))?.score).toBe(10);
  });

  it('says why a target is missing and lists the excluded deals', () => {
    const excluded = [{ opportunityId: 'O9', amountMinor: 900_000, segment: 'smb', segmentMedianMinor: 100_000 }];
    const card = roll(
      { net_bookings: 100, gross_margin_pct: 0.3 },
      { gross_margin_pct: 0.3 },
      {
        targetGaps: new Map([['net_bookings', 'no quota for FY2024-Q1']]),
        excluded: new Map([['net_bookings', excluded]]),
      },
    );
    const k = card.perspectives[0]?.objectives[0]?.kpis[0];
    expect([k?.noDataReason, k?.excluded]).toEqual(['no quota for FY2024-Q1', excluded]);
  });
});
