/**
 * Derived facts kept as tables of their own (migration 10): computed from the
 * stored rows by the same derivation that sets order lines' cross-sell and
 * new-logo flags, maintained by every import, merge and demo load, never
 * written from outside.
 *
 * customer_month: each customer at each month end, for every customer with an
 * active order line in the 24 months up to it (DESIGN.md: a customer is active
 * when it has bookings in the trailing 12 months). The customer-level KPIs
 * aggregate it; compile-customer-month.ts says what each column means. No key:
 * it is rebuilt per customer (delete, insert), and a DuckDB key would cost an
 * index over tens of millions of rows; PostgreSQL indexes the customer for
 * those deletes.
 */
import { col, table } from './table-builder';

export const DERIVED_TABLES_V10 = [
  table(
    'customer_month',
    undefined,
    [
      col('customer_id', 'text', true),
      col('owner_rep_id', 'text'),
      col('month_start', 'date', true),
      col('as_of', 'date', true),
      col('is_active', 'boolean', true),
      col('was_active', 'boolean', true),
      col('net_t12_minor', 'bigint', true),
      col('net_prior_t12_minor', 'bigint', true),
      col('retained_t12_minor', 'bigint', true),
      col('margin_t12_minor', 'bigint', true),
      col('lines_t12', 'integer', true),
    ],
    [['customer_id']],
  ),
];

/**
 * The customers whose order lines changed since their customer_month rows were built (migration 11): an
 * import marks them in its own transaction, and the next reader (compute, explain, a breakdown) rebuilds
 * their rows first. A full derive rebuilds every row and empties it.
 */
export const DERIVED_TABLES_V11 = [table('customer_month_stale', undefined, [col('customer_id', 'text', true)])];

/**
 * recognised_revenue (migration 12): the revenue schedule with its order line's rep, customer, product
 * line and status and the amount in the reporting currency (compile-recognised-revenue.ts). Kept like
 * customer_month, per customer: an import of lines or schedules, or a merge, lists its customers in
 * customer_month_stale and the next reader rebuilds their rows; a full derive rebuilds every row. No key,
 * for the same reason; PostgreSQL indexes the customer for the per-customer deletes.
 */
export const DERIVED_TABLES_V12 = [
  table(
    'recognised_revenue',
    undefined,
    [
      col('order_line_id', 'text', true),
      col('period_start', 'date', true),
      col('rep_id', 'text', true),
      col('customer_id', 'text', true),
      col('product_line', 'text'),
      col('status', 'text', true),
      col('currency', 'text', true),
      col('amount_rc_minor', 'bigint'),
    ],
    [['customer_id']],
  ),
];
