/**
 * Derived facts are computed from history, never trusted from the CRM; the
 * CRM's own claim stays beside them (crm_cross_sell_flag) for audits.
 *  - a line is cross-sell when its customer had no active purchase of that
 *    product line in the window (default 24 months) before the booking date,
 *    and had bought some other line before that date;
 *  - a line is new-logo when it falls in the fiscal quarter of the customer's
 *    first active booking; later lines are expansion;
 *  - amounts in the reporting currency use the latest fx rate on or before the
 *    booking date, rounded half away from zero to whole minor units
 *    (toReportingCurrency, the rule the revenue fact shares);
 *  - an opportunity is closed/won as its canonical stage says;
 *  - customer_month (each customer at each month end) and recognised_revenue
 *    are rebuilt from the same lines by a full derive; a scoped one lists its
 *    customers for the next reader to rebuild (customer-derived-tables.ts).
 * Everything is set-based SQL, optionally limited to a set of customers. The
 * order-line facts are first computed into a temporary table (derive_ol) and
 * then applied only where they differ, so that an import can insert new lines
 * already complete instead of writing them twice.
 */
import { FX_RATE_RANGES, rateInForce, toReportingCurrency } from '@cairn/core/metrics';
import type { Dialect } from '@cairn/core/sql';
import { checkedIdentifier, dialectHook, param, raw, type SqlFragment, sql } from '@cairn/core/sql';
import type { CompanySettings } from '../db/company-settings';
import { refreshPlannerStatistics } from '../db/planner-statistics';
import type { Session } from '../db/store';
import { markCustomersStale, rebuildCustomerTables } from './customer-derived-tables';

export interface DeriveScope {
  /** A table with a customer_id column listing the customers to refresh; all when absent. */
  customerTable?: string;
  /** A staging table of order lines about to be upserted: they count as if already stored. */
  stagedLines?: string;
}

/** The columns of order_line that derive_ol holds, in order. */
export const DERIVED_ORDER_LINE_COLUMNS = ['product_line', 'amount_rc_minor', 'margin_rc_minor', 'is_new_logo', 'is_cross_sell'] as const;
export const DERIVED_ORDER_LINES = 'derive_ol';

const LINE_COLUMNS = 'id, customer_id, product_id, booked_at, status, amount_minor, margin_minor, currency';

function fiscalQuarterStart(d: Dialect, expr: string, shift: number): string {
  if (shift === 0) return d.dateTrunc('quarter', expr);
  return d.addMonths(d.dateTrunc('quarter', d.addMonths(expr, String(-shift))), String(shift));
}

function scopeFilter(scope: DeriveScope, column: string): SqlFragment {
  return scope.customerTable
    ? dialectHook(() => `${column} IN (SELECT customer_id FROM ${checkedIdentifier(scope.customerTable as string)})`)
    : raw('TRUE');
}

