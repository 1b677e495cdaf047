/**
 * One scan of one fact table computes every measure on it, for every period,
 * window and org level at once: each row is attributed once (the assignment in
 * force on its date gives team, region, division and enterprise), additive
 * parts are folded by (rep, org, month), and the window list joined on the
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
import { LEVEL_COLUMNS, levelSets, nodeColumns } from './level-grouping';
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
 * (rep, org, month) before the window join, so a trailing-12-month window
 * multiplies month totals, not rows. Each distinct count is a part of its own
 * (distinctByMask, or distinctByLevel past 63 months) and percentiles keep
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
  // A top sum ranks rows, so each row keeps its identity through the GROUPING SETS, and the
  // assignment that attributed it (rep_assignment's key with the rep), by which it is first ranked.
  const rowKey = tops.length > 0 ? sql`, ${rowIdExpression(scan.fact)} AS k_row, o.valid_from AS k_assignment` : sql``;
  const attributed = sql`SELECT ${joinSql(
    NODE_KINDS.map((k) => sql`${levelKey(k, scan.fact)} AS ${ident(LEVEL_COLUMNS[k])}`),
  )}, ${month} AS k_month${rowKey}, ${joinSql(columns.map((c) => sql`${c.value} AS ${ident(c.name)}`))}
    FROM ${ident(scan.fact.table)} f ${lookupJoins(scan)}
    ${orgJoin(scan)}
    WHERE ${d} >= CAST(${param(bounds.from)} AS DATE) AND ${d} < CAST(${param(bounds.to)} AS DATE)`;
  const parts: { sql: SqlFragment; measures: MeasureDef[] }[] = [];
  if (additive.length > 0) {
    const measures = scan.measures.filter((m) => !isRowLevel(m));
    const source = sql`SELECT ${keyList}, k_month, ${joinSql(additive.map((c) => sql`${fold({ ...c, value: sql`${ident(c.name)}` })} AS ${ident(c.name)}`))}
        FROM a GROUP BY ${keyList}, k_month`;
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
    const column = byMeasure.get(m.name)?.[0] as string;
    const months = monthIndex(bounds.to, bounds.from);
    parts.push({
      sql: months <= MASK_MONTHS ? distinctByMask(m, column, bounds.from, windows) : distinctByLevel(m, column),
      measures: [m],
    });
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

const PERIOD = sql`w.grain, w.period_start, w.period_label`;

/** GROUPING SETS over rep, team, region, division and enterprise of a (rep, org, month, value…) source joined to the windows. */
function groupedByLevel(source: SqlFragment, measures: MeasureDef[], byMeasure: Map<string, string[]>): SqlFragment {
  const windows = [...new Set(measures.map((m) => windowKey(m.window)))].map((k) => param(k));
  const aggregates = measures.flatMap((m) => finalAggregate(m, byMeasure.get(m.name) ?? []));
  return sql`SELECT * FROM (SELECT ${PERIOD}, ${nodeColumns()}, ${joinSql(aggregates, ',\n      ')}
    FROM (${source}) b JOIN kpi_window w ON w.month_start = b.k_month
    WHERE w.window_key IN (${joinSql(windows)})
    GROUP BY ${levelSets(PERIOD)}) x WHERE node_id IS NOT NULL`;
}

/**
 * A distinct count without expanding rows by window: each value is kept once per
 * (node, month) at every level, with the previous month it appeared at that node.
 * It is counted in a window exactly once — in its first month inside the window,
 * the month whose previous appearance lies before the window starts — so the
 * window aggregate is a plain COUNT, the same number COUNT(DISTINCT) gives.
 */
function distinctByLevel(m: MeasureDef, column: string): SqlFragment {
  const v = ident(column);
  const [out] = measureColumns(m) as [string];
  return sql`SELECT ${PERIOD}, p.node_kind, p.node_id, COUNT(*) AS ${ident(out)}
    FROM (SELECT d.node_kind, d.node_id, d.k_month, LAG(d.k_month) OVER (PARTITION BY d.node_kind, d.node_id, d.${v} ORDER BY d.k_month) AS prev_month
      FROM (SELECT ${nodeColumns()}, b.k_month, b.${v} FROM a b WHERE b.${v} IS NOT NULL GROUP BY ${levelSets(sql`b.k_month, b.${v}`)}) d
      WHERE d.node_id IS NOT NULL) p
    JOIN kpi_window w ON w.month_start = p.k_month AND w.window_key = ${param(windowKey(m.window))}
      AND (p.prev_month IS NULL OR p.prev_month < w.window_from)
    GROUP BY ${PERIOD}, p.node_kind, p.node_id`;
}

