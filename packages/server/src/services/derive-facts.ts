/**
 * Derived facts are computed from history, never trusted from the CRM; the
 * CRM's own claim stays beside them (crm_cross_sell_flag) for audits.
 *  - a line is cross-sell when its customer had no active purchase of that
 *    product line in the window (default 24 months) before the booking date,
 *    and had bought some other line before that date;
 *  - a line is new-logo when it falls in the fiscal quarter of the customer's
 *    first active booking; later lines are expansion;
 *  - amounts in the reporting currency use the latest fx rate on or before the
 *    booking date, rounded half away from zero to whole minor units (SQL ROUND
 *    on DECIMAL, identical in DuckDB and PostgreSQL);
 *  - an opportunity is closed/won as its canonical stage says.
 * Everything is set-based SQL, optionally limited to a set of customers.
 */
import type { Dialect } from '@cairn/core/sql';
import { checkedIdentifier, dialectHook, param, raw, type SqlFragment, sql } from '@cairn/core/sql';
import type { CompanySettings } from '../db/company-settings';
import type { Session } from '../db/store';

export interface DeriveScope {
  /** A table with a customer_id column listing the customers to refresh; all when absent. */
  customerTable?: string;
}

function fiscalQuarterStart(d: Dialect, expr: string, shift: number): string {
  if (shift === 0) return d.dateTrunc('quarter', expr);
  return d.addMonths(d.dateTrunc('quarter', d.addMonths(expr, String(-shift))), String(shift));
}

