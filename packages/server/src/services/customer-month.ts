/**
 * customer_month, the customers' month-end snapshot (compile-customer-month.ts),
 * is a derived table kept with the order lines:
 *  - a full derive (the demo, a product or rate import) rebuilds every row;
 *  - an import of order lines, or a merge, lists the customers it touched in
 *    customer_month_stale, in its own transaction, and the next reader (compute,
 *    explain, a breakdown, the scorecards' outlier rules) rebuilds their rows
 *    from their stored lines before it reads (refreshCustomerMonth). An import
 *    then commits without the snapshot's cost, and a compute pays only for the
 *    customers that changed.
 * A full rebuild records the rules' version in company_setting; a store built by
 * other rules, or before the table existed (the upgrade to migration 10), is
 * rebuilt in full by the next refresh.
 */
import { CUSTOMER_MONTH_COLUMNS, compileCustomerMonth, customerMonthMonths } from '@cairn/core/metrics';
import { checkedIdentifier, ident, param, raw, sql } from '@cairn/core/sql';
import { refreshPlannerStatistics } from '../db/planner-statistics';
import type { Session, Store } from '../db/store';

/** Raise when the rules of customer_month change: every store then rebuilds it once. */
export const CUSTOMER_MONTH_RULES = '1';
const RULES_KEY = 'customer_month_rules';
const STALE = 'customer_month_stale';

/**
 * Serialises the writers of the snapshot's bookkeeping across processes on PostgreSQL (until the
 * transaction ends), so a refresh never clears a mark an import is committing. DuckDB has one process.
 */
async function lockSnapshot(s: Session): Promise<void> {
  if (s.kind === 'postgres') await s.exec(`SELECT pg_advisory_xact_lock(hashtext('cairn.customer_month'))`);
}

/**
 * Rebuilds customer_month from `linesTable` (order_line, or a table with its customer_id, booked_at,
 * status, product_line, amount_rc_minor and margin_rc_minor columns): for the customers listed in
 * `customerTable`, whose lines linesTable must hold in full, or for every customer when it is absent.
 * Rows are written in (owner, month) order: compute's scan folds them per rep and month.
 */
export async function rebuildCustomerMonth(s: Session, linesTable: string, customerTable?: string): Promise<void> {
  await lockSnapshot(s);
  const [range] = await s.query<{ first: string | null; last: string | null }>(
    sql`SELECT MIN(booked_at) AS first, MAX(booked_at) AS last FROM ${ident(linesTable)} WHERE status = ${param('active')}`,
  );
  if (customerTable) {
    await s.exec(`DELETE FROM customer_month WHERE customer_id IN (SELECT customer_id FROM ${checkedIdentifier(customerTable)})`);
  } else {
    // Unmarked first: a full rebuild interrupted outside a transaction (the demo's) is redone by the next refresh.
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
    await s.exec(`DELETE FROM ${STALE}`);
    await s.query(sql`INSERT INTO company_setting (key, value) VALUES (${param(RULES_KEY)}, ${param(CUSTOMER_MONTH_RULES)})`);
  }
  await refreshPlannerStatistics(s, ['customer_month']);
}

/** Lists the customers of `customerTable` (a customer_id column) for the next refresh to rebuild. */
export async function markCustomerMonthStale(s: Session, customerTable: string): Promise<void> {
  await lockSnapshot(s);
  await s.exec(`INSERT INTO ${STALE} (customer_id) SELECT DISTINCT x.customer_id FROM ${checkedIdentifier(customerTable)} x
    WHERE x.customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${STALE} y WHERE y.customer_id = x.customer_id)`);
}

export interface CustomerMonthRefresh {
  /** 'full': built by other rules (or never), rebuilt from every line; 'customers': the listed customers' rows. */
  rebuilt: 'full' | 'customers';
  customers?: number;
}

const running = new WeakMap<Store, Promise<unknown>>();

/**
 * Brings customer_month up to date before it is read: in full when its rules changed (or it was never
 * built), else for the customers imports listed since. Null when it was up to date. One refresh at a
 * time per store in this process (a second waits for the first); `onFullRebuild` hears of the long kind.
 */
export async function refreshCustomerMonth(store: Store, onFullRebuild?: (table: string) => void): Promise<CustomerMonthRefresh | null> {
  const previous = running.get(store) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => refreshNow(store, onFullRebuild));
  running.set(store, next);
  return next;
}

async function refreshNow(store: Store, onFullRebuild?: (table: string) => void): Promise<CustomerMonthRefresh | null> {
  const [rules] = await store.query<{ value: string }>(sql`SELECT value FROM company_setting WHERE key = ${param(RULES_KEY)}`);
  if (rules?.value !== CUSTOMER_MONTH_RULES) {
    // A store without a line (a new one) is only marked, without a word.
    const [line] = await store.query(sql`SELECT 1 AS one FROM order_line LIMIT 1`);
    if (line) onFullRebuild?.('customer_month');
    await store.session((s) => s.transaction(() => rebuildCustomerMonth(s, 'order_line')));
    return { rebuilt: 'full' };
  }
  const [stale] = await store.query(sql`SELECT 1 AS one FROM customer_month_stale LIMIT 1`);
  if (!stale) return null;
  return store.session((s) =>
    s.transaction(async () => {
      await lockSnapshot(s);
      for (const t of ['cm_scope', 'cm_lines']) await s.exec(`DROP TABLE IF EXISTS ${t}`);
      await s.exec(`CREATE TEMPORARY TABLE cm_scope AS SELECT DISTINCT customer_id FROM ${STALE}`);
      await s.exec(`CREATE TEMPORARY TABLE cm_lines AS
        SELECT customer_id, booked_at, status, product_line, amount_rc_minor, margin_rc_minor FROM order_line
        WHERE customer_id IN (SELECT customer_id FROM cm_scope)`);
      await refreshPlannerStatistics(s, ['cm_scope', 'cm_lines']);
      await rebuildCustomerMonth(s, 'cm_lines', 'cm_scope');
      await s.exec(`DELETE FROM ${STALE} WHERE customer_id IN (SELECT customer_id FROM cm_scope)`);
      const [n] = await s.query<{ n: string | number }>(sql`SELECT COUNT(*) AS n FROM cm_scope`);
      for (const t of ['cm_scope', 'cm_lines']) await s.exec(`DROP TABLE IF EXISTS ${t}`);
      return { rebuilt: 'customers' as const, customers: Number(n?.n ?? 0) };
    }),
  );
}
