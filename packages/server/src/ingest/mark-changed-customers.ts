/**
 * The customers' derived tables (customer_month, recognised_revenue) are rebuilt
 * per customer by the next reader. Imports other than order lines list only the
 * customers whose rows those tables read changed, before the upsert and in the
 * import's transaction, so a re-import of the same file lists no one:
 *  - revenue schedules: the customers of lines whose schedule rows are new or differ;
 *  - customers: those whose owner of record changed (customer_month rows belong to
 *    the owner); nothing else of a customer's row is read by either table.
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
