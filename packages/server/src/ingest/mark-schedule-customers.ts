/**
 * recognised_revenue holds each schedule row with its line's rep and the amount
 * in the reporting currency, rebuilt per customer. An import of revenue
 * schedules lists the customers whose staged rows are new or differ from the
 * stored ones (before the upsert, in the import's transaction); the next
 * reader rebuilds their rows. A re-import of the same file lists no one.
 */
import type { EntitySpec } from '@cairn/core/model';
import { stagingColumns } from '@cairn/core/ingest';
import { ident, joinSql, sql } from '@cairn/core/sql';
import type { Session } from '../db/store';
import { markCustomersStale } from '../services/customer-derived-tables';
import { STAGE } from './staging-table';
import { keyColumns } from './upsert-staged';

const SCOPE = 'schedule_scope';

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
  await s.exec(`DROP TABLE IF EXISTS ${SCOPE}`);
  await s.query(sql`CREATE TEMPORARY TABLE ${ident(SCOPE)} AS SELECT DISTINCT l.customer_id
    FROM ${ident(STAGE)} x JOIN order_line l ON l.id = x.order_line_id
    LEFT JOIN ${ident(spec.table)} t ON ${joinOn}
    WHERE ${changed}`);
  await markCustomersStale(s, SCOPE);
  await s.exec(`DROP TABLE IF EXISTS ${SCOPE}`);
}
