/**
 * The customers' derived tables (customer_month, recognised_revenue) are rebuilt
 * per customer by the next reader. Imports other than order lines list only the
 * customers whose rows those tables read changed, before the upsert and in the
 * import's transaction, so a re-import of the same file lists no one:
 *  - revenue schedules: the customers of lines whose schedule rows are new or differ;
 *  - customers: those whose owner of record changed (customer_month rows belong to
 *    the owner); nothing else of a customer's row is read by either table.
 * A product import re-derives the customers with lines of a product that moves to
 * another product line (productLineScope), which lists them as any scoped derive does.
 */
import type { EntitySpec } from '@cairn/core/model';
import { stagingColumns } from '@cairn/core/ingest';
import { ident, joinSql, type SqlFragment, sql } from '@cairn/core/sql';
import type { Session } from '../db/store';
import { markCustomersStale } from '../services/customer-derived-tables';
import { STAGE } from './staging-table';
import { keyColumns } from './upsert-staged';

const SCOPE = 'changed_customer_scope';

async function markSelected(s: Session, customers: SqlFragment): Promise<void> {
  await s.exec(`DROP TABLE IF EXISTS ${SCOPE}`);
  await s.query(sql`CREATE TEMPORARY TABLE ${ident(SCOPE)} AS ${customers}`);
  await markCustomersStale(s, SCOPE);
  await s.exec(`DROP TABLE IF EXISTS ${SCOPE}`);
}

export async function markScheduleCustomersStale(s: Session, spec: EntitySpec): Promise<void> {
  const keys = keyColumns(spec);
  const values = stagingColumns(spec).filter((c) => !keys.includes(c));
  const joinOn = joinSql(
    keys.map((k) => sql`t.${ident(k)} = x.${ident(k)}`),
    ' AND ',
  );
  const changed = joinSql(
    [sql`t.${ident(keys[0] ?? 'order_line_id')} IS NULL`, ...values.map((c) => sql`t.${ident(c)} IS DISTINCT FROM x.${ident(c)}`)],
    ' OR ',
  );
  await markSelected(
    s,
    sql`SELECT DISTINCT l.customer_id FROM ${ident(STAGE)} x JOIN order_line l ON l.id = x.order_line_id
      LEFT JOIN ${ident(spec.table)} t ON ${joinOn} WHERE ${changed}`,
  );
}

export async function markOwnerChangesStale(s: Session): Promise<void> {
  await markSelected(
    s,
    sql`SELECT x.id AS customer_id FROM ${ident(STAGE)} x JOIN customer t ON t.id = x.id
      WHERE t.owner_rep_id IS DISTINCT FROM x.owner_rep_id`,
  );
}

/**
 * Fills `table` (customer_id) with the customers that have lines of a staged product whose product line
 * differs from the stored one, and returns how many: the order-line facts of only those customers depend on
 * the change (cross-sell and new logo are derived per customer). New products have no lines yet.
 */
export async function productLineScope(s: Session, table: string): Promise<number> {
  await s.query(sql`DROP TABLE IF EXISTS ${ident(table)}`);
  await s.query(sql`CREATE TEMPORARY TABLE ${ident(table)} AS SELECT DISTINCT l.customer_id
    FROM ${ident(STAGE)} x JOIN product p ON p.id = x.id JOIN order_line l ON l.product_id = x.id
    WHERE p.product_line IS DISTINCT FROM x.product_line`);
  const [n] = await s.query<{ n: string | number }>(sql`SELECT COUNT(*) AS n FROM ${ident(table)}`);
  return Number(n?.n ?? 0);
}
