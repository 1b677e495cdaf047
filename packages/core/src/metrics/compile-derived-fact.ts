/**
 * Derived facts are built from stored rows before the scans read them: as
 * TEMP tables when compute runs every KPI, as CTEs in the one query that
 * `cairn kpi compile` prints and explain runs. Either way the same SELECT
 * builds them, for the months the windows of their measures read, so a
 * snapshot as of a month end is computed once and aggregated like any fact.
 */
import { assertNever } from '../domain/assert-never';
import type { FiscalCalendar } from '../domain/fiscal-calendar';
import { ident, joinSql, type SqlFragment, sql } from '../sql/sql-fragment';
import type { WindowRow } from './build-window-rows';
import type { FactScan } from './compile-fact-scan';
import { compileOpportunityMonth } from './compile-opportunity-month';
import { compileRepMonth } from './compile-rep-month';
import type { FactSchema } from './fact-schemas';
import { windowKey } from './kpi-definition';
import { type SnapshotMonth, snapshotMonths } from './snapshot-months';

export interface DerivedFactBuild {
  table: string;
  select: SqlFragment;
  /** The fact's rep column then its first date: the order its rows are stored in as a table. */
  storedOrder: string[];
}

/** The SELECT that builds a derived fact for the given months. */
export function compileDerivedFact(fact: FactSchema, months: readonly SnapshotMonth[]): SqlFragment {
  if (!fact.derived) throw new Error(`fact ${fact.name} is stored, not derived`);
  switch (fact.derived) {
    case 'rep_month':
      return compileRepMonth(months);
    case 'opportunity_month':
      return compileOpportunityMonth(months);
    default:
      return assertNever(fact.derived, 'derived fact');
  }
}

/** The derived facts the scans read, each built for the months its measures' windows read. */
export function planDerivedFacts(
  scans: readonly Pick<FactScan, 'fact' | 'measures'>[],
  rows: readonly WindowRow[],
  cal: FiscalCalendar,
): DerivedFactBuild[] {
  const windows = new Map<FactSchema, Set<string>>();
  for (const s of scans) {
    if (!s.fact.derived) continue;
    const keys = windows.get(s.fact) ?? new Set<string>();
    for (const m of s.measures) keys.add(windowKey(m.window));
    windows.set(s.fact, keys);
  }
  return [...windows].map(([fact, keys]) => ({
    table: fact.table,
    select: compileDerivedFact(fact, snapshotMonths(rows, keys, cal)),
    storedOrder: [...(fact.rep.lookup === null ? [fact.rep.column] : []), ...fact.dates.slice(0, 1)],
  }));
}

/**
 * The SELECT that stores a derived fact as a table, its rows in (rep, date)
 * order. Order changes no value, but a scan folds rows per (rep, assignment,
 * month) and keeps each such group's top rows: rows that arrive together meet
 * their group in the CPU cache. On the large demo the customer_month scan (22 M
 * rows) took 9 s instead of 14 s, for 1.6 s of sorting when the table is built.
 */
export function storedDerivedFact(build: DerivedFactBuild): SqlFragment {
  if (build.storedOrder.length === 0) return build.select;
  return sql`SELECT * FROM (${build.select}) d ORDER BY ${joinSql(build.storedOrder.map((c) => sql`d.${ident(c)}`))}`;
}

/** Derived facts as CTEs (`name AS (SELECT …)`), for a self-contained query. */
export function derivedFactCtes(builds: readonly DerivedFactBuild[]): SqlFragment[] {
  return builds.map((b) => sql`${ident(b.table)} AS (${b.select})`);
}
