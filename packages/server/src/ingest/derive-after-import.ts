/**
 * What an import of anything but order lines derives (order lines derive before
 * their insert, in importFile). Decided before the upsert, while the stored rows
 * still hold the old values, and done after it, in the import's transaction:
 *  - exchange rates move every conversion: a full derive;
 *  - a product moved to another product line: the order-line facts of the
 *    customers with lines of it (cross-sell and new logo are per customer),
 *    which lists them for the customer tables as any scoped derive does;
 *  - revenue schedules: list the customers of lines whose schedule rows are new
 *    or differ (recognised_revenue is rebuilt per customer by the next reader);
 *  - customers: list those whose owner of record changed (customer_month rows
 *    belong to the owner; nothing else of a customer's row is read by either table);
 *  - stages, opportunities and other products: the opportunities' facts only.
 * A re-import of the same file lists no one and re-derives no line.
 */
import type { EntityName, EntitySpec } from '@cairn/core/model';
import { ident, type SqlFragment, sql } from '@cairn/core/sql';
import type { CompanySettings } from '../db/company-settings';
import type { Session } from '../db/store';
import { markCustomersStale } from '../services/customer-derived-tables';
import { deriveFacts, deriveOpportunities } from '../services/derive-facts';
import { STAGE } from './staging-table';
import { keyColumns, stagedAgainstStored } from './upsert-staged';

const SCOPE = 'changed_customer_scope';

async function markSelected(s: Session, customers: SqlFragment): Promise<void> {
  await s.exec(`DROP TABLE IF EXISTS ${SCOPE}`);
  await s.query(sql`CREATE TEMPORARY TABLE ${ident(SCOPE)} AS ${customers}`);
  await markCustomersStale(s, SCOPE);
  await s.exec(`DROP TABLE IF EXISTS ${SCOPE}`);
}

async function markScheduleCustomersStale(s: Session, spec: EntitySpec): Promise<void> {
  const [key] = keyColumns(spec);
  const { joinOn, differs } = stagedAgainstStored(spec);
  await markSelected(
    s,
    sql`SELECT DISTINCT l.customer_id FROM ${ident(STAGE)} s JOIN order_line l ON l.id = s.order_line_id
      LEFT JOIN ${ident(spec.table)} t ON ${joinOn} WHERE t.${ident(key ?? 'order_line_id')} IS NULL OR ${differs}`,
  );
}

async function markOwnerChangesStale(s: Session): Promise<void> {
  await markSelected(
    s,
    sql`SELECT x.id AS customer_id FROM ${ident(STAGE)} x JOIN customer t ON t.id = x.id
      WHERE t.owner_rep_id IS DISTINCT FROM x.owner_rep_id`,
  );
}

/**
 * Fills `table` (customer_id) with the customers that have lines of a staged product whose product line
 * differs from the stored one, and returns how many. New products have no lines yet.
 */
async function productLineScope(s: Session, table: string): Promise<number> {
  await s.query(sql`DROP TABLE IF EXISTS ${ident(table)}`);
  await s.query(sql`CREATE TEMPORARY TABLE ${ident(table)} AS SELECT DISTINCT l.customer_id
    FROM ${ident(STAGE)} x JOIN product p ON p.id = x.id JOIN order_line l ON l.product_id = x.id
    WHERE p.product_line IS DISTINCT FROM x.product_line`);
  const [n] = await s.query<{ n: string | number }>(sql`SELECT COUNT(*) AS n FROM ${ident(table)}`);
  return Number(n?.n ?? 0);
}

const DERIVE_SCOPE = 'derive_scope';
const OPPORTUNITIES_ONLY: ReadonlySet<EntityName> = new Set(['stage', 'opportunity', 'product']);

export type DerivePlan = 'full' | 'customers' | 'opportunities' | 'none';

/** Before the upsert of a staged file of `entity` (not order lines): lists what it changes, says what to derive. */
export async function planImportDerive(s: Session, spec: EntitySpec, entity: EntityName): Promise<DerivePlan> {
  if (entity === 'fx_rate') return 'full';
  if (entity === 'revenue_schedule') await markScheduleCustomersStale(s, spec);
  if (entity === 'customer') await markOwnerChangesStale(s);
  if (entity === 'product' && (await productLineScope(s, DERIVE_SCOPE)) > 0) return 'customers';
  return OPPORTUNITIES_ONLY.has(entity) ? 'opportunities' : 'none';
}

/** After the upsert: derives what planImportDerive said. */
export async function deriveImported(s: Session, settings: CompanySettings, plan: DerivePlan): Promise<void> {
  if (plan === 'full') await deriveFacts(s, settings);
  if (plan === 'customers') await deriveFacts(s, settings, { customerTable: DERIVE_SCOPE });
  if (plan === 'opportunities') await deriveOpportunities(s, settings);
  await s.exec(`DROP TABLE IF EXISTS ${DERIVE_SCOPE}`);
}
