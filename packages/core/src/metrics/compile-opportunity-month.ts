/**
 * opportunity_month: one row per opportunity open at a month end: created on
 * or before it, and closed after it or not closed at all (an opportunity
 * closed without a close date is left out). Stale share, CRM hygiene and
 * pipeline coverage count and add these rows, so a team's value is recomputed
 * from its opportunities.
 *
 * Fields are the opportunity's as Cairn holds them now (amount, stage, close
 * date, product line, forecast category); last_change_at is what history
 * knows as of the month end: the latest opportunity_history change on or
 * before it, or the creation date when there is none.
 */
import { param, type SqlFragment, sql } from '../sql/sql-fragment';
import { type SnapshotMonth, snapshotMonthsTable } from './snapshot-months';

export function compileOpportunityMonth(months: readonly SnapshotMonth[]): SqlFragment {
  const lastAsOf = months[months.length - 1]?.asOf ?? '1970-01-01';
  const date = sql`CAST(NULL AS DATE)`;
  // Changes and snapshots in one ordered stream per opportunity: the running maximum of the change
  // dates at a snapshot row is the last change on or before its month end (a change on that day first).
  const events = sql`SELECT h.opportunity_id, CAST(h.changed_at AS DATE) AS at, 0 AS is_snapshot, CAST(h.changed_at AS DATE) AS changed_on,
        ${date} AS month_start, ${date} AS as_of, ${date} AS fiscal_year_end
      FROM opportunity_history h WHERE CAST(h.changed_at AS DATE) <= CAST(${param(lastAsOf)} AS DATE)
    UNION ALL
    SELECT o.id, m.as_of, 1, ${date}, m.month_start, m.as_of, m.fiscal_year_end
      FROM opportunity o JOIN ${snapshotMonthsTable(months)}
        ON o.created_at <= m.as_of AND (o.closed_at > m.as_of OR (o.closed_at IS NULL AND o.is_closed IS NOT TRUE))`;
  const open = sql`SELECT e.opportunity_id, e.month_start, e.as_of, e.fiscal_year_end, e.last_change FROM (
      SELECT ev.*, MAX(ev.changed_on) OVER (PARTITION BY ev.opportunity_id ORDER BY ev.at, ev.is_snapshot
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS last_change
      FROM (${events}) ev) e WHERE e.is_snapshot = 1`;
  return sql`SELECT s.opportunity_id, o.owner_rep_id, o.customer_id, s.month_start, s.as_of, s.fiscal_year_end,
      o.type, o.stage, o.forecast_category, o.product_line, o.amount_rc_minor, o.created_at, o.close_date,
      CASE WHEN s.last_change IS NULL OR s.last_change < o.created_at THEN o.created_at ELSE s.last_change END AS last_change_at
    FROM (${open}) s JOIN opportunity o ON o.id = s.opportunity_id`;
}
