/**
 * What chosen rows (by id) contribute to one measure, with the month that
 * places each row and its rep and org units on the row's date — the same
 * attribution as the scans. A scorecard exception rule uses it to take single
 * deals out of a KPI by subtracting exactly what they put in.
 */
import { dialectHook, ident, joinSql, param, raw, type SqlFragment, sql } from '../sql/sql-fragment';
import { dateExpression, levelKey, lookupJoins, orgJoin, repExpression } from './compile-fact-scan';
import { compileFieldExpression } from './compile-field-expression';
import { repOrgCte, rootCte } from './compile-support-ctes';
import { FACTS } from './fact-schemas';
import type { MeasureDef } from './kpi-definition';
import { NODE_KINDS, orgColumn } from './org-node';
import { renderInside } from './render-inside';

/** Columns: row_id, k_month, rep_id, team_id, region_id, division_id, enterprise_id, contribution (rows outside the filter are left out). */
export function compileRowContributions(m: MeasureDef, rowIds: readonly string[]): SqlFragment {
  const fact = FACTS.get(m.fact);
  if (!fact) throw new Error(`unknown fact ${m.fact}`);
  const [idColumn, ...rest] = fact.idColumns;
  if (!idColumn || rest.length > 0) throw new Error(`fact ${m.fact} has a composite id; rows cannot be listed by id`);
  if (rowIds.length === 0) throw new Error('no row ids');
  const scan = { fact, date: m.date, measures: [m] };
  const d = dateExpression(scan);
  const levels = NODE_KINDS.filter((k) => k !== 'rep').map((k) => sql`${levelKey(k, fact)} AS ${ident(orgColumn(k))}`);
  const contribution = m.field ? compileFieldExpression(m.field) : raw('1');
  return sql`WITH ${rootCte()}, ${repOrgCte()}
SELECT CAST(f.${ident(idColumn)} AS VARCHAR) AS row_id, ${dialectHook((dl, p) => dl.dateTrunc('month', renderInside(d, dl, p)))} AS k_month,
  ${repExpression(fact)} AS rep_id, ${joinSql(levels)}, ${contribution} AS contribution
FROM ${ident(fact.table)} f ${lookupJoins(scan)}
${orgJoin(scan)}
WHERE f.${ident(idColumn)} IN (${joinSql(rowIds.map((id) => param(id)))})${m.filter ? sql` AND ${compileFieldExpression(m.filter)}` : raw('')}
ORDER BY row_id`;
}
