/**
 * Distinct counts of one fact scan (`agg: count_distinct`), recomputed at every
 * org level and window from the scan's attributed rows `a`: never derived
 * from the level below, and never by expanding each row into every window.
 */
import { ident, joinSql, param, type SqlFragment, sql } from '../sql/sql-fragment';
import type { WindowRow } from './build-window-rows';
import { levelSets, nodeColumns, WINDOW_PERIOD as PERIOD } from './level-grouping';

export interface DistinctCount {
  /** The window key (windowKey) the count is for. */
  window: string;
  /** The scan column holding the value counted (NULL where the row does not count). */
  column: string;
  /** The output column. */
  out: string;
  /** `o.team_id AS k_team` … `COALESCE(o.enterprise_id, r.id) AS k_enterprise`: the org levels of assignment `o`. */
  orgLevels: readonly SqlFragment[];
}

/** The count as month masks while the scan spans at most 63 months, else by each value's previous month. */
export function compileDistinctCount(m: DistinctCount, bounds: { from: string; to: string }, windows: readonly WindowRow[]): SqlFragment {
  return monthIndex(bounds.to, bounds.from) <= MASK_MONTHS ? distinctByMask(m, bounds.from, windows) : distinctByLevel(m);
}

/**
 * A distinct count without expanding rows by window: each value is kept once per
 * (node, month) at every level, with the previous month it appeared at that node.
 * It is counted in a window exactly once — in its first month inside the window,
 * the month whose previous appearance lies before the window starts — so the
 * window aggregate is a plain COUNT, the same number COUNT(DISTINCT) gives.
 */
function distinctByLevel(m: DistinctCount): SqlFragment {
  const v = ident(m.column);
  const out = m.out;
  return sql`SELECT ${PERIOD}, p.node_kind, p.node_id, COUNT(*) AS ${ident(out)}
    FROM (SELECT d.node_kind, d.node_id, d.k_month, LAG(d.k_month) OVER (PARTITION BY d.node_kind, d.node_id, d.${v} ORDER BY d.k_month) AS prev_month
      FROM (SELECT ${nodeColumns()}, b.k_month, b.${v} FROM a b WHERE b.${v} IS NOT NULL GROUP BY ${levelSets(sql`b.k_month, b.${v}`)}) d
      WHERE d.node_id IS NOT NULL) p
    JOIN kpi_window w ON w.month_start = p.k_month AND w.window_key = ${param(m.window)}
      AND (p.prev_month IS NULL OR p.prev_month < w.window_from)
    GROUP BY ${PERIOD}, p.node_kind, p.node_id`;
}

/**
 * The value's months folded per (rep, assignment, value) before the org levels are looked up, so the
 * GROUPING SETS meet one row per rep and value instead of one per fact row.
 */
function foldedByAssignment(m: DistinctCount, base: string): SqlFragment {
  const v = ident(m.column);
  return sql`SELECT p.k_rep, ${joinSql([...m.orgLevels])}, p.${v}, p.mask
    FROM (SELECT k_rep, k_assignment, ${v}, BIT_OR(${monthBit(sql`k_month`, base)}) AS mask
      FROM a WHERE ${v} IS NOT NULL GROUP BY k_rep, k_assignment, ${v}) p
    LEFT JOIN kpi_rep_org o ON o.rep_id = p.k_rep AND o.valid_from = p.k_assignment CROSS JOIN kpi_root r`;
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
function distinctByMask(m: DistinctCount, base: string, windows: readonly WindowRow[]): SqlFragment {
  const v = ident(m.column);
  const out = m.out;
  const key = m.window;
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
      FROM (SELECT ${nodeColumns()}, BIT_OR(b.mask) AS mask
        FROM (${foldedByAssignment(m, base)}) b GROUP BY ${levelSets(sql`b.${v}`)}) d
      WHERE d.node_id IS NOT NULL GROUP BY d.node_kind, d.node_id) x
    CROSS JOIN (VALUES ${joinSql(list)}) k (grain, period_start, period_label, c)) y
    WHERE ${ident(out)} > 0`;
}
