import { describe, expect, it } from 'vitest';
import { currentTables } from '../model/migrations';
import { FACTS } from './fact-schemas';
import { standardCatalogFiles } from '../../../../test-support/standard-catalog';
import { loadCatalog } from './load-catalog';

const MEASURES = `
measures:
  won:
    fact: opportunity
    agg: count
    filter: is_won = true
    date: closed_at
  closed:
    fact: opportunity
    agg: count
    filter: is_closed = true
    date: closed_at
  customers:
    fact: order_line
    agg: count_distinct
    field: customer_id
  amount:
    fact: order_line
    agg: sum
    field: amount_rc_minor
`;

function kpi(id: string, formula: string, extra: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    name: id,
    description: 'd',
    perspective: 'financial',
    unit: 'percent',
    direction: 'higher_is_better',
    indicator: 'lagging',
    frequency: 'monthly',
    owner: 'o',
    rationale: 'r',
    formula: JSON.stringify(formula),
    aggregation: 'ratio_of_sums',
    status: 'active',
    version: '1',
    effective_from: '2024-01-01',
    ...extra,
  };
  return `  ${id}:\n${Object.entries(fields)
    .map(([k, v]) => `    ${k}: ${v}`)
    .join('\n')}\n`;
}

function load(kpis: string) {
  return loadCatalog([
    { path: 'measures.yaml', text: MEASURES },
    { path: 'k.yaml', text: `kpis:\n${kpis}` },
  ]);
}

