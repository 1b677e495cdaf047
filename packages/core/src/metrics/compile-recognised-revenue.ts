/**
 * recognised_revenue: revenue_schedule rows with the order line's rep, customer,
 * product line and status, and the amount in the reporting currency: unchanged
 * when the schedule is in the reporting currency the store records
 * (company_setting), otherwise converted at the rate in force on the recognised
 * month's first day — the rule order lines follow with their booking date
 * (reporting-currency.ts), so money stays exact integers on both engines.
 *
 * It is a derived table (model/derived-tables.ts), kept like customer_month:
 * the server rebuilds the rows of the customers whose lines or schedules an
 * import or merge changed, and every row on a full derive (the demo, an
 * exchange-rate import). Compute reads it as the `revenue` fact. Built at every
 * compute instead, it joined 20 M schedule rows to 20 M lines and converted
 * them: 10.7–14.3 s of a 51 s large-demo compute.
 */
import { ident, param, type SqlFragment, sql } from '../sql/sql-fragment';
import { FX_RATE_RANGES, rateInForce, toReportingCurrency } from './reporting-currency';

/** The columns of recognised_revenue, in the order compileRecognisedRevenue returns them. */
export const RECOGNISED_REVENUE_COLUMNS = [
  'order_line_id',
  'period_start',
  'rep_id',
  'customer_id',
  'product_line',
  'status',
  'currency',
  'amount_rc_minor',
] as const;

/**
 * The rows of recognised_revenue for the schedules of the lines in `linesTable` (order_line, or a table
 * with its id, rep_id, customer_id, product_line and status columns).
 */
export function compileRecognisedRevenue(linesTable: string): SqlFragment {
  const rc = sql`(SELECT value FROM company_setting WHERE key = ${param('reporting_currency')})`;
  // The rate of each (currency, date) the schedule holds, found once: millions of rows then take
  // theirs by an equi-join instead of each being compared with every rate range.
  // Of the whole schedule when every line is rebuilt; of the lines' own schedules for a few customers,
  // so that a refresh after a small import does not read every schedule row (PostgreSQL reads them by key).
  const scheduled =
    linesTable === 'order_line'
      ? sql`SELECT DISTINCT rs.currency, rs.period_start FROM revenue_schedule rs WHERE rs.currency <> ${rc}`
      : sql`SELECT DISTINCT rs.currency, rs.period_start FROM ${ident(linesTable)} l
          JOIN revenue_schedule rs ON rs.order_line_id = l.id WHERE rs.currency <> ${rc}`;
  const rates = sql`SELECT k.currency, k.period_start, fx.rate
    FROM (${scheduled}) k
    JOIN (${FX_RATE_RANGES}) fx ON ${rateInForce(sql`k.currency`, sql`k.period_start`)}`;
  return sql`SELECT rs.order_line_id, rs.period_start, l.rep_id, l.customer_id, l.product_line, l.status, rs.currency,
      ${toReportingCurrency(sql`rs.amount_minor`, sql`rs.currency`, sql`fx.rate`, rc)} AS amount_rc_minor
    FROM revenue_schedule rs
    JOIN ${ident(linesTable)} l ON l.id = rs.order_line_id
    LEFT JOIN (${rates}) fx ON fx.currency = rs.currency AND fx.period_start = rs.period_start`;
}
