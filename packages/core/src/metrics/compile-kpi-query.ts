/**
 * One KPI as one self-contained query for a set of periods: the window list as
 * VALUES, the org attribution, the derived facts it reads, one scan per fact
 * table and the KPI's columns.
 * `cairn kpi compile` prints it and explain runs it; compute runs the same
 * pieces over every KPI at once with the scans materialised.
 */
import type { FiscalCalendar, Period } from '../domain/fiscal-calendar';
import { joinSql, param, type SqlFragment, sql, ident } from '../sql/sql-fragment';
import { buildWindowRows, type KpiGrain, type WindowRow } from './build-window-rows';
import { derivedFactCtes, planDerivedFacts } from './compile-derived-fact';
import { compileFactScan, type FactScan } from './compile-fact-scan';
import { kpiScans, compileKpiSelect } from './compile-kpi-select';
import { repOrgCte, rootCte, windowValuesCte } from './compile-support-ctes';
import type { KpiCatalog, KpiDef } from './kpi-definition';
import type { OrgNodeRef } from './org-node';
import { addMonths } from '../domain/civil-date';

/** The first and the day after the last month any window row reads. */
export function windowBounds(rows: readonly WindowRow[]): { from: string; to: string } {
  let from = rows[0]?.monthStart ?? '1970-01-01';
  let to = from;
  for (const r of rows) {
    if (r.monthStart < from) from = r.monthStart;
    if (r.monthStart > to) to = r.monthStart;
  }
  return { from, to: addMonths(to, 1) };
}

/** Alias kept for row listings, which read the same months as the scans. */
export const compileFactScanBounds = windowBounds;

export function scanTableName(scan: FactScan): string {
  return `kpi_scan_${scan.key}`;
}

export function compileKpiQuery(
  kpi: KpiDef,
  catalog: KpiCatalog,
  opts: { periods: readonly (Period & { grain: KpiGrain })[]; calendar: FiscalCalendar; node?: OrgNodeRef },
): SqlFragment {
  const scans = kpiScans(kpi, catalog);
  const rows = buildWindowRows(
    opts.periods,
    scans.flatMap((s) => s.measures.map((m) => m.window)),
    opts.calendar,
  );
  const bounds = windowBounds(rows);
  const ctes = [
    windowValuesCte(rows),
    rootCte(),
    repOrgCte(),
    ...derivedFactCtes(planDerivedFacts(scans, rows, opts.calendar)),
    ...scans.map((s) => sql`${ident(scanTableName(s))} AS (${compileFactScan(s, bounds, rows)})`),
  ];
  const where = opts.node ? sql`k.node_kind = ${param(opts.node.kind)} AND k.node_id = ${param(opts.node.id)}` : undefined;
  return sql`WITH ${joinSql(ctes, ',\n')}
${compileKpiSelect(kpi, catalog, scanTableName, where)}
ORDER BY k.grain, k.period_start, k.node_kind, k.node_id`;
}
