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
 *
 * How: active lines are totalled per (customer, product line, month), and each
 * total is spread to the snapshot months 0 … 23 months after it by an equi-join
 * on a list of (source month, snapshot month, age) built here, then grouped per
 * (customer, snapshot month) in one step. A product line counts once in a
 * month's 12: only its latest booking month inside them counts it (the next
 * booking month of the same line lies after the snapshot month).
 */
import { addMonths } from '../domain/civil-date';
import { joinSql, param, type SqlFragment, sql } from '../sql/sql-fragment';
import { monthOf, type SnapshotMonth } from './snapshot-months';

/** Months a customer_month row reads: its own and the 23 before it. */
export const CUSTOMER_MONTH_LOOKBACK = 24;

/** The first 12 of the lookback are the trailing 12 months; the rest, the 12 before. */
const RECENT_MONTHS = 12;

/**
 * `s (source_month, month_start, as_of, age)`: each snapshot month with the
 * months its row reads, `age` months back. Dates are computed here, so the
 * spread is an equi-join on the source month (a join whose key mixes the
 * source row and the age is a nested loop over every pair).
 */
function spreadTable(months: readonly SnapshotMonth[]): SqlFragment {
  const date = (v: string | null) => sql`CAST(${param(v)} AS DATE)`;
  if (months.length === 0) {
    return sql`(SELECT ${date(null)} AS source_month, ${date(null)} AS month_start, ${date(null)} AS as_of, CAST(${param(0)} AS INTEGER) AS age WHERE 1 = 0) s`;
  }
  const values = months.flatMap((m) =>
    Array.from(
      { length: CUSTOMER_MONTH_LOOKBACK },
      (_, age) => sql`(${date(addMonths(m.monthStart, -age))}, ${date(m.monthStart)}, ${date(m.asOf)}, CAST(${param(age)} AS INTEGER))`,
    ),
  );
  return sql`(VALUES ${joinSql(values)}) s (source_month, month_start, as_of, age)`;
}

export function compileCustomerMonth(months: readonly SnapshotMonth[]): SqlFragment {
  const first = months[0]?.monthStart ?? '1970-01-01';
  const last = months[months.length - 1]?.monthStart ?? first;
  const from = addMonths(first, 1 - CUSTOMER_MONTH_LOOKBACK);
  const to = addMonths(last, 1);
  const recent = sql`s.age < CAST(${param(RECENT_MONTHS)} AS INTEGER)`;
  const earlier = sql`s.age >= CAST(${param(RECENT_MONTHS)} AS INTEGER)`;
  const lineMonths = sql`SELECT customer_id, product_line, ${monthOf('booked_at')} AS month_start, SUM(amount_rc_minor) AS net_minor,
      SUM(margin_rc_minor) AS margin_minor, COUNT(*) AS lines
    FROM order_line WHERE status = ${param('active')} AND booked_at >= CAST(${param(from)} AS DATE) AND booked_at < CAST(${param(to)} AS DATE)
    GROUP BY customer_id, product_line, ${monthOf('booked_at')}`;
  // next_month: the line's next booking month; a snapshot month before it counts the line from this month.
  const withNext = sql`SELECT l.*, LEAD(l.month_start) OVER (PARTITION BY l.customer_id, l.product_line ORDER BY l.month_start) AS next_month
    FROM (${lineMonths}) l`;
  const perCustomer = sql`SELECT l.customer_id, s.month_start, s.as_of,
      CAST(COALESCE(SUM(CASE WHEN ${recent} THEN l.net_minor END), 0) AS BIGINT) AS net_t12_minor,
      CAST(COALESCE(SUM(CASE WHEN ${earlier} THEN l.net_minor END), 0) AS BIGINT) AS net_prior_t12_minor,
      CAST(COALESCE(SUM(CASE WHEN ${recent} THEN l.margin_minor END), 0) AS BIGINT) AS margin_t12_minor,
      CAST(COUNT(CASE WHEN ${recent} AND l.product_line IS NOT NULL AND (l.next_month IS NULL OR l.next_month > s.month_start) THEN 1 END) AS INTEGER) AS lines_t12,
      COALESCE(SUM(CASE WHEN ${recent} THEN l.lines END), 0) > 0 AS is_active,
      COALESCE(SUM(CASE WHEN ${earlier} THEN l.lines END), 0) > 0 AS was_active
    FROM (${withNext}) l JOIN ${spreadTable(months)} ON s.source_month = l.month_start
    GROUP BY l.customer_id, s.month_start, s.as_of`;
  return sql`SELECT c.customer_id, cu.owner_rep_id, c.month_start, c.as_of, c.is_active, c.was_active,
      c.net_t12_minor, c.net_prior_t12_minor,
      CASE WHEN NOT c.was_active OR c.net_t12_minor <= 0 THEN CAST(0 AS BIGINT)
        WHEN c.net_t12_minor > c.net_prior_t12_minor THEN c.net_prior_t12_minor ELSE c.net_t12_minor END AS retained_t12_minor,
      c.margin_t12_minor, c.lines_t12
    FROM (${perCustomer}) c LEFT JOIN customer cu ON cu.id = c.customer_id`;
}
