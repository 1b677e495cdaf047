/**
 * One scan of one fact table computes every measure on it, for every period,
 * window and org level at once: each row is attributed once (the assignment in
 * force on its date gives team, region, division and enterprise), additive
 * parts are folded by (rep, assignment, month), and the window list joined on the
 * month places those parts in every period and window they feed; GROUPING SETS
 * then aggregate rep, team, region, division and enterprise in the same pass.
 * Distinct counts are recomputed at every level from the values' months and
 * percentiles from rows, so no level is ever derived from the level below.
 */
import { assertNever } from '../domain/assert-never';
import { dialectHook, ident, joinSql, param, raw, type SqlFragment, sql } from '../sql/sql-fragment';
import { compileFieldExpression, fieldRef, lookupAlias } from './compile-field-expression';
import { FACTS, type FactSchema } from './fact-schemas';
import { walkExpr } from './formula-ast';
import { type MeasureDef, windowKey } from './kpi-definition';
import { NODE_KINDS, type NodeKind, orgColumn } from './org-node';
import { LEVEL_COLUMNS, levelSets, nodeColumns, WINDOW_PERIOD as PERIOD } from './level-grouping';
import { compileDistinctCount } from './compile-distinct-count';
import { renderInside } from './render-inside';
import { topSumByLevel } from './compile-top-sum';
import type { WindowRow } from './build-window-rows';

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
  const rep = fieldRef(fact.rep.lookup ?? fact.rep.column, fact.rep.lookup === null ? null : fact.rep.column);
  const when = fact.rep.when;
  return when ? sql`CASE WHEN f.${ident(when.column)} = ${param(when.equals)} THEN ${rep} END` : rep;
}

export function dateExpression(scan: Pick<FactScan, 'date'>): SqlFragment {
  return sql`CAST(f.${ident(scan.date)} AS DATE)`;
}

/** The date whose rep assignment attributes a row: the fact's orgDate, or the date that places the row. */
export function orgDateExpression(scan: Pick<FactScan, 'fact' | 'date'>): SqlFragment {
  return scan.fact.orgDate ? sql`CAST(f.${ident(scan.fact.orgDate)} AS DATE)` : dateExpression(scan);
}

/** The rep_assignment in force on a row's attribution date, and the enterprise root. */
export function orgJoin(scan: Pick<FactScan, 'fact' | 'date'>): SqlFragment {
  const d = orgDateExpression(scan);
  return sql`LEFT JOIN kpi_rep_org o ON o.rep_id = ${repExpression(scan.fact)} AND o.valid_from <= ${d} AND ${d} < o.valid_until
    CROSS JOIN kpi_root r`;
}

/** LEFT JOINs of the lookups a scan uses. */
export function lookupJoins(scan: Pick<FactScan, 'fact' | 'measures'>): SqlFragment {
  const used = usedLookups(scan);
  return joinSql(
    Object.entries(scan.fact.lookups)
      .filter(([name]) => used.has(name))
      .map(
        ([name, l]) =>
          sql`LEFT JOIN ${ident(l.table)} ${ident(lookupAlias(name))} ON ${ident(lookupAlias(name))}.${ident(l.lookupColumn)} = f.${ident(l.factColumn)}`,
      ),
    ' ',
  );
}