/** Computes derive_ol (one row per order line in scope) and derive_first (first active booking per customer). */
export async function prepareOrderLineFacts(s: Session, settings: CompanySettings, scope: DeriveScope = {}): Promise<void> {
  const rc = sql`${param(settings.reportingCurrency)}`;
  const shift = (settings.calendar.startMonth - 1) % 3;
  const lines = scope.stagedLines
    ? dialectHook(() => {
        const st = checkedIdentifier(scope.stagedLines as string);
        return `SELECT ${LINE_COLUMNS} FROM order_line o WHERE NOT EXISTS (SELECT 1 FROM ${st} x WHERE x.id = o.id)
          UNION ALL SELECT ${LINE_COLUMNS} FROM ${st}`;
      })
    : raw(`SELECT ${LINE_COLUMNS} FROM order_line`);
  for (const t of ['derive_fx', 'derive_lines', 'derive_line_first', 'derive_first', DERIVED_ORDER_LINES])
    await s.exec(`DROP TABLE IF EXISTS ${t}`);
  await s.query(sql`CREATE TEMPORARY TABLE derive_fx AS ${FX_RATE_RANGES}`);
  const inRc = (amount: string) => toReportingCurrency(raw(`l.${amount}`), raw('l.currency'), raw('fx.rate'), rc);
  await s.query(sql`CREATE TEMPORARY TABLE derive_lines AS
    SELECT l.id, l.customer_id, l.booked_at, l.status, p.product_line,
      ${inRc('amount_minor')} AS amount_rc_minor, ${inRc('margin_minor')} AS margin_rc_minor
    FROM (${lines}) l
    LEFT JOIN product p ON p.id = l.product_id
    LEFT JOIN derive_fx fx ON l.currency <> ${rc} AND ${rateInForce(raw('l.currency'), raw('l.booked_at'))}
    WHERE ${scopeFilter(scope, 'l.customer_id')}`);
  await s.exec(`CREATE TEMPORARY TABLE derive_line_first AS
    SELECT customer_id, product_line, MIN(booked_at) AS first_at FROM derive_lines WHERE status = 'active' GROUP BY customer_id, product_line`);
  await s.exec(`CREATE TEMPORARY TABLE derive_first AS
    SELECT customer_id, MIN(first_at) AS first_at FROM derive_line_first GROUP BY customer_id`);
  await refreshPlannerStatistics(s, ['derive_fx', 'derive_lines', 'derive_line_first', 'derive_first']);
  // One sort of the lines: prev_same, the latest active booking of the same customer and line on an
  // earlier day, is a RANGE frame over whole days, so lines booked the same day see the same value.
  const day = dialectHook((d) => d.daysBetween("DATE '1970-01-01'", 'l.booked_at'));
  await s.query(sql`CREATE TEMPORARY TABLE ${raw(DERIVED_ORDER_LINES)} AS
    WITH ranked AS (
      SELECT customer_id, product_line, first_at, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY first_at, product_line) AS rn
      FROM derive_line_first
    ), firsttwo AS (
      SELECT customer_id, MAX(CASE WHEN rn = 1 THEN product_line END) AS line1, MAX(CASE WHEN rn = 1 THEN first_at END) AS date1,
        MAX(CASE WHEN rn = 2 THEN first_at END) AS date2
      FROM ranked WHERE rn <= 2 GROUP BY customer_id
    ), prev AS (
      SELECT l.id, l.customer_id, l.product_line, l.booked_at, l.amount_rc_minor, l.margin_rc_minor,
        MAX(CASE WHEN l.status = 'active' THEN l.booked_at END) OVER (PARTITION BY l.customer_id, l.product_line ORDER BY ${day}
          RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_same
      FROM derive_lines l
    )
    SELECT p.id, p.product_line, p.amount_rc_minor, p.margin_rc_minor,
      ${dialectHook(
        (d) =>
          `(fb.first_at IS NOT NULL AND ${fiscalQuarterStart(d, 'p.booked_at', shift)} = ${fiscalQuarterStart(d, 'fb.first_at', shift)})`,
      )} AS is_new_logo,
      p.product_line IS NOT NULL AND COALESCE((CASE WHEN p.product_line = f.line1 THEN f.date2 ELSE f.date1 END) < p.booked_at
        AND (p.prev_same IS NULL OR p.prev_same < ${dialectHook((d, b) => d.addMonths('p.booked_at', b(-settings.crossSellWindowMonths)))}), FALSE)
        AS is_cross_sell
    FROM prev p
    LEFT JOIN derive_first fb ON fb.customer_id = p.customer_id
    LEFT JOIN firsttwo f ON f.customer_id = p.customer_id`);
  await refreshPlannerStatistics(s, [DERIVED_ORDER_LINES]);
}

/**
 * Writes derive_ol and derive_first into the stored rows, touching only rows whose facts changed.
 * `linesWritten` says every row of derive_ol was just inserted with its facts, so order_line is left alone.
 */
