/**
 * The common tables every KPI query reads besides its facts:
 *  - kpi_window: (grain, period_start, period_label, window_key, window_from, month_start);
 *  - kpi_root: the enterprise org unit, which also receives rows of reps with no assignment;
 *  - kpi_rep_org: each rep_assignment with the team, region, division and enterprise above it,
 *    so a row is attributed to the org of its date (history, not today's org chart);
 *    valid_until is valid_to, or a far date while the assignment is open.
 */
import { dialectHook, ident, joinSql, param, raw, type SqlFragment, sql } from '../sql/sql-fragment';
import type { WindowRow } from './build-window-rows';
import { NODE_KINDS, type NodeKind, orgColumn } from './org-node';

/** How deep an assignment may sit below the enterprise (rep_assignment → org_unit → … parents). */
const DEPTH = 6;

const VARCHAR = dialectHook(() => 'VARCHAR');

/** kpi_window as a VALUES list; compute uses a temporary table of the same shape instead. */
export function windowValuesCte(rows: readonly WindowRow[]): SqlFragment {
  if (rows.length === 0) throw new Error('no window rows: at least one period and one window are needed');
  const values = rows.map(
    (r) =>
      sql`(CAST(${param(r.grain)} AS ${VARCHAR}), CAST(${param(r.periodStart)} AS DATE), CAST(${param(r.periodLabel)} AS ${VARCHAR}), CAST(${param(r.windowKey)} AS ${VARCHAR}), CAST(${param(r.windowFrom)} AS DATE), CAST(${param(r.monthStart)} AS DATE))`,
  );
  return sql`kpi_window (grain, period_start, period_label, window_key, window_from, month_start) AS (VALUES ${joinSql(values, ',\n    ')})`;
}

function levelCase(kind: Exclude<NodeKind, 'rep'>): SqlFragment {
  const arms: SqlFragment[] = [];
  for (let i = 0; i < DEPTH; i++) arms.push(sql`WHEN ${ident(`u${i}`)}.kind = ${raw(`'${kind}'`)} THEN ${ident(`u${i}`)}.id`);
  return sql`CASE ${joinSql(arms, ' ')} END AS ${ident(orgColumn(kind))}`;
}

export function rootCte(): SqlFragment {
  return sql`kpi_root AS (SELECT COALESCE(MIN(id), ${param('enterprise')}) AS id FROM org_unit WHERE kind = ${raw("'enterprise'")})`;
}

export function repOrgCte(): SqlFragment {
  const joins: SqlFragment[] = [sql`LEFT JOIN org_unit u0 ON u0.id = a.org_unit_id`];
  for (let i = 1; i < DEPTH; i++)
    joins.push(sql`LEFT JOIN org_unit ${ident(`u${i}`)} ON ${ident(`u${i}`)}.id = ${ident(`u${i - 1}`)}.parent_id`);
  const levels = NODE_KINDS.filter((k): k is Exclude<NodeKind, 'rep'> => k !== 'rep').map(levelCase);
  // valid_until closes an open assignment with a far date: a join condition with no OR lets the engine
  // hash on rep_id (DuckDB turns `valid_to IS NULL OR …` into a nested-loop join over every assignment).
  return sql`kpi_rep_org AS (SELECT a.rep_id, a.valid_from, a.valid_to, COALESCE(a.valid_to, CAST(${param('9999-12-31')} AS DATE)) AS valid_until, ${joinSql(levels)}
    FROM rep_assignment a ${joinSql(joins, ' ')})`;
}
