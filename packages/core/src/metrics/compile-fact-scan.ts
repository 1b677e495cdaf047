/**
 * One scan of one fact table computes every measure on it, for every period,
 * window and org level at once: rows join kpi_window on their month and
 * kpi_rep_org on the assignment in force on their date, and GROUPING SETS
 * aggregate rep, team, region, division and enterprise in the same pass.
 * Distinct counts and averages are therefore recomputed at every level from
 * rows, never derived from the level below.
 */
import { assertNever } from '../domain/assert-never';
import { dialectHook, ident, joinSql, param, raw, type SqlFragment, sql } from '../sql/sql-fragment';
import { compileFieldExpression, fieldRef, lookupAlias } from './compile-field-expression';
import { FACTS, type FactSchema } from './fact-schemas';
import { walkExpr } from './formula-ast';
import { type MeasureDef, windowKey } from './kpi-definition';
import { NODE_KINDS, type NodeKind, orgColumn } from './org-node';
import { renderInside } from './render-inside';

export interface FactScan {
  /** `<fact>__<date>`: one scan per fact table and the date that places its rows. */
  key: string;
  fact: FactSchema;
  date: string;
  measures: MeasureDef[];
}

/** The measures grouped by the scan that computes them, in a stable order. */
export function planScans(measures: Iterable<MeasureDef>): FactScan[] {
  const scans = new Map<string, FactScan>();
  for (const m of measures) {
    const key = `${m.fact}__${m.date}`;
    let scan = scans.get(key);
    if (!scan) {
      const fact = FACTS.get(m.fact);
      if (!fact) throw new Error(`measure ${m.name} names unknown fact ${m.fact}`);
      scan = { key, fact, date: m.date, measures: [] };
      scans.set(key, scan);
    }
    if (!scan.measures.some((x) => x.name === m.name)) scan.measures.push(m);
  }
  return [...scans.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** The output columns of a measure: an average keeps its sum and count so it can be explained and recomputed. */
export function measureColumns(m: MeasureDef): string[] {
  return m.agg === 'avg' ? [`m_${m.name}__sum`, `m_${m.name}__n`] : [`m_${m.name}`];
}

export function repExpression(fact: FactSchema): SqlFragment {
  return fieldRef(fact.rep.lookup ?? fact.rep.column, fact.rep.lookup === null ? null : fact.rep.column);
}

export function dateExpression(scan: Pick<FactScan, 'date'>): SqlFragment {
  return sql`CAST(f.${ident(scan.date)} AS DATE)`;
}

/** FROM … joins shared by a scan and explain's row listing. */
export function factFrom(scan: Pick<FactScan, 'fact' | 'date' | 'measures'>): SqlFragment {
  const fact = scan.fact;
  const used = usedLookups(scan);
  const lookups = Object.entries(fact.lookups)
    .filter(([name]) => used.has(name))
    .map(
      ([name, l]) =>
        sql`LEFT JOIN ${ident(l.table)} ${ident(lookupAlias(name))} ON ${ident(lookupAlias(name))}.${ident(l.lookupColumn)} = f.${ident(l.factColumn)}`,
    );
  const d = dateExpression(scan);
  const rep = repExpression(fact);
  return sql`FROM ${ident(fact.table)} f ${joinSql(lookups, ' ')}
    JOIN kpi_window w ON w.month_start = ${dialectHook((dl, p) => dl.dateTrunc('month', renderInside(d, dl, p)))}
    LEFT JOIN kpi_rep_org o ON o.rep_id = ${rep} AND o.valid_from <= ${d} AND (o.valid_to IS NULL OR ${d} < o.valid_to)
    CROSS JOIN kpi_root r`;
}

/** Lookups a scan needs: those its fields and filters name, and the one that gives the rep. */
function usedLookups(scan: Pick<FactScan, 'fact' | 'measures'>): Set<string> {
  const used = new Set<string>();
  if (scan.fact.rep.lookup) used.add(scan.fact.rep.lookup);
  for (const m of scan.measures) {
    for (const e of [m.field, m.filter]) {
      if (e) walkExpr(e, (n) => n.kind === 'ref' && n.member !== null && used.add(n.name));
    }
  }
  return used;
}

function aggregate(m: MeasureDef): SqlFragment[] {
  const cond = sql`w.window_key = ${param(windowKey(m.window))}${m.filter ? sql` AND ${compileFieldExpression(m.filter)}` : raw('')}`;
  const field = m.field ? compileFieldExpression(m.field) : raw('1');
  const [first, second] = measureColumns(m) as [string, string | undefined];
  switch (m.agg) {
    case 'sum':
      return [sql`SUM(CASE WHEN ${cond} THEN ${field} END) AS ${ident(first)}`];
    case 'count':
      return [sql`COUNT(CASE WHEN ${cond} THEN ${field} END) AS ${ident(first)}`];
    case 'count_distinct':
      return [sql`COUNT(DISTINCT CASE WHEN ${cond} THEN ${field} END) AS ${ident(first)}`];
    case 'avg':
      return [
        sql`SUM(CASE WHEN ${cond} THEN ${field} END) AS ${ident(first)}`,
        sql`COUNT(CASE WHEN ${cond} THEN ${field} END) AS ${ident(second as string)}`,
      ];
    case 'min':
      return [sql`MIN(CASE WHEN ${cond} THEN ${field} END) AS ${ident(first)}`];
    case 'max':
      return [sql`MAX(CASE WHEN ${cond} THEN ${field} END) AS ${ident(first)}`];
    case 'percentile':
      return [sql`PERCENTILE_CONT(${param(m.percentile)}) WITHIN GROUP (ORDER BY CASE WHEN ${cond} THEN ${field} END) AS ${ident(first)}`];
    default:
      return assertNever(m.agg, 'measure aggregation');
  }
}

/** The grouping expression of a level. */
export function levelKey(kind: NodeKind, fact: FactSchema): SqlFragment {
  if (kind === 'rep') return repExpression(fact);
  if (kind === 'enterprise') return sql`COALESCE(o.enterprise_id, r.id)`;
  return sql`o.${ident(orgColumn(kind))}`;
}

/** The SELECT of one fact scan: (grain, period_start, period_label, node_kind, node_id, m_… columns). */
export function compileFactScan(scan: FactScan, bounds: { from: string; to: string }): SqlFragment {
  const period = sql`w.grain, w.period_start, w.period_label`;
  const levels = NODE_KINDS.map((k) => ({ kind: k, key: levelKey(k, scan.fact) }));
  const grouped = levels.slice(0, -1);
  const kindCase = sql`CASE ${joinSql(
    grouped.map((l) => sql`WHEN GROUPING(${l.key}) = 0 THEN ${raw(`'${l.kind}'`)}`),
    ' ',
  )} ELSE ${raw("'enterprise'")} END`;
  const idCase = sql`CASE ${joinSql(
    grouped.map((l) => sql`WHEN GROUPING(${l.key}) = 0 THEN ${l.key}`),
    ' ',
  )} ELSE ${levelKey('enterprise', scan.fact)} END`;
  const windows = [...new Set(scan.measures.map((m) => windowKey(m.window)))].map((k) => param(k));
  const d = dateExpression(scan);
  const measures = scan.measures.flatMap(aggregate);
  const inner = sql`SELECT ${period}, ${kindCase} AS node_kind, ${idCase} AS node_id, ${joinSql(measures, ',\n      ')}
    ${factFrom(scan)}
    WHERE w.window_key IN (${joinSql(windows)}) AND ${d} >= CAST(${param(bounds.from)} AS DATE) AND ${d} < CAST(${param(bounds.to)} AS DATE)
    GROUP BY GROUPING SETS (${joinSql(
      levels.map((l) => sql`(${period}, ${l.key})`),
      ', ',
    )})`;
  return sql`SELECT * FROM (${inner}) scan WHERE node_id IS NOT NULL`;
}
