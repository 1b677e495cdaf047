import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../metrics/load-catalog';
import { loadScorecardTemplates } from './load-scorecard-templates';
import { testCatalog } from './scorecard-test-support';

const KPIS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../kpis');

function yamlFiles(dir: string, prefix: string) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ path: `${prefix}${f}`, text: readFileSync(join(dir, f), 'utf8') }));
}

const catalog = testCatalog({
  net_bookings: {},
  gross_margin_pct: { unit: 'percent', aggregation: 'ratio_of_sums', formula: 'safe_div(margin, amount)' },
  average_deal_size: { aggregation: 'ratio_of_sums', formula: 'safe_div(won_amount, won)' },
  nps: { perspective: 'customer', unit: 'score', aggregation: 'ratio_of_sums', formula: '100 * safe_div(won, closed)' },
  churn: {
    perspective: 'customer',
    unit: 'percent',
    direction: 'lower_is_better',
    aggregation: 'ratio_of_sums',
    formula: 'safe_div(won, closed)',
  },
  old_kpi: { perspective: 'customer', unit: 'count', status: 'retired', formula: 'won' },
  win_rate: { perspective: 'internal_process', unit: 'percent', aggregation: 'ratio_of_sums', formula: 'safe_div(won, closed)' },
  win_rate_value: { perspective: 'internal_process', unit: 'percent', aggregation: 'ratio_of_sums', formula: 'safe_div(won, closed)' },
  cycle_days: {
    perspective: 'internal_process',
    unit: 'days',
    direction: 'lower_is_better',
    aggregation: 'mean_of_entities',
    formula: 'cycle',
  },
  activities: {
    perspective: 'internal_process',
    unit: 'ratio',
    direction: 'in_band',
    aggregation: 'not_aggregable',
    formula: 'safe_div(won, closed)',
  },
  training: { perspective: 'learning_growth', unit: 'percent', aggregation: 'ratio_of_sums', formula: 'safe_div(won, closed)' },
});

/** A valid team template; `replace` swaps lines of it to make it bad. */
const GOOD = `id: team
name: Team
description: A team's scorecard.
applies_to: { level: team }
version: 1
perspectives:
  financial:
    weight: 40
    objectives:
      grow:
        name: Grow bookings
        weight: 100
        kpis:
          net_bookings: { weight: 70, target: { source: quota, measure: bookings }, seasonal: true }
          average_deal_size: { weight: 30 }
  customer:
    weight: 20
    objectives:
      retain:
        name: Retain customers
        weight: 100
        kpis:
          nps: { weight: 50, target: { source: fixed, value: 40 }, band: { type: absolute, green: 40, red: 20 } }
          churn: { weight: 50 }
  internal_process:
    weight: 25
    objectives:
      win_more:
        name: Win more
        weight: 100
        kpis:
          win_rate: { weight: 60 }
          activities: { weight: 40 }
  learning_growth:
    weight: 15
    objectives:
      enable:
        name: Enable sellers
        weight: 100
        kpis:
          training: { weight: 100 }
links:
  - { from: enable, to: win_more, rationale: Trained reps win more }
  - { from: win_more, to: grow, rationale: Wins are bookings }
exceptions:
  - { rule: outlier_deal, multiple: 5, kpis: [average_deal_size, win_rate] }
`;

function edit(text: string, edits: [from: string, to: string][]): string {
  return edits.reduce((t, [from, to]) => {
    if (!t.includes(from)) throw new Error(`test template has no ${from}`);
    return t.replace(from, to);
  }, text);
}

function problems(text: string, path = 'kpis/scorecards/team.yaml') {
  const r = loadScorecardTemplates([{ path, text }], catalog);
  return r.ok ? [] : r.diagnostics.map((d) => `${d.path.replace(`${path}:`, '')}: ${d.message}`);
}