/** A row's id (its id columns joined by '/'), as explain shows it. */
export function rowIdExpression(fact: FactSchema): SqlFragment {
  return joinSql(
    fact.idColumns.map((c) => sql`CAST(f.${ident(c)} AS VARCHAR)`),
    " || '/' || ",
  );
}

/** Months a BIGINT month mask holds (bits 0…62). */
const MASK_MONTHS = 63;

function monthIndex(date: string, base: string): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const [by, bm] = base.split('-').map(Number) as [number, number];
  return y * 12 + m - (by * 12 + bm);
}

/** The bit of a month column relative to the first month of the scan. */
function monthBit(month: SqlFragment, base: string): SqlFragment {
  const [by, bm] = base.split('-').map(Number) as [number, number];
  return sql`(CAST(${param(1)} AS BIGINT) << (CAST(EXTRACT(YEAR FROM ${month}) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM ${month}) AS INTEGER) - CAST(${param(by * 12 + bm)} AS INTEGER)))`;
}

/**
 * A distinct count as month masks: each value gets, at every level, the set of
 * months it appears in at that node (one BIGINT bit per month of the scan), and
 * each window is the mask of its months; the value counts in a window when the
 * two masks share a bit. One row per (node, value) instead of one per (node,
 * value, month), and no window expansion: the windows' masks are constants, so
 * one aggregate per node counts, for every distinct window mask at once, the
 * values that meet it (a join of every value with every window had made
 * 170 M rows of the large demo to count). Windows where nothing counts get no
 * row, as from a join. Used while the scan spans at most 63 months; longer
 * scans take distinctByLevel.
 */
function distinctByMask(m: MeasureDef, column: string, base: string, windows: readonly WindowRow[]): SqlFragment {
  const v = ident(column);
  const [out] = measureColumns(m) as [string];
  const key = windowKey(m.window);
  const periods = new Map<string, { grain: string; periodStart: string; periodLabel: string; mask: bigint }>();
  for (const w of windows) {
    if (w.windowKey !== key) continue;
    const id = `${w.grain}|${w.periodStart}`;
    const p = periods.get(id) ?? { grain: w.grain, periodStart: w.periodStart, periodLabel: w.periodLabel, mask: 0n };
    p.mask |= 1n << BigInt(monthIndex(w.monthStart, base));
    periods.set(id, p);
  }
  const masks = [...new Set([...periods.values()].map((p) => p.mask))];
  if (masks.length === 0) {
    return sql`SELECT CAST(NULL AS VARCHAR) AS grain, CAST(NULL AS DATE) AS period_start, CAST(NULL AS VARCHAR) AS period_label,
      CAST(NULL AS VARCHAR) AS node_kind, CAST(NULL AS VARCHAR) AS node_id, CAST(NULL AS BIGINT) AS ${ident(out)} WHERE 1 = 0`;
  }
  const column_ = (i: number) => ident(`c${i}`);
  const counts = masks.map(
    (mask, i) => sql`SUM(CASE WHEN (d.mask & CAST(${param(String(mask))} AS BIGINT)) <> 0 THEN 1 ELSE 0 END) AS ${column_(i)}`,
  );
  const list = [...periods.values()].map(
    (p) =>
      sql`(CAST(${param(p.grain)} AS VARCHAR), CAST(${param(p.periodStart)} AS DATE), CAST(${param(p.periodLabel)} AS VARCHAR), CAST(${param(masks.indexOf(p.mask))} AS INTEGER))`,
  );
  const pick = sql`CASE k.c ${joinSql(
    masks.map((_, i) => sql`WHEN ${param(i)} THEN x.${column_(i)}`),
    ' ',
  )} END`;
  return sql`SELECT * FROM (SELECT k.grain, k.period_start, k.period_label, x.node_kind, x.node_id, CAST(${pick} AS BIGINT) AS ${ident(out)}
    FROM (SELECT d.node_kind, d.node_id, ${joinSql(counts)}
      FROM (SELECT ${nodeColumns()}, BIT_OR(${monthBit(sql`b.k_month`, base)}) AS mask
        FROM a b WHERE b.${v} IS NOT NULL GROUP BY ${levelSets(sql`b.${v}`)}) d
      WHERE d.node_id IS NOT NULL GROUP BY d.node_kind, d.node_id) x
    CROSS JOIN (VALUES ${joinSql(list)}) k (grain, period_start, period_label, c)) y
    WHERE ${ident(out)} > 0`;
}