/** FROM … joins shared by a scan and explain's row listing. */
export function factFrom(scan: Pick<FactScan, 'fact' | 'date' | 'measures'>): SqlFragment {
  const d = dateExpression(scan);
  return sql`FROM ${ident(scan.fact.table)} f ${lookupJoins(scan)}
    JOIN kpi_window w ON w.month_start = ${dialectHook((dl, p) => dl.dateTrunc('month', renderInside(d, dl, p)))}
    ${orgJoin(scan)}`;
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

/** The grouping expression of a level. */
export function levelKey(kind: NodeKind, fact: FactSchema): SqlFragment {
  if (kind === 'rep') return repExpression(fact);
  if (kind === 'enterprise') return sql`COALESCE(o.enterprise_id, r.id)`;
  return sql`o.${ident(orgColumn(kind))}`;
}

/** Distinct counts, percentiles and top sums cannot be folded into month totals. */
function isRowLevel(m: MeasureDef): boolean {
  return m.agg === 'count_distinct' || m.agg === 'percentile' || m.agg === 'top_sum';
}

/** A base column: one measure's filtered field, shared by measures that differ only by window. */
interface BaseColumn {
  name: string;
  /** How rows fold into the month base (sum, count, min, max), or `row` when they stay rows. */
  fold: 'sum' | 'count' | 'min' | 'max' | 'row';
  value: SqlFragment;
}

function baseColumns(scan: FactScan): { columns: BaseColumn[]; byMeasure: Map<string, string[]> } {
  const columns: BaseColumn[] = [];
  const bySignature = new Map<string, string>();
  const byMeasure = new Map<string, string[]>();
  const column = (fold: BaseColumn['fold'], m: MeasureDef): string => {
    const signature = `${fold}\u0000${m.fieldText ?? ''}\u0000${m.filterText ?? ''}`;
    const known = bySignature.get(signature);
    if (known) return known;
    const name = `v${columns.length}`;
    const field = m.field ? compileFieldExpression(m.field) : raw('1');
    columns.push({ name, fold, value: m.filter ? sql`CASE WHEN ${compileFieldExpression(m.filter)} THEN ${field} END` : field });
    bySignature.set(signature, name);
    return name;
  };
  for (const m of scan.measures) {
    switch (m.agg) {
      case 'sum':
      case 'count':
      case 'min':
      case 'max':
        byMeasure.set(m.name, [column(m.agg, m)]);
        break;
      case 'avg':
        byMeasure.set(m.name, [column('sum', m), column('count', m)]);
        break;
      case 'count_distinct':
      case 'percentile':
      case 'top_sum':
        byMeasure.set(m.name, [column('row', m)]);
        break;
      default:
        return assertNever(m.agg, 'measure aggregation');
    }
  }
  return { columns, byMeasure };
}

function fold(c: BaseColumn): SqlFragment {
  const v = c.value;
  switch (c.fold) {
    case 'sum':
      return sql`SUM(${v})`;
    case 'count':
      return sql`COUNT(${v})`;
    case 'min':
      return sql`MIN(${v})`;
    case 'max':
      return sql`MAX(${v})`;
    case 'row':
      return v;
    default:
      return assertNever(c.fold, 'fold');
  }
}

function finalAggregate(m: MeasureDef, cols: string[]): SqlFragment[] {
  const inWindow = (col: string) => sql`CASE WHEN w.window_key = ${param(windowKey(m.window))} THEN b.${ident(col)} END`;
  const [first, second] = measureColumns(m) as [string, string | undefined];
  const [c0, c1] = cols as [string, string | undefined];
  switch (m.agg) {
    case 'sum':
      return [sql`SUM(${inWindow(c0)}) AS ${ident(first)}`];
    case 'count':
      return [sql`COALESCE(SUM(${inWindow(c0)}), 0) AS ${ident(first)}`];
    case 'avg':
      return [sql`SUM(${inWindow(c0)}) AS ${ident(first)}`, sql`COALESCE(SUM(${inWindow(c1 as string)}), 0) AS ${ident(second as string)}`];
    case 'min':
      return [sql`MIN(${inWindow(c0)}) AS ${ident(first)}`];
    case 'max':
      return [sql`MAX(${inWindow(c0)}) AS ${ident(first)}`];
    case 'count_distinct':
      return [sql`COUNT(DISTINCT ${inWindow(c0)}) AS ${ident(first)}`];
    case 'percentile':
      return [sql`PERCENTILE_CONT(${param(m.percentile)}) WITHIN GROUP (ORDER BY ${inWindow(c0)}) AS ${ident(first)}`];
    case 'top_sum':
      throw new Error(`top_sum ${m.name} is aggregated by topSumByLevel, not by the window join`);
    default:
      return assertNever(m.agg, 'measure aggregation');
  }
}

/**
 * The SELECT of one fact scan: (grain, period_start, period_label, node_kind, node_id, m_… columns).
 *
 * Each fact row is read once and attributed once (rep, the org units of the
 * assignment in force on its date, its month). Additive parts (sums, counts,
 * an average's sum and count, min, max) are then folded to one row per
 * (rep, assignment, month) before the window join, so a trailing-12-month window
 * multiplies month totals, not rows. Each distinct count is a part of its own
 * (compile-distinct-count.ts: month masks, or previous months past 63) and percentiles keep
 * their rows. The window join and GROUPING SETS over rep, team, region,
 * division and enterprise recompute every level from these parts, exactly as
 * from raw rows; the parts meet on (period, node).
 */
/**
 * How many times the scan's SQL reads its fact table: once for the additive measures, once for the
 * percentiles, and once per top sum and per distinct count (each aggregates on its own).
 */
export function factReads(scan: Pick<FactScan, 'measures'>): number {
  const ms = scan.measures;
  const additive = ms.some((m) => !isRowLevel(m)) ? 1 : 0;
  const percentiles = ms.some((m) => m.agg === 'percentile') ? 1 : 0;
  return additive + percentiles + ms.filter((m) => m.agg === 'top_sum' || m.agg === 'count_distinct').length;
}

export function compileFactScan(scan: FactScan, bounds: { from: string; to: string }, windows: readonly WindowRow[]): SqlFragment {
  const d = dateExpression(scan);
  const { columns, byMeasure } = baseColumns(scan);
  const additive = columns.filter((c) => c.fold !== 'row');
  const keys = NODE_KINDS.map((k) => LEVEL_COLUMNS[k]);
  const keyList = joinSql(keys.map((k) => ident(k)));
  const month = dialectHook((dl, p) => dl.dateTrunc('month', renderInside(d, dl, p)));
  const tops = scan.measures.filter((m) => m.agg === 'top_sum');
  // A top sum ranks rows, so each row keeps its identity through the GROUPING SETS. Every row keeps the
  // assignment that attributed it (rep_assignment's key with the rep): top sums rank by it first, and the
  // additive parts fold by it.
  const rowKey = tops.length > 0 ? sql`, ${rowIdExpression(scan.fact)} AS k_row` : sql``;
  const attributed = sql`SELECT ${joinSql(
    NODE_KINDS.map((k) => sql`${levelKey(k, scan.fact)} AS ${ident(LEVEL_COLUMNS[k])}`),
  )}, ${month} AS k_month, o.valid_from AS k_assignment${rowKey}, ${joinSql(columns.map((c) => sql`${c.value} AS ${ident(c.name)}`))}
    FROM ${ident(scan.fact.table)} f ${lookupJoins(scan)}
    ${orgJoin(scan)}
    WHERE ${d} >= CAST(${param(bounds.from)} AS DATE) AND ${d} < CAST(${param(bounds.to)} AS DATE)`;
  const parts: { sql: SqlFragment; measures: MeasureDef[] }[] = [];
  if (additive.length > 0) {
    const measures = scan.measures.filter((m) => !isRowLevel(m));
    // Folded by (rep, assignment, month), a text and two dates, then given the assignment's org levels:
    // hashing five org ids per row instead took the large demo's order lines 3.2–3.8 s against 1.9–2.6 s.
    const folded = sql`SELECT k_rep, k_assignment, k_month, ${joinSql(additive.map((c) => sql`${fold({ ...c, value: sql`${ident(c.name)}` })} AS ${ident(c.name)}`))}
        FROM a GROUP BY k_rep, k_assignment, k_month`;
    const levels = NODE_KINDS.filter((k) => k !== 'rep').map((k) => sql`${levelKey(k, scan.fact)} AS ${ident(LEVEL_COLUMNS[k])}`);
    const source = sql`SELECT p.k_rep, ${joinSql(levels)}, p.k_month, ${joinSql(additive.map((c) => sql`p.${ident(c.name)}`))}
        FROM (${folded}) p LEFT JOIN kpi_rep_org o ON o.rep_id = p.k_rep AND o.valid_from = p.k_assignment CROSS JOIN kpi_root r`;
    parts.push({ sql: groupedByLevel(source, measures, byMeasure), measures });
  }
  const percentiles = scan.measures.filter((m) => m.agg === 'percentile');
  if (percentiles.length > 0) {
    const cols = percentiles.map((m) => byMeasure.get(m.name)?.[0] as string);
    const source = sql`SELECT ${keyList}, k_month, ${joinSql(cols.map((c) => ident(c)))} FROM a WHERE ${joinSql(
      cols.map((c) => sql`${ident(c)} IS NOT NULL`),
      ' OR ',
    )}`;
    parts.push({ sql: groupedByLevel(source, percentiles, byMeasure), measures: percentiles });
  }
  const orgLevels = NODE_KINDS.filter((k) => k !== 'rep').map((k) => sql`${levelKey(k, scan.fact)} AS ${ident(LEVEL_COLUMNS[k])}`);
  for (const m of tops) {
    const [out] = measureColumns(m) as [string];
    const column = byMeasure.get(m.name)?.[0] as string;
    parts.push({ sql: topSumByLevel(m, { column, out, repeatedIds: scan.fact.repeatedIds === true, orgLevels }), measures: [m] });
  }
  for (const m of scan.measures.filter((x) => x.agg === 'count_distinct')) {
    const [out] = measureColumns(m) as [string];
    const column = byMeasure.get(m.name)?.[0] as string;
    parts.push({ sql: compileDistinctCount({ window: windowKey(m.window), column, out, orgLevels }, bounds, windows), measures: [m] });
  }
  const g = (i: number) => ident(`g${i}`);
  const key = (c: string, upTo: number) =>
    upTo === 1 ? sql`${g(0)}.${ident(c)}` : sql`COALESCE(${joinSql(parts.slice(0, upTo).map((_, i) => sql`${g(i)}.${ident(c)}`))})`;
  const n = parts.length;
  // Each part aggregates on its own (a distinct aggregate slows every aggregate of its GROUP BY); they meet on (period, node).
  const from = parts.map((p, i) =>
    i === 0
      ? sql`(${p.sql}) ${g(0)}`
      : sql`FULL JOIN (${p.sql}) ${g(i)} ON ${joinSql(
          ['grain', 'period_start', 'node_kind', 'node_id'].map((c) => sql`${g(i)}.${ident(c)} = ${key(c, i)}`),
          ' AND ',
        )}`,
  );
  const outputs = parts.flatMap((p, i) => p.measures.flatMap((m) => measureColumns(m).map((c) => sql`${g(i)}.${ident(c)}`)));
  // On DuckDB each part reads the fact table itself, with only the columns it uses: materialised, `a` holds
  // every column of every row (millions of rows, row ids as text) and spills past the memory limit.
  return sql`SELECT * FROM (WITH a AS ${dialectHook((dl) => (dl.inlineSharedCtes ? 'NOT MATERIALIZED' : ''))} (${attributed})
    SELECT ${joinSql(['grain', 'period_start', 'period_label', 'node_kind', 'node_id'].map((c) => sql`${key(c, n)} AS ${ident(c)}`))}, ${joinSql(outputs)}
    FROM ${joinSql(from, '\n    ')}) scan`;
}

/** GROUPING SETS over rep, team, region, division and enterprise of a (rep, org, month, value…) source joined to the windows. */
function groupedByLevel(source: SqlFragment, measures: MeasureDef[], byMeasure: Map<string, string[]>): SqlFragment {
  const windows = [...new Set(measures.map((m) => windowKey(m.window)))].map((k) => param(k));
  const aggregates = measures.flatMap((m) => finalAggregate(m, byMeasure.get(m.name) ?? []));
  return sql`SELECT * FROM (SELECT ${PERIOD}, ${nodeColumns()}, ${joinSql(aggregates, ',\n      ')}
    FROM (${source}) b JOIN kpi_window w ON w.month_start = b.k_month
    WHERE w.window_key IN (${joinSql(windows)})
    GROUP BY ${levelSets(PERIOD)}) x WHERE node_id IS NOT NULL`;
}

/** A row's id (its id columns joined by '/'), as explain shows it. */
export function rowIdExpression(fact: FactSchema): SqlFragment {
  return joinSql(
    fact.idColumns.map((c) => sql`CAST(f.${ident(c)} AS VARCHAR)`),
    " || '/' || ",
  );
}