describe('loadScorecardTemplates', () => {
  it('loads the shipped templates against the real catalog', () => {
    const real = loadCatalog(yamlFiles(KPIS, ''));
    if (!real.ok) throw new Error(real.diagnostics.map((d) => `${d.path}: ${d.message}`).join('\n'));
    const r = loadScorecardTemplates(yamlFiles(join(KPIS, 'scorecards'), 'kpis/scorecards/'), real.catalog);
    expect(r.ok ? [] : r.diagnostics).toEqual([]);
    const templates = r.ok ? r.templates : [];
    expect(templates.map((t) => t.id)).toEqual(['ae_farmer', 'ae_hunter', 'am', 'division', 'enterprise', 'region', 'sdr', 'team']);
    for (const t of templates.filter((x) => x.subject.kind === 'org_level')) {
      expect(
        t.perspectives.map((p) => p.perspective),
        t.id,
      ).toEqual(['financial', 'customer', 'internal_process', 'learning_growth']);
      expect(t.exceptions, t.id).toEqual([
        { rule: 'outlier_deal', multiple: 5, kpis: ['average_deal_size', 'win_rate', 'win_rate_value'] },
      ]);
    }
  });

  it('fills in the defaults', () => {
    const r = loadScorecardTemplates([{ path: 't.yaml', text: GOOD }], catalog);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const [t] = r.templates;
    expect(t?.subject).toEqual({ kind: 'org_level', level: 'team' });
    expect(t?.source).toBe('t.yaml');
    const kpis = t?.perspectives.flatMap((p) => p.objectives.flatMap((o) => o.kpis)) ?? [];
    expect(kpis.find((k) => k.kpiId === 'average_deal_size')).toEqual({
      kpiId: 'average_deal_size',
      weight: 30,
      band: { type: 'relative', greenAtPct: 100, redBelowPct: 85 },
      target: { source: 'baseline', method: 'trailing_4q' },
      seasonal: false,
      territoryAdjusted: false,
    });
    expect(kpis.find((k) => k.kpiId === 'activities')?.band).toEqual({ type: 'in_band', tolerancePct: 5, redBeyondPct: 15 });
    expect(t?.links).toEqual([
      { from: 'enable', to: 'win_more', rationale: 'Trained reps win more' },
      { from: 'win_more', to: 'grow', rationale: 'Wins are bookings' },
    ]);
  });

  it('reports every problem of a bad template at once, each with a path', () => {
    const bad = edit(GOOD, [
      // KPI weights 70 + 20 = 90; absolute band on a currency KPI; seasonal on a ratio
      [
        'average_deal_size: { weight: 30 }',
        'average_deal_size: { weight: 20, band: { type: absolute, green: 100, red: 50 }, seasonal: true }',
      ],
      // a quota measure that is kept but that no KPI reads
      [
        'net_bookings: { weight: 70, target: { source: quota, measure: bookings }',
        'net_bookings: { weight: 70, target: { source: quota, measure: gross_margin }',
      ],
      // an unknown KPI and a retired one
      ['churn: { weight: 50 }', 'churn_rate: { weight: 25 }\n          old_kpi: { weight: 25 }'],
      // a relative band upside down and a quota target on a percent KPI
      [
        'win_rate: { weight: 60 }',
        'win_rate: { weight: 60, band: { type: relative, green_at: 80, red_below: 90 }, target: { source: quota, measure: revenue } }',
      ],
      // a relative band on an in_band KPI
      ['activities: { weight: 40 }', 'activities: { weight: 40, band: { type: relative } }'],
      // perspective weights 40 + 20 + 25 + 20 = 105; a zero weight
      ['  learning_growth:\n    weight: 15', '  learning_growth:\n    weight: 20'],
      ['training: { weight: 100 }', 'training: { weight: 0 }'],
      // a cycle, a link to an unknown objective and a self-link
      [
        '  - { from: win_more, to: grow, rationale: Wins are bookings }',
        '  - { from: win_more, to: grow, rationale: Wins are bookings }\n' +
          '  - { from: grow, to: enable, rationale: Money buys training }\n' +
          '  - { from: grow, to: nowhere, rationale: r }\n' +
          '  - { from: retain, to: retain, rationale: r }',
      ],
      // the outlier rule on a KPI with order_line measures
      ['kpis: [average_deal_size, win_rate]', 'kpis: [average_deal_size, win_rate, gross_margin_pct]'],
    ]);
    expect(problems(bad)).toEqual([
      'perspectives.financial.objectives.grow.kpis.net_bookings.target.measure: gross_margin quotas are kept but no KPI reads them yet; quota targets read bookings quotas — use a baseline or fixed target',
      'perspectives.financial.objectives.grow.kpis.average_deal_size.band.type: an absolute band is refused for `average_deal_size` (unit currency): its size depends on the node; use a relative band',
      'perspectives.financial.objectives.grow.kpis.average_deal_size.seasonal: seasonal scales an amount, so it applies only to additive KPIs; `average_deal_size` is ratio_of_sums',
      'perspectives.financial.objectives.grow.kpis: KPI weights sum to 90, not 100',
      'perspectives.customer.objectives.retain.kpis.churn_rate: unknown KPI `churn_rate`',
      'perspectives.customer.objectives.retain.kpis.old_kpi: KPI `old_kpi` is retired',
      'perspectives.internal_process.objectives.win_more.kpis.win_rate.band.red_below: red_below (90) must be below green_at (80)',
      'perspectives.internal_process.objectives.win_more.kpis.win_rate.target.source: a quota target needs a currency KPI; `win_rate` is percent',
      'perspectives.internal_process.objectives.win_more.kpis.win_rate.target.measure: unknown quota measure `revenue` (bookings, net_bookings, gross_margin, new_logo_bookings, cross_sell_bookings, recognised_revenue)',
      'perspectives.internal_process.objectives.win_more.kpis.activities.band.type: `activities` is an in_band KPI: it needs an in_band band, not relative',
      'perspectives.learning_growth.objectives.enable.kpis.training.weight: must be greater than 0',
      'perspectives: perspective weights sum to 105, not 100',
      'links.3.to: unknown objective `nowhere` (grow, retain, win_more, enable)',
      'links.4: objective `retain` cannot link to itself',
      'links: links form a cycle: enable → win_more → grow → enable',
      'exceptions.0.kpis.2: the outlier rule leaves out deals, so every measure of `gross_margin_pct` must be on the opportunity fact; `margin` is on order_line, `amount` is on order_line',
    ]);
  });

  it.each<[string, [string, string][], string[]]>([
    [
      'absolute thresholds against the direction',
      [
        [
          'churn: { weight: 50 }',
          'churn: { weight: 50, band: { type: absolute, green: 0.2, red: 0.05 }, target: { source: fixed, value: 0.1 } }',
        ],
      ],
      ['perspectives.customer.objectives.retain.kpis.churn.band.red: `churn` is lower_is_better: red (0.05) must be above green (0.2)'],
    ],
    [
      'a percent threshold written as a percentage',
      [['training: { weight: 100 }', 'training: { weight: 100, band: { type: absolute, green: 90, red: 70 } }']],
      [
        'perspectives.learning_growth.objectives.enable.kpis.training.band.green: `training` is a percent stored as a fraction (0.4 = 40%); 90 would mean 9000%, write 0.9',
        'perspectives.learning_growth.objectives.enable.kpis.training.band.red: `training` is a percent stored as a fraction (0.4 = 40%); 70 would mean 7000%, write 0.7',
      ],
    ],
    [
      'an in_band band on a higher-is-better KPI, and a bad in_band band',
      [['win_rate: { weight: 60 }', 'win_rate: { weight: 60, band: { type: in_band, tolerance_pct: 20, red_beyond_pct: 10 } }']],
      [
        'perspectives.internal_process.objectives.win_more.kpis.win_rate.band.type: an in_band band is only for KPIs whose direction is in_band; `win_rate` is higher_is_better',
        'perspectives.internal_process.objectives.win_more.kpis.win_rate.band.red_beyond_pct: red_beyond_pct (10) must be above tolerance_pct (20)',
      ],
    ],
    [
      'target policies that need more, or cannot be',
      [
        ['average_deal_size: { weight: 30 }', 'average_deal_size: { weight: 30, target: { source: baseline, method: last_year_growth } }'],
        ['target: { source: fixed, value: 40 }', 'target: { source: fixed, value: .inf }'],
      ],
      [
        'perspectives.financial.objectives.grow.kpis.average_deal_size.target.growth_pct: last_year_growth needs growth_pct (e.g. 10 for last year + 10%)',
        'perspectives.customer.objectives.retain.kpis.nps.target.value: must be a finite number',
      ],
    ],
    [
      'a KPI twice, an objective id twice, a KPI in the wrong perspective',
      [
        [
          'training: { weight: 100 }',
          'training: { weight: 50 }\n          nps: { weight: 50 }\n      grow:\n        name: Again\n        weight: 0\n        kpis:\n          win_rate: { weight: 100 }',
        ],
      ],
      [
        'perspectives.learning_growth.objectives.enable.kpis.nps: `nps` already appears at kpis/scorecards/team.yaml:perspectives.customer.objectives.retain.kpis.nps; a KPI counts once per scorecard',
        'perspectives.learning_growth.objectives.enable.kpis.nps: `nps` belongs to the customer perspective (kpis/test.yaml), not learning_growth',
        'perspectives.learning_growth.objectives.grow.weight: must be greater than 0',
        'perspectives.learning_growth.objectives.grow: objective `grow` is already defined at kpis/scorecards/team.yaml:perspectives.financial.objectives.grow',
        'perspectives.learning_growth.objectives.grow.kpis.win_rate: `win_rate` already appears at kpis/scorecards/team.yaml:perspectives.internal_process.objectives.win_more.kpis.win_rate; a KPI counts once per scorecard',
        'perspectives.learning_growth.objectives.grow.kpis.win_rate: `win_rate` belongs to the internal_process perspective (kpis/test.yaml), not learning_growth',
      ],
    ],
    [
      'an unknown perspective, and so a missing one',
      [['  learning_growth:\n    weight: 15', '  learning:\n    weight: 15']],
      [
        'perspectives.learning: unknown perspective `learning` (financial, customer, internal_process, learning_growth)',
        'perspectives: an org-level scorecard needs all four perspectives; missing learning_growth',
        'links.0.from: unknown objective `enable` (grow, retain, win_more)',
      ],
    ],
    [
      'an unknown key, a subject that is neither an org level nor a role, and a missing weight',
      [
        ['applies_to: { level: team }', 'applies_to: { style: hunter }\nowner: sales ops'],
        ['win_rate: { weight: 60 }', 'win_rate: { target: { source: fixed, value: 0.3 } }'],
      ],
      [
        'kpis/scorecards/team.yaml: Unrecognized key: "owner"',
        'applies_to: needs level (enterprise, division, region, team) or role (AE, SDR, AM)',
        'perspectives.internal_process.objectives.win_more.kpis.win_rate.weight: is required',
      ],
    ],
    [
      'style on an org level',
      [['applies_to: { level: team }', 'applies_to: { level: team, style: farmer }']],
      ['applies_to.style: style applies to reps of a role, not to an org level'],
    ],
    [
      'an outlier rule on a KPI the scorecard does not show, or that cannot be recomputed',
      [['kpis: [average_deal_size, win_rate]', 'kpis: [average_deal_size, win_rate, cycle_days, net_bookings, win_rate_value]']],
      [
        'exceptions.0.kpis.2: the outlier rule recomputes a KPI from its parts, so it needs an additive or ratio_of_sums KPI; `cycle_days` is mean_of_entities',
        'exceptions.0.kpis.3: the outlier rule leaves out deals, so every measure of `net_bookings` must be on the opportunity fact; `amount` is on order_line',
        'exceptions.0.kpis.4: `win_rate_value` is not on this scorecard',
      ],
    ],
  ])('reports %s', (_, edits, want) => {
    expect(problems(edit(GOOD, edits))).toEqual(want);
  });

  it('refuses two templates with the same id or the same subject', () => {
    const r = loadScorecardTemplates(
      [
        { path: 'a.yaml', text: GOOD },
        { path: 'b.yaml', text: GOOD },
        { path: 'c.yaml', text: edit(GOOD, [['id: team', 'id: other']]) },
      ],
      catalog,
    );
    expect(r.ok ? [] : r.diagnostics).toEqual([
      { path: 'b.yaml:id', message: 'template id `team` is already used in a.yaml' },
      { path: 'b.yaml:applies_to', message: 'level team already has a template in a.yaml' },
      { path: 'c.yaml:applies_to', message: 'level team already has a template in a.yaml' },
    ]);
  });

  it('reports YAML errors with the file', () => {
    expect(problems('id: [unclosed', 'bad.yaml')).toEqual([expect.stringMatching(/^bad\.yaml: YAML: /)]);
  });
});
