/**
 * The derived tables kept per customer with the order lines:
 *  - customer_month, the customers' month-end snapshot (compile-customer-month.ts);
 *  - recognised_revenue, the revenue schedule with its line's rep and the amount
 *    in the reporting currency (compile-recognised-revenue.ts).
 * Both are maintained the same way:
 *  - a full derive (the demo, an exchange-rate import) rebuilds every row;
 *  - an import of order lines, or a merge, lists the customers it touched in
 *    customer_month_stale (the name predates the second table), in its own
 *    transaction; an import of revenue schedules, customers or products lists
 *    those whose rows the tables read changed (ingest/derive-after-import.ts);
 *    and the next reader (compute, explain, a
 *    breakdown) rebuilds their rows from their stored lines before it reads
 *    (refreshCustomerTables). An import then commits without the tables' cost,
 *    and a compute pays only for the customers that changed.
 * A full rebuild of a table records its rules' version in company_setting; a
 * store built by other rules, or before the table existed (an upgrade), has that
 * table rebuilt in full by the next refresh.
 */
import {
  CUSTOMER_MONTH_COLUMNS,
  compileCustomerMonth,
  compileRecognisedRevenue,
  customerMonthMonths,
  RECOGNISED_REVENUE_COLUMNS,
} from '@cairn/core/metrics';
import { checkedIdentifier, ident, param, raw, type SqlFragment, sql } from '@cairn/core/sql';
import { refreshPlannerStatistics } from '../db/planner-statistics';
import type { Session, Store } from '../db/store';

export type CustomerTableName = 'customer_month' | 'recognised_revenue';

interface CustomerTable {
  name: CustomerTableName;
  /** company_setting key holding the rules version the table was last built by in full. */
  rulesKey: string;
  /** Raise when the table's rules change: every store then rebuilds it once. */
  rules: string;
  columns: readonly string[];
  /** The rows for the lines of `lines` (null when there are none); stored in `order`. */
  select(s: Session, lines: string): Promise<SqlFragment | null>;
  order: string;
}

export const CUSTOMER_TABLES: readonly CustomerTable[] = [
  {
    name: 'customer_month',
    rulesKey: 'customer_month_rules',
    rules: '1',
    columns: CUSTOMER_MONTH_COLUMNS,
    async select(s, lines) {
      const [range] = await s.query<{ first: string | null; last: string | null }>(
        sql`SELECT MIN(booked_at) AS first, MAX(booked_at) AS last FROM ${ident(lines)} WHERE status = ${param('active')}`,
      );
      const months = customerMonthMonths(range?.first ?? null, range?.last ?? null);
      return months.length > 0 ? compileCustomerMonth(lines, months) : null;
    },
    // compute's scan folds the rows per rep and month
    order: 'owner_rep_id, month_start',
  },
  {
    name: 'recognised_revenue',
    rulesKey: 'recognised_revenue_rules',
    rules: '1',
    columns: RECOGNISED_REVENUE_COLUMNS,
    select: async (_s, lines) => compileRecognisedRevenue(lines),
    order: 'rep_id, period_start',
  },
];

const STALE = 'customer_month_stale';
/** The order-line columns the tables are built from. */
const LINE_COLUMNS = 'id, rep_id, customer_id, booked_at, status, product_line, amount_rc_minor, margin_rc_minor';

function tableNamed(name: CustomerTableName): CustomerTable {
  const t = CUSTOMER_TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`no customer table ${name}`);
  return t;
}

/**
 * Serialises the writers of the tables' bookkeeping across processes on PostgreSQL (until the
 * transaction ends), so a refresh never clears a mark an import is committing. DuckDB has one process.
 */
async function lockTables(s: Session): Promise<void> {
  if (s.kind === 'postgres') await s.exec(`SELECT pg_advisory_xact_lock(hashtext('cairn.customer_month'))`);
}

/**
 * Rebuilds one table from `lines` (order_line, or a table with its LINE_COLUMNS that its builder reads):
 * for the customers listed in `customerTable`, whose lines `lines` must hold in full, or for every
 * customer when it is absent (then also recording the rules it was built by).
 */
export async function rebuildCustomerTable(s: Session, name: CustomerTableName, lines: string, customerTable?: string): Promise<void> {
  const t = tableNamed(name);
  await lockTables(s);
  if (customerTable) {
    await s.exec(`DELETE FROM ${t.name} WHERE customer_id IN (SELECT customer_id FROM ${checkedIdentifier(customerTable)})`);
  } else {
    // Unmarked first: a full rebuild interrupted outside a transaction (the demo's) is redone by the next refresh.
    await s.query(sql`DELETE FROM company_setting WHERE key = ${param(t.rulesKey)}`);
    await s.exec(`DELETE FROM ${t.name}`);
  }
  const select = await t.select(s, lines);
  if (select) {
    await s.query(sql`INSERT INTO ${ident(t.name)} (${raw(t.columns.map(checkedIdentifier).join(', '))})
      SELECT * FROM (${select}) x ORDER BY ${raw(
        t.order
          .split(', ')
          .map((c) => `x.${checkedIdentifier(c)}`)
          .join(', '),
      )}`);
  }
  if (!customerTable) await s.query(sql`INSERT INTO company_setting (key, value) VALUES (${param(t.rulesKey)}, ${param(t.rules)})`);
  await refreshPlannerStatistics(s, [t.name]);
}

