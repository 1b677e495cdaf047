/**
 * The rows behind one measure for one org node and period: what explain
 * pages through. Each row carries its contribution (the aggregated field, or 1
 * for a count), so the rows add up to the measure: their sum for sum and
 * count, their distinct contributions for count_distinct, and for top_sum
 * only the `top` largest rows are listed. Rows of a derived fact (a customer,
 * rep or open opportunity at a month end) come from the same SELECT compute
 * builds them with.
 */
import type { FiscalCalendar } from '../domain/fiscal-calendar';
import { joinSql, param, raw, type SqlFragment, sql } from '../sql/sql-fragment';
import type { WindowRow } from './build-window-rows';
import { derivedFactCtes, planDerivedFacts } from './compile-derived-fact';
import { compileFieldExpression } from './compile-field-expression';
import { dateExpression, factFrom, levelKey, repExpression, rowIdExpression } from './compile-fact-scan';
import { compileFactScanBounds } from './compile-kpi-query';
import { repOrgCte, rootCte, windowValuesCte } from './compile-support-ctes';
import { FACTS } from './fact-schemas';
import { type MeasureDef, windowKey } from './kpi-definition';
import type { OrgNodeRef } from './org-node';

export interface RowsPage {
  limit: number;
  offset: number;
}

function parts(
  m: MeasureDef,
  node: OrgNodeRef,
  rows: readonly WindowRow[],
  cal: FiscalCalendar,
): { ctes: SqlFragment; from: SqlFragment; where: SqlFragment; select: SqlFragment } {
  const fact = FACTS.get(m.fact);
  if (!fact) throw new Error(`unknown fact ${m.fact}`);
  const scan = { fact, date: m.date, measures: [m] };
  const bounds = compileFactScanBounds(rows);
  const d = dateExpression(scan);
  const contribution = m.field ? compileFieldExpression(m.field) : raw('1');
  const derived = derivedFactCtes(planDerivedFacts([scan], rows, cal)).map((c) => sql`, ${c}`);
  return {
    ctes: sql`WITH ${windowValuesCte(rows)}, ${rootCte()}, ${repOrgCte()}${joinSql(derived, '')}`,
    from: factFrom(scan),
    where: sql`w.window_key = ${param(windowKey(m.window))}${m.filter ? sql` AND ${compileFieldExpression(m.filter)}` : raw('')}
      AND ${levelKey(node.kind, fact)} = ${param(node.id)}
      AND ${d} >= CAST(${param(bounds.from)} AS DATE) AND ${d} < CAST(${param(bounds.to)} AS DATE)`,
    select: sql`${rowIdExpression(fact)} AS row_id, ${d} AS row_date, ${repExpression(fact)} AS rep_id, o.team_id AS team_id, ${contribution} AS contribution`,
  };
}

/** The contributing rows as a subquery `x`; for top_sum only the `top` largest (ties by id). */
function contributing(m: MeasureDef, p: ReturnType<typeof parts>): SqlFragment {
  if (m.agg !== 'top_sum') return sql`(SELECT ${p.select} ${p.from} WHERE ${p.where}) x`;
  return sql`(SELECT t.row_id, t.row_date, t.rep_id, t.team_id, t.contribution FROM (
      SELECT c.*, ROW_NUMBER() OVER (ORDER BY c.contribution DESC, c.row_id) AS rn
      FROM (SELECT ${p.select} ${p.from} WHERE ${p.where}) c WHERE c.contribution IS NOT NULL) t
    WHERE t.rn <= CAST(${param(m.top)} AS INTEGER)) x`;
}

/** One page of contributing rows, ordered by date and id. */
export function compileContributingRows(
  m: MeasureDef,
  node: OrgNodeRef,
  rows: readonly WindowRow[],
  page: RowsPage,
  cal: FiscalCalendar,
): SqlFragment {
  const p = parts(m, node, rows, cal);
  return sql`${p.ctes}
SELECT x.* FROM ${contributing(m, p)}
ORDER BY x.row_date, x.row_id
LIMIT ${param(page.limit)} OFFSET ${param(page.offset)}`;
}

/** How many rows contribute, and what they add up to. */
export function compileContributingTotals(m: MeasureDef, node: OrgNodeRef, rows: readonly WindowRow[], cal: FiscalCalendar): SqlFragment {
  const p = parts(m, node, rows, cal);
  return sql`${p.ctes}
SELECT COUNT(*) AS row_count, ${m.agg === 'count_distinct' ? raw('NULL') : raw('SUM(x.contribution)')} AS contribution_sum, COUNT(DISTINCT x.contribution) AS distinct_contributions
FROM ${contributing(m, p)}`;
}
