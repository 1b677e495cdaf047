/**
 * The rows behind one measure for one org node and period: what explain
 * pages through. Each row carries its contribution (the aggregated field, or 1
 * for a count), so the rows add up to the measure: their sum for sum and
 * count, their distinct contributions for count_distinct.
 */
import { ident, joinSql, param, raw, type SqlFragment, sql } from '../sql/sql-fragment';
import type { WindowRow } from './build-window-rows';
import { compileFieldExpression } from './compile-field-expression';
import { dateExpression, factFrom, levelKey, repExpression } from './compile-fact-scan';
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
): { ctes: SqlFragment; from: SqlFragment; where: SqlFragment; select: SqlFragment } {
  const fact = FACTS.get(m.fact);
  if (!fact) throw new Error(`unknown fact ${m.fact}`);
  const scan = { fact, date: m.date, measures: [m] };
  const bounds = compileFactScanBounds(rows);
  const d = dateExpression(scan);
  const rowId = joinSql(
    fact.idColumns.map((c) => sql`CAST(f.${ident(c)} AS VARCHAR)`),
    " || '/' || ",
  );
  const contribution = m.field ? compileFieldExpression(m.field) : raw('1');
  return {
    ctes: sql`WITH ${windowValuesCte(rows)}, ${rootCte()}, ${repOrgCte()}`,
    from: factFrom(scan),
    where: sql`w.window_key = ${param(windowKey(m.window))}${m.filter ? sql` AND ${compileFieldExpression(m.filter)}` : raw('')}
      AND ${levelKey(node.kind, fact)} = ${param(node.id)}
      AND ${d} >= CAST(${param(bounds.from)} AS DATE) AND ${d} < CAST(${param(bounds.to)} AS DATE)`,
    select: sql`${rowId} AS row_id, ${d} AS row_date, ${repExpression(fact)} AS rep_id, o.team_id AS team_id, ${contribution} AS contribution`,
  };
}

/** One page of contributing rows, ordered by date and id. */
export function compileContributingRows(m: MeasureDef, node: OrgNodeRef, rows: readonly WindowRow[], page: RowsPage): SqlFragment {
  const p = parts(m, node, rows);
  return sql`${p.ctes}
SELECT ${p.select}
${p.from}
WHERE ${p.where}
ORDER BY row_date, row_id
LIMIT ${param(page.limit)} OFFSET ${param(page.offset)}`;
}

/** How many rows contribute, and what they add up to. */
export function compileContributingTotals(m: MeasureDef, node: OrgNodeRef, rows: readonly WindowRow[]): SqlFragment {
  const p = parts(m, node, rows);
  return sql`${p.ctes}
SELECT COUNT(*) AS row_count, ${m.agg === 'count_distinct' ? raw('NULL') : raw('SUM(x.contribution)')} AS contribution_sum, COUNT(DISTINCT x.contribution) AS distinct_contributions
FROM (SELECT ${p.select} ${p.from} WHERE ${p.where}) x`;
}