export async function applyPreparedFacts(
  s: Session,
  settings: CompanySettings,
  scope: DeriveScope = {},
  linesWritten = false,
): Promise<void> {
  if (!linesWritten) {
    const set = DERIVED_ORDER_LINE_COLUMNS.map((c) => `${c} = d.${c}`).join(', ');
    const differs = DERIVED_ORDER_LINE_COLUMNS.map((c) => `order_line.${c} IS DISTINCT FROM d.${c}`).join(' OR ');
    await s.exec(`UPDATE order_line SET ${set} FROM ${DERIVED_ORDER_LINES} d WHERE order_line.id = d.id AND (${differs})`);
  }
  await s.exec(`UPDATE customer SET first_booked_at = x.first_at FROM derive_first x
    WHERE customer.id = x.customer_id AND customer.first_booked_at IS DISTINCT FROM x.first_at`);
  // Customers left without an active booking. A join on the primary key, not `NOT EXISTS` per customer:
  // PostgreSQL once planned that form as a nested loop over derive_scope, 175 s for 50,000 customers.
  const candidates = scope.customerTable
    ? `SELECT customer_id FROM ${checkedIdentifier(scope.customerTable)}`
    : 'SELECT id AS customer_id FROM customer WHERE first_booked_at IS NOT NULL';
  await s.exec(`UPDATE customer SET first_booked_at = NULL
    FROM (${candidates} EXCEPT SELECT customer_id FROM derive_first) gone
    WHERE customer.id = gone.customer_id AND customer.first_booked_at IS NOT NULL`);
  // The customers' derived tables are rebuilt now for every customer; for some (an import, a merge), by the next reader.
  // Recognised revenue reads the stored lines, whose rep and facts are up to date by now.
  if (scope.customerTable) await markCustomersStale(s, scope.customerTable);
  else await rebuildCustomerTables(s, { customer_month: 'derive_lines', recognised_revenue: 'order_line' });
  await deriveOpportunityFacts(s, settings);
  for (const t of ['derive_lines', 'derive_line_first', 'derive_first', DERIVED_ORDER_LINES, 'derive_fx'])
    await s.exec(`DROP TABLE IF EXISTS ${t}`);
}

async function deriveOpportunityFacts(s: Session, settings: CompanySettings): Promise<void> {
  const rc = sql`${param(settings.reportingCurrency)}`;
  await s.query(sql`UPDATE opportunity SET is_closed = st.is_closed, is_won = st.is_won
    FROM stage st WHERE st.name = opportunity.stage
      AND (opportunity.is_closed IS DISTINCT FROM st.is_closed OR opportunity.is_won IS DISTINCT FROM st.is_won)`);
  await s.query(sql`UPDATE opportunity SET product_line = p.product_line FROM product p
    WHERE p.id = opportunity.product_id AND opportunity.product_line IS NULL`);
  await s.query(sql`UPDATE opportunity SET amount_rc_minor = x.rc FROM (
      SELECT o.id, ${toReportingCurrency(raw('o.amount_minor'), raw('o.currency'), raw('fx.rate'), rc)} AS rc
      FROM opportunity o LEFT JOIN derive_fx fx ON o.currency <> ${rc} AND ${rateInForce(raw('o.currency'), raw('COALESCE(o.close_date, o.created_at)'))}
    ) x WHERE opportunity.id = x.id AND opportunity.amount_rc_minor IS DISTINCT FROM x.rc`);
}

/** Recomputes the derived columns of opportunities alone (an import of stages or opportunities). */
export async function deriveOpportunities(s: Session, settings: CompanySettings): Promise<void> {
  await s.exec('DROP TABLE IF EXISTS derive_fx');
  await s.query(sql`CREATE TEMPORARY TABLE derive_fx AS ${FX_RATE_RANGES}`);
  await deriveOpportunityFacts(s, settings);
  await s.exec('DROP TABLE IF EXISTS derive_fx');
}

/** Recomputes every derived column of order lines, customers and opportunities. */
export async function deriveFacts(s: Session, settings: CompanySettings, scope: DeriveScope = {}): Promise<void> {
  await prepareOrderLineFacts(s, settings, scope);
  await applyPreparedFacts(s, settings, scope);
}
