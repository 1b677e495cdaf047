/**
 * The contract every dialect honours for the metric compiler: placeholders
 * and parameters match one to one, hostile names and values never reach the
 * SQL text unquoted, and every grain and window compiles.
 */
import { describe, expect, it } from 'vitest';
import { periodOf } from '../domain/fiscal-calendar';
import { DuckDbDialect } from '../sql/duckdb/duckdb-dialect';
import { PostgresDialect } from '../sql/postgres/postgres-dialect';
import { quoteIdentifier } from '../sql/quote-identifier';
import { ident, renderSql } from '../sql/sql-fragment';
import { buildWindowRows, KPI_GRAINS } from './build-window-rows';
import { compileContributingRows } from './compile-contributing-rows';
import { compileKpiQuery } from './compile-kpi-query';
import type { WindowSpec } from './kpi-definition';
import { standardCatalog as standard } from '../../../../test-support/standard-catalog';
import { loadCatalog } from './load-catalog';
const cal = { startMonth: 2 };

/** Every $n in the text is 1..params.length, and each is used. */
function placeholdersMatch(text: string, params: readonly unknown[]): void {
  const used = new Set([...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  expect(used.size).toBe(params.length);
  for (let i = 1; i <= params.length; i++) expect(used.has(i)).toBe(true);
}

const WINDOWS: WindowSpec[] = [
  { kind: 'current' },
  { kind: 'prior_period' },
  { kind: 'same_period_last_year' },
  { kind: 'period_end' },
  { kind: 'trailing_months', months: 12 },
  { kind: 'to_date', grain: 'quarter' },
  { kind: 'to_date', grain: 'year' },
];

describe.each([DuckDbDialect, PostgresDialect])('metric compiler on $name', (dialect) => {
  const catalog = standard();

  it.each([...catalog.kpis.keys()])('compiles %s for every grain with one parameter per placeholder', (id) => {
    const kpi = catalog.kpis.get(id);
    if (!kpi) throw new Error(id);
    for (const grain of KPI_GRAINS) {
      const period = { ...periodOf('2024-08-14', grain, cal), grain };
      const r = renderSql(compileKpiQuery(kpi, catalog, { periods: [period], calendar: cal, node: { kind: 'team', id: 'T1' } }), dialect);
      placeholdersMatch(r.text, r.params);
      expect(r.params).toContain('T1');
    }
  });

  it('keeps values out of the SQL text, whatever they hold', () => {
    const hostile = "x'); DROP TABLE rep; --";
    const r = loadCatalog([
      {
        path: 'm.yaml',
        text: `measures:\n  m:\n    fact: order_line\n    agg: count\n    filter: ${JSON.stringify(`status = '${hostile.replace(/'/g, "''")}'`)}\n`,
      },
    ]);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const m = r.catalog.measures.get('m');
    if (!m) throw new Error('m');
    const rows = buildWindowRows([{ ...periodOf('2024-08-14', 'month', cal), grain: 'month' }], [m.window], cal);
    const q = renderSql(compileContributingRows(m, { kind: 'rep', id: "R1' OR '1'='1" }, rows, { limit: 10, offset: 0 }, cal), dialect);
    expect(q.text).not.toContain('DROP');
    expect(q.text).not.toContain("'1'='1");
    expect(q.params).toContain(hostile);
    placeholdersMatch(q.text, q.params);
  });

  it('quotes identifiers and refuses names Cairn did not define', () => {
    expect(quoteIdentifier('a"; DROP TABLE x; --')).toBe('"a""; DROP TABLE x; --"');
    expect(() => ident('kpi"; drop')).toThrow(/not a plain snake_case name/);
  });

  it.each(WINDOWS)('supports the window %o at every grain', (w) => {
    for (const grain of KPI_GRAINS) {
      const period = { ...periodOf('2024-08-14', grain, cal), grain };
      const rows = buildWindowRows([period], [w], cal);
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.monthStart.endsWith('-01')).toBe(true);
    }
  });
});

describe('windows', () => {
  const months = (grain: (typeof KPI_GRAINS)[number], w: WindowSpec) =>
    buildWindowRows([{ ...periodOf('2024-08-14', grain, cal), grain }], [w], cal).map((r) => r.monthStart);
  // Fiscal year starts in February: FY2025 = Feb 2024 – Jan 2025; Q3 = Aug – Oct 2024.
  it.each([
    ['month', { kind: 'current' }, ['2024-08-01']],
    ['month', { kind: 'prior_period' }, ['2024-07-01']],
    ['quarter', { kind: 'prior_period' }, ['2024-05-01', '2024-06-01', '2024-07-01']],
    ['quarter', { kind: 'same_period_last_year' }, ['2023-08-01', '2023-09-01', '2023-10-01']],
    ['month', { kind: 'trailing_months', months: 3 }, ['2024-06-01', '2024-07-01', '2024-08-01']],
    ['quarter', { kind: 'period_end' }, ['2024-10-01']],
    ['year', { kind: 'period_end' }, ['2025-01-01']],
    ['quarter', { kind: 'rest_of_year' }, ['2024-11-01', '2024-12-01', '2025-01-01']],
    ['month', { kind: 'rest_of_year' }, ['2024-09-01', '2024-10-01', '2024-11-01', '2024-12-01', '2025-01-01']],
    ['year', { kind: 'rest_of_year' }, []],
    ['month', { kind: 'to_date', grain: 'quarter' }, ['2024-08-01']],
    [
      'month',
      { kind: 'to_date', grain: 'year' },
      ['2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01', '2024-07-01', '2024-08-01'],
    ],
  ] as const)('%s %o reads the right months', (grain, w, want) => {
    expect(months(grain, w as WindowSpec)).toEqual(want);
  });
});
