/**
 * customer_month: one row per customer and month end, for every customer with
 * an active order line in the 24 months up to that month end. It is what the
 * customer-level KPIs (retention, churn, cross-sell ratio, concentration,
 * lifetime value) aggregate, so that each is a plain sum over customers and a
 * team's value is recomputed from its customers, never averaged.
 *
 *  - net_t12_minor: active bookings (reporting currency) of the 12 months
 *    ending with the month; net_prior_t12_minor: of the 12 months before those;
 *  - is_active / was_active: an active line in those 12 months / in the 12 before
 *    (a customer is active when it has bookings in the trailing 12 months);
 *  - retained_t12_minor: net_t12 capped at net_prior_t12 and floored at 0, for
 *    customers active a year earlier (gross retention never credits growth);
 *  - margin_t12_minor, lines_t12: margin and distinct product lines of the 12 months.
 * The row belongs to the customer's owner of record, in the org of the month end.
 */
import { addMonths } from '../domain/civil-date';
import { dialectHook, joinSql, param, type SqlFragment, sql } from '../sql/sql-fragment';
import { monthOf, type SnapshotMonth, snapshotMonthsTable } from './snapshot-months';

/** Months a customer_month row reads: its own and the 23 before it. */
export const CUSTOMER_MONTH_LOOKBACK = 24;

/** A derived table `o (age)` of 0 … n-1. */
function monthAges(n: number): SqlFragment {
  return sql`(VALUES ${joinSql(Array.from({ length: n }, (_, i) => sql`(CAST(${param(i)} AS INTEGER))`))}) o (age)`;
}

export function compileCustomerMonth(months: readonly SnapshotMonth[]): SqlFragment {
  const first = months[0]?.monthStart ?? '1970-01-01';
  const last = months[months.length - 1]?.monthStart ?? first;
  const from = addMonths(first, 1 - CUSTOMER_MONTH_LOOKBACK);
  const to = addMonths(last, 1);
  const recent = sql`o.age < CAST(${param(12)} AS INTEGER)`;
  const earlier = sql`o.age >= CAST(${param(12)} AS INTEGER)`;
  const lineMonths = sql`SELECT customer_id, product_line, ${monthOf('booked_at')} AS month_start, SUM(amount_rc_minor) AS net_minor,
      SUM(margin_rc_minor) AS margin_minor, COUNT(*) AS lines
    FROM order_line WHERE status = ${param('active')} AND booked_at >= CAST(${param(from)} AS DATE) AND booked_at < CAST(${param(to)} AS DATE)
    GROUP BY customer_id, product_line, ${monthOf('booked_at')}`;
  const perLine = sql`SELECT l.customer_id, l.product_line, m.month_start, m.as_of,
      SUM(CASE WHEN ${recent} THEN l.net_minor END) AS net_t12, SUM(CASE WHEN ${recent} THEN l.lines END) AS n_t12,
      SUM(CASE WHEN ${earlier} THEN l.net_minor END) AS net_prior, SUM(CASE WHEN ${earlier} THEN l.lines END) AS n_prior,
      SUM(CASE WHEN ${recent} THEN l.margin_minor END) AS margin_t12
    FROM (${lineMonths}) l CROSS JOIN ${monthAges(CUSTOMER_MONTH_LOOKBACK)}
    JOIN ${snapshotMonthsTable(months)} ON m.month_start = ${dialectHook((d) => d.addMonths('l.month_start', 'o.age'))}
    GROUP BY l.customer_id, l.product_line, m.month_start, m.as_of`;
  const perCustomer = sql`SELECT x.customer_id, x.month_start, x.as_of,
      CAST(COALESCE(SUM(x.net_t12), 0) AS BIGINT) AS net_t12_minor,
      CAST(COALESCE(SUM(x.net_prior), 0) AS BIGINT) AS net_prior_t12_minor,
      CAST(COALESCE(SUM(x.margin_t12), 0) AS BIGINT) AS margin_t12_minor,
      CAST(COUNT(CASE WHEN x.n_t12 > 0 AND x.product_line IS NOT NULL THEN 1 END) AS INTEGER) AS lines_t12,
      COALESCE(SUM(x.n_t12), 0) > 0 AS is_active, COALESCE(SUM(x.n_prior), 0) > 0 AS was_active
    FROM (${perLine}) x GROUP BY x.customer_id, x.month_start, x.as_of`;
  return sql`SELECT c.customer_id, cu.owner_rep_id, c.month_start, c.as_of, c.is_active, c.was_active,
      c.net_t12_minor, c.net_prior_t12_minor,
      CASE WHEN NOT c.was_active OR c.net_t12_minor <= 0 THEN CAST(0 AS BIGINT)
        WHEN c.net_t12_minor > c.net_prior_t12_minor THEN c.net_prior_t12_minor ELSE c.net_t12_minor END AS retained_t12_minor,
      c.margin_t12_minor, c.lines_t12
    FROM (${perCustomer}) c LEFT JOIN customer cu ON cu.id = c.customer_id`;
}