/** Recomputes every derived column of order lines, customers and opportunities. */
export async function deriveFacts(s: Session, settings: CompanySettings, scope: DeriveScope = {}): Promise<void> {
  const inScope = (alias: string): SqlFragment =>
    scope.customerTable
      ? dialectHook(() => `${alias}.customer_id IN (SELECT customer_id FROM ${checkedIdentifier(scope.customerTable as string)})`)
      : raw('TRUE');
  const rc = param(settings.reportingCurrency);
  const shift = (settings.calendar.startMonth - 1) % 3;

  await s.query(sql`UPDATE order_line SET product_line = p.product_line FROM product p
    WHERE p.id = order_line.product_id AND ${inScope('order_line')}
      AND (order_line.product_line IS DISTINCT FROM p.product_line)`);

  // Reporting-currency amounts: the rate in force is the latest one on or before the date.
  await s.exec('DROP TABLE IF EXISTS derive_fx');
  await s.exec(`CREATE TEMPORARY TABLE derive_fx AS
    SELECT currency, rate_date AS valid_from, LEAD(rate_date) OVER (PARTITION BY currency ORDER BY rate_date) AS valid_to, rate FROM fx_rate`);
  await s.query(sql`UPDATE order_line SET
      amount_rc_minor = CASE WHEN order_line.currency = ${rc} THEN order_line.amount_minor
        ELSE CAST(ROUND(order_line.amount_minor * (SELECT f.rate FROM derive_fx f WHERE f.currency = order_line.currency
          AND f.valid_from <= order_line.booked_at AND (f.valid_to IS NULL OR order_line.booked_at < f.valid_to))) AS BIGINT) END,
      margin_rc_minor = CASE WHEN order_line.currency = ${rc} THEN order_line.margin_minor
        ELSE CAST(ROUND(order_line.margin_minor * (SELECT f.rate FROM derive_fx f WHERE f.currency = order_line.currency
          AND f.valid_from <= order_line.booked_at AND (f.valid_to IS NULL OR order_line.booked_at < f.valid_to))) AS BIGINT) END
    WHERE ${inScope('order_line')}`);

  await s.query(sql`UPDATE customer SET first_booked_at = x.first_at
    FROM (SELECT customer_id, MIN(booked_at) AS first_at FROM order_line WHERE status = 'active' AND ${inScope('order_line')} GROUP BY customer_id) x
    WHERE customer.id = x.customer_id AND customer.first_booked_at IS DISTINCT FROM x.first_at`);
  await s.query(sql`UPDATE customer SET first_booked_at = NULL
    WHERE first_booked_at IS NOT NULL AND ${scope.customerTable ? dialectHook(() => `customer.id IN (SELECT customer_id FROM ${checkedIdentifier(scope.customerTable as string)})`) : raw('TRUE')}
      AND NOT EXISTS (SELECT 1 FROM order_line o WHERE o.customer_id = customer.id AND o.status = 'active')`);

  await s.query(sql`UPDATE order_line SET is_new_logo = ${dialectHook(
    (d) =>
      `(c.first_booked_at IS NOT NULL AND ${fiscalQuarterStart(d, 'order_line.booked_at', shift)} = ${fiscalQuarterStart(d, 'c.first_booked_at', shift)})`,
  )}
    FROM customer c WHERE c.id = order_line.customer_id AND ${inScope('order_line')}`);

  await s.exec('DROP TABLE IF EXISTS derive_cross_sell');
  await s.query(sql`CREATE TEMPORARY TABLE derive_cross_sell AS
    WITH days AS (
      SELECT customer_id, product_line, booked_at, MAX(CASE WHEN status = 'active' THEN 1 ELSE 0 END) AS active
      FROM order_line WHERE ${inScope('order_line')} GROUP BY customer_id, product_line, booked_at
    ), prev AS (
      SELECT customer_id, product_line, booked_at,
        MAX(CASE WHEN active = 1 THEN booked_at END) OVER (PARTITION BY customer_id, product_line ORDER BY booked_at
          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_same
      FROM days
    ), firsts AS (
      SELECT customer_id, product_line, MIN(booked_at) AS first_at FROM days WHERE active = 1 GROUP BY customer_id, product_line
    ), ranked AS (
      SELECT customer_id, product_line, first_at, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY first_at, product_line) AS rn FROM firsts
    ), firsttwo AS (
      SELECT customer_id, MAX(CASE WHEN rn = 1 THEN product_line END) AS line1, MAX(CASE WHEN rn = 1 THEN first_at END) AS date1,
        MAX(CASE WHEN rn = 2 THEN first_at END) AS date2
      FROM ranked WHERE rn <= 2 GROUP BY customer_id
    )
    SELECT p.customer_id, p.product_line, p.booked_at,
      (CASE WHEN p.product_line = f.line1 THEN f.date2 ELSE f.date1 END) < p.booked_at
        AND (p.prev_same IS NULL OR p.prev_same < ${dialectHook((d, b) => d.addMonths('p.booked_at', b(-settings.crossSellWindowMonths)))}) AS is_cross_sell
    FROM prev p LEFT JOIN firsttwo f ON f.customer_id = p.customer_id`);
  await s.query(sql`UPDATE order_line SET is_cross_sell = COALESCE(x.is_cross_sell, FALSE)
    FROM derive_cross_sell x
    WHERE x.customer_id = order_line.customer_id AND x.product_line = order_line.product_line AND x.booked_at = order_line.booked_at
      AND order_line.is_cross_sell IS DISTINCT FROM COALESCE(x.is_cross_sell, FALSE)`);
  await s.exec('DROP TABLE IF EXISTS derive_cross_sell');

  await s.query(sql`UPDATE opportunity SET is_closed = st.is_closed, is_won = st.is_won
    FROM stage st WHERE st.name = opportunity.stage
      AND (opportunity.is_closed IS DISTINCT FROM st.is_closed OR opportunity.is_won IS DISTINCT FROM st.is_won)`);
  await s.query(sql`UPDATE opportunity SET product_line = p.product_line FROM product p
    WHERE p.id = opportunity.product_id AND opportunity.product_line IS NULL`);
  await s.query(sql`UPDATE opportunity SET amount_rc_minor = CASE WHEN opportunity.currency = ${rc} THEN opportunity.amount_minor
      ELSE CAST(ROUND(opportunity.amount_minor * (SELECT f.rate FROM derive_fx f WHERE f.currency = opportunity.currency
        AND f.valid_from <= COALESCE(opportunity.close_date, opportunity.created_at)
        AND (f.valid_to IS NULL OR COALESCE(opportunity.close_date, opportunity.created_at) < f.valid_to))) AS BIGINT) END
    WHERE ${inScope('opportunity')}`);
  await s.exec('DROP TABLE IF EXISTS derive_fx');
}
