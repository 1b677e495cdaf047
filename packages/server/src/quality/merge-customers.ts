/**
 * Merging two customer records that are one company. In one transaction:
 * every fact referencing the dropped customer is re-pointed to the kept one
 * (every table with a customer_id column, found from the model so a new table
 * is covered without editing this file); customers merged earlier into the
 * dropped one now point at the kept one, so merged_into_id always names a live
 * customer; gaps in the kept record are filled from the dropped one (the kept
 * record's values win, the earliest created_at stands, and an opt-out from
 * cross-selling is never lost); the dropped row stays, marked merged_into_id,
 * for lineage; a customer_merge row records who did what; and derived facts
 * (new logo, cross-sell, first booking) are recomputed for both customers.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '@cairn/core/domain';
import { currentTables, DERIVED_TABLES_V10, DERIVED_TABLES_V11, DERIVED_TABLES_V12 } from '@cairn/core/model';
import { ident, joinSql, param, type SqlFragment, sql } from '@cairn/core/sql';
import type { CompanySettings } from '../db/company-settings';
import type { Session, Store } from '../db/store';
import { withWriteLock } from '../db/write-lock';
import { deriveFacts } from '../services/derive-facts';

export interface MergeCustomersRequest {
  keepId: string;
  dropId: string;
  actor: string;
  /** When the merge happened; now by default. */
  at?: Date;
}

export interface CustomerMergeResult {
  mergeId: string;
  keptId: string;
  droppedId: string;
  actor: string;
  /** 'YYYY-MM-DD HH:MM:SS.sss', UTC. */
  mergedAt: string;
  /** Rows re-pointed, per table with a customer_id column (zeros included). */
  repointed: Record<string, number>;
  /** Customers merged earlier into the dropped one, now pointing at the kept one. */
  earlierMerges: number;
  /** Columns of the kept customer that took the dropped customer's value. */
  filled: string[];
}

/** Columns a merge never copies: identity, lineage, and what deriveFacts computes. */
const NOT_MERGED = new Set(['id', 'name', 'normalised_name', 'merged_into_id', 'first_booked_at', 'import_id']);
const SCOPE_TABLE = 'merge_scope';

/**
 * Tables holding facts about a customer: every table of the model with a customer_id column, but
 * the derived tables, which the merge's derive rebuilds for both customers.
 */
export function customerFactTables(): string[] {
  const derived = new Set([...DERIVED_TABLES_V10, ...DERIVED_TABLES_V11, ...DERIVED_TABLES_V12].map((t) => t.name));
  return currentTables()
    .filter((t) => !derived.has(t.name) && t.columns.some((c) => c.name === 'customer_id'))
    .map((t) => t.name);
}

function customerColumns(): string[] {
  const customer = currentTables().find((t) => t.name === 'customer');
  if (!customer) throw new Error('the model has no customer table');
  return customer.columns.map((c) => c.name).filter((c) => !NOT_MERGED.has(c));
}

/** The new value of a kept customer's column, given the dropped customer `d`. */
function survivingValue(column: string): SqlFragment {
  const kept = sql`customer.${ident(column)}`;
  const dropped = sql`d.${ident(column)}`;
  switch (column) {
    case 'created_at':
      return sql`CASE WHEN ${kept} IS NULL OR ${dropped} < ${kept} THEN ${dropped} ELSE ${kept} END`;
    case 'cross_sell_opt_out':
      return sql`CASE WHEN ${dropped} THEN TRUE ELSE ${kept} END`;
    default:
      return sql`COALESCE(${kept}, ${dropped})`;
  }
}

function changes(column: string, kept: unknown, dropped: unknown): boolean {
  if (dropped === null || dropped === undefined) return false;
  switch (column) {
    case 'created_at':
      return kept === null || String(dropped) < String(kept);
    case 'cross_sell_opt_out':
      return dropped === true && kept !== true;
    default:
      return kept === null;
  }
}