/**
 * A full derive: every table rebuilt for every customer, and the list of customers waiting emptied.
 * `lines` names, per table, the lines it is built from (the derive's own table, or order_line).
 */
export async function rebuildCustomerTables(s: Session, lines: Readonly<Record<CustomerTableName, string>>): Promise<void> {
  for (const t of CUSTOMER_TABLES) await rebuildCustomerTable(s, t.name, lines[t.name]);
  await s.exec(`DELETE FROM ${STALE}`);
}

/** Lists the customers of `customerTable` (a customer_id column) for the next refresh to rebuild. */
export async function markCustomersStale(s: Session, customerTable: string): Promise<void> {
  await lockTables(s);
  await s.exec(`INSERT INTO ${STALE} (customer_id) SELECT DISTINCT x.customer_id FROM ${checkedIdentifier(customerTable)} x
    WHERE x.customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${STALE} y WHERE y.customer_id = x.customer_id)`);
}

export interface CustomerTablesRefresh {
  /** Tables built by other rules (or never), rebuilt from every line. */
  full: CustomerTableName[];
  /** Customers listed since the last refresh whose rows were rebuilt in the other tables. */
  customers: number;
}

const running = new WeakMap<Store, Promise<unknown>>();

/**
 * Brings the tables up to date before they are read: a table in full when its rules changed (or it was
 * never built), then every table for the customers imports listed since. Null when all were up to date.
 * One refresh at a time per store in this process (a second waits for the first); `onFullRebuild` hears
 * of the long kind.
 */
export async function refreshCustomerTables(store: Store, onFullRebuild?: (table: string) => void): Promise<CustomerTablesRefresh | null> {
  const previous = running.get(store) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => refreshNow(store, onFullRebuild));
  running.set(store, next);
  return next;
}

async function refreshNow(store: Store, onFullRebuild?: (table: string) => void): Promise<CustomerTablesRefresh | null> {
  const settings = await store.query<{ key: string; value: string }>(sql`SELECT key, value FROM company_setting`);
  const built = new Map(settings.map((r) => [r.key, r.value]));
  const outdated = CUSTOMER_TABLES.filter((t) => built.get(t.rulesKey) !== t.rules);
  if (outdated.length > 0) {
    // A store without a line (a new one) is only marked, without a word.
    const [line] = await store.query(sql`SELECT 1 AS one FROM order_line LIMIT 1`);
    for (const t of outdated) {
      if (line) onFullRebuild?.(t.name);
      await store.session((s) => s.transaction(() => rebuildCustomerTable(s, t.name, 'order_line')));
    }
  }
  const current = CUSTOMER_TABLES.filter((t) => !outdated.includes(t));
  const [stale] = await store.query(sql`SELECT 1 AS one FROM ${raw(STALE)} LIMIT 1`);
  if (!stale) return outdated.length > 0 ? { full: outdated.map((t) => t.name), customers: 0 } : null;
  const customers = await store.session((s) =>
    s.transaction(async () => {
      await lockTables(s);
      for (const t of ['cm_scope', 'cm_lines']) await s.exec(`DROP TABLE IF EXISTS ${t}`);
      await s.exec(`CREATE TEMPORARY TABLE cm_scope AS SELECT DISTINCT customer_id FROM ${STALE}`);
      await s.exec(`CREATE TEMPORARY TABLE cm_lines AS
        SELECT ${LINE_COLUMNS} FROM order_line WHERE customer_id IN (SELECT customer_id FROM cm_scope)`);
      await refreshPlannerStatistics(s, ['cm_scope', 'cm_lines']);
      for (const t of current) await rebuildCustomerTable(s, t.name, 'cm_lines', 'cm_scope');
      await s.exec(`DELETE FROM ${STALE} WHERE customer_id IN (SELECT customer_id FROM cm_scope)`);
      const [n] = await s.query<{ n: string | number }>(sql`SELECT COUNT(*) AS n FROM cm_scope`);
      for (const t of ['cm_scope', 'cm_lines']) await s.exec(`DROP TABLE IF EXISTS ${t}`);
      return Number(n?.n ?? 0);
    }),
  );
  return { full: outdated.map((t) => t.name), customers };
}
