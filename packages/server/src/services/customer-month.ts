/**
 * customer_month, the customers' month-end snapshot (compile-customer-month.ts),
 * is a derived table: whenever the order-line facts of some customers are
 * derived (an import of order lines, a merge, the demo, a full derive after a
 * product or rate change), their snapshot rows are deleted and built again from
 * the same lines, in the same transaction. Compute and explain read it as it is.
 *
 * A full rebuild records the rules' version in company_setting. A store that
 * gained the table by migration, or whose rules changed since, is rebuilt from
 * its order lines when it is opened (refreshStaleDerivedTables).
 */
import { CUSTOMER_MONTH_COLUMNS, compileCustomerMonth, customerMonthMonths } from '@cairn/core/metrics';
import { checkedIdentifier, ident, param, raw, sql } from '@cairn/core/sql';
import { refreshPlannerStatistics } from '../db/planner-statistics';
import type { Session, Store } from '../db/store';

/** Raise when the rules of customer_month change: every store then rebuilds it once, when opened. */
export const CUSTOMER_MONTH_RULES = '1';
const RULES_KEY = 'customer_month_rules';

/**
 * Rebuilds customer_month from `linesTable` (order_line, or a table with its customer_id, booked_at,
 * status, product_line, amount_rc_minor and margin_rc_minor columns): for the customers listed in
 * `customerTable`, whose lines linesTable must hold in full, or for every customer when it is absent.
 * Rows are written in (owner, month) order: compute's scan folds them per rep and month.
 */
export async function rebuildCustomerMonth(s: Session, linesTable: string, customerTable?: string): Promise<void> {
  const lines = ident(linesTable);
  const [range] = await s.query<{ first: string | null; last: string | null }>(
    sql`SELECT MIN(booked_at) AS first, MAX(booked_at) AS last FROM ${lines} WHERE status = ${param('active')}`,
  );
  if (customerTable) {
    await s.exec(`DELETE FROM customer_month WHERE customer_id IN (SELECT customer_id FROM ${checkedIdentifier(customerTable)})`);
  } else {
    // Unmarked first: a full rebuild interrupted outside a transaction (the demo's) is redone at the next open.
    await s.query(sql`DELETE FROM company_setting WHERE key = ${param(RULES_KEY)}`);
    await s.exec('DELETE FROM customer_month');
  }
  const months = customerMonthMonths(range?.first ?? null, range?.last ?? null);
  if (months.length > 0) {
    const columns = CUSTOMER_MONTH_COLUMNS.map(checkedIdentifier).join(', ');
    await s.query(sql`INSERT INTO customer_month (${raw(columns)})
      SELECT * FROM (${compileCustomerMonth(linesTable, months)}) c ORDER BY c.owner_rep_id, c.month_start`);
  }
  if (!customerTable) {
    await s.query(sql`INSERT INTO company_setting (key, value) VALUES (${param(RULES_KEY)}, ${param(CUSTOMER_MONTH_RULES)})`);
  }
  await refreshPlannerStatistics(s, ['customer_month']);
}

/** Rebuilds customer_month from the stored order lines when it was built by other rules, or never. Returns whether it did. */
export async function refreshStaleDerivedTables(store: Store, onRebuild?: (what: string) => void): Promise<boolean> {
  const [row] = await store.query<{ value: string }>(sql`SELECT value FROM company_setting WHERE key = ${param(RULES_KEY)}`);
  if (row?.value === CUSTOMER_MONTH_RULES) return false;
  // A store without a line (a new one) is only marked, without a word.
  const [line] = await store.query(sql`SELECT 1 AS one FROM order_line LIMIT 1`);
  if (line) onRebuild?.('customer_month');
  await store.session((s) => s.transaction(() => rebuildCustomerMonth(s, 'order_line')));
  return true;
}
