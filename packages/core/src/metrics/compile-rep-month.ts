/**
 * rep_month: one row per rep and month end, for every month the rep was on
 * the payroll at some point (hired by its last day, not gone before its
 * first). Headcount, attrition, tenure and ramp are sums and means over these
 * rows, so a team's value is recomputed from its reps.
 *
 *  - is_employed: still employed at the month end (no end_date, or one after it;
 *    a rep without a hire date counts as hired before every month);
 *  - has_departed: end_date falls in the month;
 *  - is_first_productive_month: the first month, from the hire month on, whose
 *    active bookings (order_line.rep_id, reporting currency) reach half of that
 *    month's rep bookings quota (RAMP_QUOTA_SHARE); months without quota never
 *    qualify, and only reps hired in or after the first month any rep has a
 *    quota are measured (an earlier hire's ramp happened before the data);
 *  - org_date: the month end, or for a leaver the day before end_date, so a
 *    departure counts for the team the rep left even when the assignment ends
 *    on the end date.
 */
import { param, type SqlFragment, sql } from '../sql/sql-fragment';
import { monthOf, type SnapshotMonth, snapshotMonthsTable } from './snapshot-months';

/** A rep is productive in a month whose active bookings reach this share of the month's quota. */
export const RAMP_QUOTA_SHARE = '0.5';

export function compileRepMonth(months: readonly SnapshotMonth[]): SqlFragment {
  const quotas = sql`SELECT subject_id AS rep_id, ${monthOf('period_start')} AS month_start, SUM(amount_minor) AS quota_minor FROM quota
    WHERE subject_kind = ${param('rep')} AND measure = ${param('bookings')} AND grain = ${param('month')}
    GROUP BY subject_id, ${monthOf('period_start')}`;
  const bookings = sql`SELECT rep_id, ${monthOf('booked_at')} AS month_start, SUM(amount_rc_minor) AS net_minor FROM order_line
    WHERE status = ${param('active')} GROUP BY rep_id, ${monthOf('booked_at')}`;
  const productive = sql`SELECT q.rep_id, MIN(q.month_start) AS first_month
    FROM (${quotas}) q JOIN rep h ON h.id = q.rep_id
    LEFT JOIN (${bookings}) b ON b.rep_id = q.rep_id AND b.month_start = q.month_start
    WHERE q.quota_minor > 0 AND COALESCE(b.net_minor, 0) >= q.quota_minor * CAST(${param(RAMP_QUOTA_SHARE)} AS DECIMAL(5, 4))
      AND q.month_start >= ${monthOf('h.hire_date')} AND ${monthOf('h.hire_date')} >= (SELECT MIN(month_start) FROM (${quotas}) f)
    GROUP BY q.rep_id`;
  return sql`SELECT r.id AS rep_id, m.month_start, m.as_of,
      CASE WHEN r.end_date <= m.as_of THEN CAST(r.end_date - 1 AS DATE) ELSE m.as_of END AS org_date,
      r.role, r.selling_style, r.hire_date, r.end_date,
      (r.end_date IS NULL OR r.end_date > m.as_of) AS is_employed,
      (r.end_date IS NOT NULL AND r.end_date <= m.as_of) AS has_departed,
      (p.first_month IS NOT NULL AND p.first_month = m.month_start) AS is_first_productive_month
    FROM rep r JOIN ${snapshotMonthsTable(months)}
      ON (r.hire_date IS NULL OR r.hire_date <= m.as_of) AND (r.end_date IS NULL OR r.end_date >= m.month_start)
    LEFT JOIN (${productive}) p ON p.rep_id = r.id`;
}
