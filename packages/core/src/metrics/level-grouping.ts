/**
 * The five org levels as columns of a scan (k_rep … k_enterprise) and the
 * GROUPING SETS over them: each fact part groups by one level at a time, and
 * node_kind / node_id tell which level a grouped row belongs to.
 */
import { ident, joinSql, raw, type SqlFragment, sql } from '../sql/sql-fragment';
import { NODE_KINDS, type NodeKind } from './org-node';

/** A grouped row's period, from the window table `w`. */
export const WINDOW_PERIOD = sql`w.grain, w.period_start, w.period_label`;

export const LEVEL_COLUMNS: Record<NodeKind, string> = {
  rep: 'k_rep',
  team: 'k_team',
  region: 'k_region',
  division: 'k_division',
  enterprise: 'k_enterprise',
};

/** node_kind and node_id of a GROUPING SETS row over the level columns of alias `b`. */
export function nodeColumns(): SqlFragment {
  const inner = NODE_KINDS.slice(0, -1).map((k) => ({ kind: k, key: sql`b.${ident(LEVEL_COLUMNS[k])}` }));
  const kindCase = sql`CASE ${joinSql(
    inner.map((l) => sql`WHEN GROUPING(${l.key}) = 0 THEN ${raw(`'${l.kind}'`)}`),
    ' ',
  )} ELSE ${raw("'enterprise'")} END`;
  const idCase = sql`CASE ${joinSql(
    inner.map((l) => sql`WHEN GROUPING(${l.key}) = 0 THEN ${l.key}`),
    ' ',
  )} ELSE b.k_enterprise END`;
  return sql`${kindCase} AS node_kind, ${idCase} AS node_id`;
}

export function levelSets(prefix: SqlFragment): SqlFragment {
  return sql`GROUPING SETS (${joinSql(
    NODE_KINDS.map((k) => sql`(${prefix}, b.${ident(LEVEL_COLUMNS[k])})`),
    ', ',
  )})`;
}
