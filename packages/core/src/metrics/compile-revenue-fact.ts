/**
 * revenue: revenue_schedule rows with the order line's rep, customer and
 * product line, and the amount in the reporting currency: unchanged when the
 * schedule is in the reporting currency the store records (company_setting),
 * otherwise converted at the rate in force on the recognised month's first
 * day — the rule order lines follow with their booking date
 * (reporting-currency.ts), so money stays exact integers on both engines.
 */
import { param, type SqlFragment, sql } from '../sql/sql-fragment';
import { FX_RATE_RANGES, rateInForce, toReportingCurrency } from './reporting-currency';
import type { SnapshotMonth } from './snapshot-months';

export function compileRevenueFact(months: readonly SnapshotMonth[]): SqlFragment {
  const from = months[0]?.monthStart ?? '1970-01-01';
  const lastAsOf = months[months.length - 1]?.asOf ?? '1969-12-31';
  const rc = sql`(SELECT value FROM company_setting WHERE key = ${param('reporting_currency')})`;
  const inRange = sql`rs.period_start >= CAST(${param(from)} AS DATE) AND rs.period_start <= CAST(${param(lastAsOf)} AS DATE)`;
  // The rate of each (currency, date) the schedule holds, found once: millions of rows then take
  // theirs by an equi-join instead of each being compared with every rate range.
  const rates = sql`SELECT k.currency, k.period_start, fx.rate
    FROM (SELECT DISTINCT rs.currency, rs.period_start FROM revenue_schedule rs WHERE ${inRange}) k
    JOIN (${FX_RATE_RANGES}) fx ON ${rateInForce(sql`k.currency`, sql`k.period_start`)}`;
  return sql`SELECT rs.order_line_id, rs.period_start, l.rep_id, l.customer_id, l.product_line, l.status, rs.currency,
      ${toReportingCurrency(sql`rs.amount_minor`, sql`rs.currency`, sql`fx.rate`, rc)} AS amount_rc_minor
    FROM revenue_schedule rs
    JOIN order_line l ON l.id = rs.order_line_id
    LEFT JOIN (${rates}) fx ON fx.currency = rs.currency AND fx.period_start = rs.period_start
    WHERE ${inRange}`;
}
