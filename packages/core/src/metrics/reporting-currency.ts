/**
 * The one rule for money in the reporting currency, shared by the order-line
 * and opportunity facts Cairn derives at import and the revenue fact it
 * derives at compute: an amount already in the reporting currency is kept; any
 * other is multiplied by the latest fx rate on or before its date and rounded
 * half away from zero to whole minor units (SQL ROUND on DECIMAL, identical in
 * DuckDB and PostgreSQL). Without a rate the amount is NULL, never a guess.
 */
import { type SqlFragment, sql } from '../sql/sql-fragment';

/**
 * fx_rate as validity ranges (currency, valid_from, valid_to, valid_until, rate); valid_to is NULL for the
 * latest rate, valid_until is valid_to or a far date, so the join needs no OR.
 */
export const FX_RATE_RANGES = sql`SELECT currency, rate_date AS valid_from,
  LEAD(rate_date) OVER (PARTITION BY currency ORDER BY rate_date) AS valid_to,
  COALESCE(LEAD(rate_date) OVER (PARTITION BY currency ORDER BY rate_date), CAST('9999-12-31' AS DATE)) AS valid_until, rate FROM fx_rate`;

/** `amount` in the reporting currency `rc`, given the row's currency and the rate joined from FX_RATE_RANGES. */
export function toReportingCurrency(amount: SqlFragment, currency: SqlFragment, rate: SqlFragment, rc: SqlFragment): SqlFragment {
  return sql`CASE WHEN ${currency} = ${rc} THEN ${amount} ELSE CAST(ROUND(${amount} * ${rate}) AS BIGINT) END`;
}

/**
 * The join condition of a rate range `fx` in force on `date` for `currency`. No OR: DuckDB turns
 * `valid_to IS NULL OR …` into a nested-loop join over every row and rate.
 */
export function rateInForce(currency: SqlFragment, date: SqlFragment): SqlFragment {
  return sql`fx.currency = ${currency} AND fx.valid_from <= ${date} AND ${date} < fx.valid_until`;
}