function timestampText(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

async function loadPair(
  s: Session,
  keepId: string,
  dropId: string,
): Promise<{ kept: Record<string, unknown>; dropped: Record<string, unknown> }> {
  const rows = await s.query(sql`SELECT * FROM customer WHERE id IN (${param(keepId)}, ${param(dropId)})`);
  const kept = rows.find((r) => r.id === keepId);
  const dropped = rows.find((r) => r.id === dropId);
  const missing = [kept ? null : keepId, dropped ? null : dropId].filter((x) => x !== null);
  if (!kept || !dropped) throw new DomainError('not_found', `no customer with id ${missing.map((m) => `"${m}"`).join(' or ')}`);
  if (dropped.merged_into_id !== null) {
    throw new DomainError('conflict', `customer "${dropId}" was already merged into "${String(dropped.merged_into_id)}"`);
  }
  if (kept.merged_into_id !== null) {
    throw new DomainError(
      'conflict',
      `customer "${keepId}" was itself merged into "${String(kept.merged_into_id)}"; keep that customer instead`,
    );
  }
  return { kept, dropped };
}

/** Merges the customer `dropId` into `keepId`; refuses unknown ids, a customer merged with itself, or one merged before. */
export async function mergeCustomers(store: Store, settings: CompanySettings, req: MergeCustomersRequest): Promise<CustomerMergeResult> {
  const keepId = req.keepId.trim();
  const dropId = req.dropId.trim();
  const actor = req.actor.trim();
  if (keepId === '' || dropId === '') throw new DomainError('invalid_input', 'both the customer to keep and the one to drop are required');
  if (actor === '') throw new DomainError('invalid_input', 'a merge needs an actor');
  if (keepId === dropId) throw new DomainError('invalid_input', `customer "${keepId}" cannot be merged into itself`);
  const mergeId = randomUUID();
  const mergedAt = timestampText(req.at ?? new Date());

  return withWriteLock(store, () =>
    store.session((s) =>
      s.transaction(async () => {
        // Writing both rows first makes a concurrent merge of either customer wait
        // for this one (PostgreSQL row locks) or fail on commit (DuckDB conflicts),
        // so two merges can never chain a customer into a cycle.
        await s.query(sql`UPDATE customer SET merged_into_id = merged_into_id WHERE id IN (${param(keepId)}, ${param(dropId)})`);
        const { kept, dropped } = await loadPair(s, keepId, dropId);

        const repointed: Record<string, number> = {};
        for (const table of customerFactTables()) {
          const moved = await s.query(
            sql`UPDATE ${ident(table)} SET customer_id = ${param(keepId)} WHERE customer_id = ${param(dropId)} RETURNING 1 AS moved`,
          );
          repointed[table] = moved.length;
        }
        const earlier = await s.query(
          sql`UPDATE customer SET merged_into_id = ${param(keepId)} WHERE merged_into_id = ${param(dropId)} RETURNING id`,
        );

        const filled = customerColumns().filter((c) => changes(c, kept[c], dropped[c]));
        if (filled.length > 0) {
          const assignments = filled.map((c) => sql`${ident(c)} = ${survivingValue(c)}`);
          await s.query(sql`UPDATE customer SET ${joinSql(assignments)}
          FROM customer d WHERE customer.id = ${param(keepId)} AND d.id = ${param(dropId)}`);
        }
        await s.query(sql`UPDATE customer SET merged_into_id = ${param(keepId)} WHERE id = ${param(dropId)}`);

        const details = { repointed, earlierMerges: earlier.length, filled };
        await s.query(sql`INSERT INTO customer_merge (id, kept_id, dropped_id, actor, merged_at, details)
        VALUES (${param(mergeId)}, ${param(keepId)}, ${param(dropId)}, ${param(actor)}, CAST(${param(mergedAt)} AS TIMESTAMP), ${param(JSON.stringify(details))})`);

        await s.exec(`DROP TABLE IF EXISTS ${SCOPE_TABLE}`);
        await s.exec(`CREATE TEMPORARY TABLE ${SCOPE_TABLE} (customer_id ${s.dialect.columnType({ kind: 'text' })})`);
        await s.query(sql`INSERT INTO ${ident(SCOPE_TABLE)} (customer_id) VALUES (${param(keepId)}), (${param(dropId)})`);
        await deriveFacts(s, settings, { customerTable: SCOPE_TABLE });
        await s.exec(`DROP TABLE IF EXISTS ${SCOPE_TABLE}`);

        return { mergeId, keptId: keepId, droppedId: dropId, actor, mergedAt, ...details };
      }),
    ),
  );
}