describe('loadCatalog', () => {
  it('loads the standard library with no problem', () => {
    const r = loadCatalog(standardCatalogFiles());
    expect(r.ok ? [] : r.diagnostics).toEqual([]);
    expect(r.ok && r.catalog.kpis.size).toBeGreaterThanOrEqual(25);
  });

  it('accepts a ratio of sums', () => {
    expect(load(kpi('win_rate', 'safe_div(won, closed)')).ok).toBe(true);
  });

  it('reports every problem at once, each with a path', () => {
    const r = load(
      kpi('a', 'safe_div(won, opps_closed)') + // unknown measure
        kpi('b', 'won / closed') + // no zero guard
        kpi('c', 'amount + won', { unit: 'currency', aggregation: 'additive' }) + // unit mismatch
        kpi('d', 'customers', { unit: 'count', aggregation: 'additive' }) + // distinct counts do not add up
        kpi('e', 'f + 1', { unit: 'count', aggregation: 'not_aggregable' }) +
        kpi('f', 'e * 2', { unit: 'count', aggregation: 'not_aggregable' }) + // cycle e → f → e
        kpi('g', 'safe_div(won,', {}) + // syntax
        kpi('h', 'safe_div(won, closed)', { unit: 'currency' }), // declared unit does not fit
    );
    expect(r.ok).toBe(false);
    const d = r.ok ? [] : r.diagnostics;
    const byPath = (p: string) => d.filter((x) => x.path === p).map((x) => x.message);
    expect(byPath('k.yaml:kpis.a.formula')).toEqual([expect.stringContaining('unknown measure `opps_closed`')]);
    expect(byPath('k.yaml:kpis.b.formula')).toEqual([expect.stringContaining('division without zero guard')]);
    expect(byPath('k.yaml:kpis.c.formula')).toEqual([expect.stringContaining('unit mismatch: currency + count')]);
    expect(byPath('k.yaml:kpis.d.formula')).toEqual([expect.stringContaining('aggregation additive')]);
    expect(byPath('k.yaml:kpis.e.formula')).toEqual(['cycle: e → f → e']);
    expect(byPath('k.yaml:kpis.f.formula')).toEqual(['cycle: f → e → f']);
    expect(byPath('k.yaml:kpis.g.formula')).toEqual([expect.stringContaining('unexpected end of formula')]);
    expect(byPath('k.yaml:kpis.h.formula')).toEqual([expect.stringContaining('gives ratio but the KPI declares currency')]);
  });

  it('checks measure fields and filters against the fact schema', () => {
    const r = loadCatalog([
      {
        path: 'm.yaml',
        text: `measures:
  x:
    fact: order_line
    agg: sum
    field: amount_minor_typo
    filter: status = 1
  y:
    fact: nowhere
    agg: count
  z:
    fact: opportunity
    agg: sum
    field: stage
    date: booked_at
`,
      },
    ]);
    const d = r.ok ? [] : r.diagnostics;
    expect(d).toEqual(
      expect.arrayContaining([
        { path: 'm.yaml:measures.x.field', message: expect.stringContaining('unknown field `amount_minor_typo` on fact order_line') },
        { path: 'm.yaml:measures.x.filter', message: expect.stringContaining('cannot compare text with number') },
        { path: 'm.yaml:measures.y.fact', message: expect.stringContaining('unknown fact `nowhere`') },
        { path: 'm.yaml:measures.z.date', message: expect.stringContaining('has no date `booked_at`') },
        { path: 'm.yaml:measures.z.field', message: 'sum needs a numeric field, not text' },
      ]),
    );
  });

  it('reads snapshot windows, top sums and greatest, and refuses their misuse', () => {
    const r = loadCatalog([
      {
        path: 'm.yaml',
        text: `measures:
  churned:
    fact: customer_month
    agg: count
    filter: was_active = true and is_active = false
    window: period_end
  cohort:
    fact: customer_month
    agg: count
    filter: was_active = true
    window: period_end
  top3:
    fact: customer_month
    agg: top_sum
    top: 3
    field: net_t12_minor
    window: period_end
  quota_left:
    fact: quota
    agg: sum
    field: amount_minor
    window: rest_of_year
kpis:
${kpi('lifetime', 'safe_div(cohort, greatest(churned, cohort / 5))', { unit: 'ratio', aggregation: 'not_aggregable' })}`,
      },
    ]);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.catalog.measures.get('churned')?.window).toEqual({ kind: 'period_end' });
    expect(r.catalog.measures.get('quota_left')?.window).toEqual({ kind: 'rest_of_year' });
    expect(r.catalog.measures.get('top3')?.top).toBe(3);

    const bad = loadCatalog([
      {
        path: 'm.yaml',
        text: `measures:
  a:
    fact: customer_month
    agg: top_sum
    field: net_t12_minor
  b:
    fact: customer_month
    agg: sum
    top: 2
    field: net_t12_minor
  c:
    fact: customer_month
    agg: count
  d:
    fact: customer_month
    agg: sum
    field: net_t12_minor
kpis:
${kpi('g', 'greatest(d, c)', { unit: 'currency', aggregation: 'not_aggregable' })}`,
      },
    ]);
    const d = bad.ok ? [] : bad.diagnostics;
    expect(d).toEqual(
      expect.arrayContaining([
        { path: 'm.yaml:measures.a.top', message: expect.stringContaining('top_sum needs how many') },
        { path: 'm.yaml:measures.b.top', message: 'top has no meaning for sum' },
        { path: 'm.yaml:kpis.g.formula', message: 'unit mismatch: greatest(currency, count)' },
      ]),
    );
  });

  it('refuses an aggregation the formula cannot support', () => {
    const r = load(kpi('avg_thing', 'amount', { unit: 'currency', aggregation: 'mean_of_entities' }));
    expect(r.ok ? [] : r.diagnostics.map((x) => x.message)).toEqual([
      expect.stringContaining('mean_of_entities needs the formula to be one avg measure'),
    ]);
  });

  it('names only columns that exist in the canonical model', () => {
    const columns = new Map(currentTables().map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
    for (const fact of FACTS.values()) {
      // A derived fact's own columns are those its SELECT builds: test/metrics-golden.test.ts runs it.
      if (!fact.derived) {
        for (const f of [...Object.keys(fact.fields), ...fact.dates, ...fact.idColumns])
          expect(columns.get(fact.table)?.has(f), `${fact.table}.${f}`).toBe(true);
      }
      for (const l of Object.values(fact.lookups)) {
        for (const f of [...Object.keys(l.fields), l.lookupColumn]) expect(columns.get(l.table)?.has(f), `${l.table}.${f}`).toBe(true);
      }
    }
  });
});
