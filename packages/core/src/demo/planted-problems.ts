/**
 * The data problems planted in the demo company on purpose, each in a small,
 * documented share (docs/demo-company.md), so that duplicate management,
 * manipulation detection and reconciliation have something real to find.
 * Outside these shares the generated data is clean: names and domains are
 * unique, opportunities move stage by stage, a close date is pushed at most
 * once, CRM cross-sell flags agree with history, and every active booking is
 * invoiced.
 */

/** Share of customers that duplicate an earlier customer (same company, slightly different spelling or domain). */
export const DUPLICATE_CUSTOMER_SHARE = 0.015;

/** Share of won opportunities that jump from an early stage straight to closed won in the last days of a fiscal quarter. */
export const STAGE_JUMP_SHARE = 0.03;
/** A planted jump closes at most this many days before the quarter ends. */
export const STAGE_JUMP_DAYS_BEFORE_QUARTER_END = 3;

/** Share of opportunities whose close date is pushed out again and again (3 to 6 times). */
export const CLOSE_DATE_PUSH_SHARE = 0.04;
export const CLOSE_DATE_PUSHES_MIN = 3;
export const CLOSE_DATE_PUSHES_MAX = 6;

/** Share of order lines whose CRM cross-sell flag contradicts the customer's purchase history. */
export const CRM_CROSS_SELL_MISFLAG_SHARE = 0.05;

/** Share of active order lines booked without any invoice. */
export const BOOKING_WITHOUT_INVOICE_SHARE = 0.01;

/** The kinds of planted problems, for reports and tests. */
export const PLANTED_PROBLEMS = [
  { key: 'duplicate_customer', share: DUPLICATE_CUSTOMER_SHARE, of: 'customers' },
  { key: 'stage_jump_at_quarter_end', share: STAGE_JUMP_SHARE, of: 'won opportunities' },
  { key: 'close_date_pushed_repeatedly', share: CLOSE_DATE_PUSH_SHARE, of: 'opportunities' },
  { key: 'crm_cross_sell_flag_contradicts_history', share: CRM_CROSS_SELL_MISFLAG_SHARE, of: 'order lines' },
  { key: 'booking_without_invoice', share: BOOKING_WITHOUT_INVOICE_SHARE, of: 'active order lines' },
] as const;
