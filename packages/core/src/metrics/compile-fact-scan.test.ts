/**
 * factReads says how often a scan's SQL reads its fact: compute builds a derived
 * fact inside the scan's own query only when it is read once, so the count must
 * match the compiled SQL, where each part reads the attributed rows `a` itself.
 */
import { describe, expect, it } from 'vitest';
import { periodOf } from '../domain/fiscal-calendar';
import { DuckDbDialect } from '../sql/duckdb/duckdb-dialect';
import { renderSql } from '../sql/sql-fragment';
import { buildWindowRows, KPI_GRAINS } from './build-window-rows';
import { planDerivedFacts, storedDerivedFact } from './compile-derived-fact';
import { compileFactScan, factReads, planScans } from './compile-fact-scan';
import { FACTS } from './fact-schemas';
import { windowBounds } from './compile-kpi-query';
import { kpiMeasures } from './compile-kpi-select';
import { standardCatalog } from '../../../../test-support/standard-catalog';
const cal = { startMonth: 2 };

function standardScans() {
  const catalog = standardCatalog();
  const measures = [...catalog.kpis.values()].flatMap((k) => kpiMeasures(k, catalog));
  const periods = KPI_GRAINS.map((grain) => ({ ...periodOf('2024-08-14', grain, cal), grain }));
  const rows = buildWindowRows(
    periods,
    measures.map((m) => m.window),
    cal,
  );
  return { scans: planScans(measures), rows };
}

describe('factReads', () => {
  const { scans, rows } = standardScans();

  it.each(scans.map((s) => [`${s.fact.name} by ${s.date}`, s] as const))('matches the reads of the compiled %s scan', (_, scan) => {
    const { text } = renderSql(compileFactScan(scan, windowBounds(rows), rows), DuckDbDialect);
    expect(factReads(scan)).toBe([...text.matchAll(/\bFROM a\b/g)].length);
  });

  it('counts the standard library: revenue is read once, customer_month more than once', () => {
    const reads = (name: string) => scans.filter((s) => s.fact.name === name).map(factReads);
    expect(reads('revenue')).toEqual([1]);
    expect(reads('customer_month')[0]).toBeGreaterThan(1);
  });
});

describe('storedDerivedFact', () => {
  const { scans, rows } = standardScans();
  const builds = planDerivedFacts(scans, rows, cal);

  it('stores each derived fact read as a table in (rep, date) order, by columns of the fact', () => {
    const opportunityMonth = builds.find((b) => b.table === FACTS.get('opportunity_month')?.table);
    expect(opportunityMonth?.storedOrder).toEqual(['owner_rep_id', 'as_of']);
    // customer_month is a stored derived table, not built by compute.
    expect(builds.map((b) => b.table)).not.toContain(FACTS.get('customer_month')?.table);
    for (const b of builds) {
      const fact = [...FACTS.values()].find((f) => f.table === b.table);
      expect(b.storedOrder.length, b.table).toBeGreaterThan(0);
      for (const c of b.storedOrder) expect(Object.keys(fact?.fields ?? {}), `${b.table}.${c}`).toContain(c);
      const { text } = renderSql(storedDerivedFact(b), DuckDbDialect);
      expect(text.endsWith(`ORDER BY ${b.storedOrder.map((c) => `d."${c}"`).join(', ')}`), b.table).toBe(true);
    }
  });
});
