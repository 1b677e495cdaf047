/**
 * Moves a checked staging table into its target: rows whose key is new are
 * inserted, rows whose values changed are updated (each changed value is
 * recorded in entity_change, and entities with history get a dated history
 * row), identical rows are left alone. Run inside the import's transaction.
 */
import type { EntitySpec } from '@cairn/core/model';
import { stagingColumns } from '@cairn/core/ingest';
import { ident, joinSql, param, type SqlFragment, sql } from '@cairn/core/sql';
import { insertWithIndexesRebuilt } from '../db/bulk-insert-indexes';
import type { Session } from '../db/store';
import { STAGE } from './staging-table';

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** The table columns of an entity's natural key. */
export function keyColumns(spec: EntitySpec): string[] {
  return spec.key.map((k) => spec.fields.find((f) => f.name === k)?.column ?? k);
}

function timestamp(at: string): SqlFragment {
  return sql`CAST(${param(at)} AS TIMESTAMP)`;
}

/** Precomputed derived columns for new rows: a table keyed by `id` holding `columns`. */
export interface DerivedForInsert {
  table: string;
  columns: readonly string[];
}

/**
 * How a staged row `s` meets its stored row `t`: the join on the natural key, and whether any other
 * staged column differs. Shared by the upsert and by what an import lists before it (derive-after-import.ts).
 */
export function stagedAgainstStored(spec: EntitySpec): { joinOn: SqlFragment; differs: SqlFragment } {
  const keys = keyColumns(spec);
  const valueCols = stagingColumns(spec).filter((c) => !keys.includes(c));
  const joinOn = joinSql(
    keys.map((k) => sql`t.${ident(k)} = s.${ident(k)}`),
    ' AND ',
  );
  const differs = valueCols.length
    ? joinSql(
        valueCols.map((c) => sql`t.${ident(c)} IS DISTINCT FROM s.${ident(c)}`),
        ' OR ',
      )
    : sql`FALSE`;
  return { joinOn, differs };
}

export async function upsertStaged(
  s: Session,
  spec: EntitySpec,
  importId: string,
  at: string,
  derived?: DerivedForInsert,
): Promise<UpsertCounts> {
  const keys = keyColumns(spec);
  const valueCols = stagingColumns(spec).filter((c) => !keys.includes(c));
  const target = ident(spec.table);
  const { joinOn, differs } = stagedAgainstStored(spec);
  const recordKey = joinSql(
    keys.map((k) => sql`CAST(s.${ident(k)} AS VARCHAR)`),
    ` || '|' || `,
  );

  // One join of the staged rows with the stored ones (a key column is never NULL in a stored row, so a
  // NULL one means no stored row has the staged key); the target, maybe millions of rows, is read once.
  const [firstKey] = keys;
  const [counts] = await s.query<{ staged: string; inserted: string; updated: string }>(sql`SELECT COUNT(*) AS staged,
      COUNT(CASE WHEN t.${ident(firstKey ?? 'id')} IS NULL THEN 1 END) AS inserted,
      COUNT(CASE WHEN t.${ident(firstKey ?? 'id')} IS NOT NULL AND (${differs}) THEN 1 END) AS updated
    FROM ${ident(STAGE)} s LEFT JOIN ${target} t ON ${joinOn}`);
  const staged = Number(counts?.staged ?? 0);
  const inserted = Number(counts?.inserted ?? 0);
  const updated = Number(counts?.updated ?? 0);

  if (updated > 0) {
    const perColumn = valueCols.map(
      (c) => sql`SELECT ${recordKey} AS record_key, ${param(c)} AS column_name, CAST(t.${ident(c)} AS VARCHAR) AS old_value,
        CAST(s.${ident(c)} AS VARCHAR) AS new_value
        FROM ${ident(STAGE)} s JOIN ${target} t ON ${joinOn} WHERE t.${ident(c)} IS DISTINCT FROM s.${ident(c)}`,
    );
    await s.query(sql`INSERT INTO entity_change (import_id, entity, record_key, column_name, old_value, new_value, changed_at)
      SELECT ${param(importId)}, ${param(spec.name)}, x.record_key, x.column_name, x.old_value, x.new_value, ${timestamp(at)}
      FROM (${joinSql(perColumn, ' UNION ALL ')}) x`);
  }

  if (spec.history && (inserted > 0 || updated > 0)) {
    const tracked = spec.history.fields.map((name) => spec.fields.find((f) => f.name === name)?.column ?? name);
    const trackedDiffers = joinSql(
      tracked.map((c) => sql`t.${ident(c)} IS DISTINCT FROM s.${ident(c)}`),
      ' OR ',
    );
    const [fk] = keys;
    await s.query(sql`INSERT INTO ${ident(spec.history.table)} (${ident(`${spec.name}_id`)}, changed_at, ${joinSql(tracked.map((c) => ident(c)))}, source, import_id)
      SELECT s.${ident(fk ?? 'id')}, ${timestamp(at)}, ${joinSql(tracked.map((c) => sql`s.${ident(c)}`))}, 'import', ${param(importId)}
      FROM ${ident(STAGE)} s LEFT JOIN ${target} t ON ${joinOn}
      WHERE (t.${ident(fk ?? 'id')} IS NULL OR ${trackedDiffers})
        AND NOT EXISTS (SELECT 1 FROM ${ident(spec.history.table)} h WHERE h.${ident(`${spec.name}_id`)} = s.${ident(fk ?? 'id')} AND h.changed_at = ${timestamp(at)})`);
  }

  if (updated > 0) {
    const assignments = joinSql([...valueCols.map((c) => sql`${ident(c)} = s.${ident(c)}`), sql`import_id = ${param(importId)}`]);
    const on = joinSql(
      keys.map((k) => sql`${target}.${ident(k)} = s.${ident(k)}`),
      ' AND ',
    );
    const changed = joinSql(
      valueCols.map((c) => sql`${target}.${ident(c)} IS DISTINCT FROM s.${ident(c)}`),
      ' OR ',
    );
    await s.query(sql`UPDATE ${target} SET ${assignments} FROM ${ident(STAGE)} s WHERE ${on} AND (${changed})`);
  }
  if (inserted > 0) {
    const cols = stagingColumns(spec);
    const extra = derived?.columns ?? [];
    const insertCols = joinSql([...cols, ...extra, 'import_id'].map((c) => ident(c)));
    const selectCols = joinSql([...cols.map((c) => sql`s.${ident(c)}`), ...extra.map((c) => sql`d.${ident(c)}`), param(importId)]);
    const join = derived ? sql`LEFT JOIN ${ident(derived.table)} d ON d.id = s.id` : sql``;
    // When no staged key is stored (counted above, in this transaction and under the write lock), every
    // staged row is new and the target need not be read again.
    const onlyNew = inserted === staged ? sql`` : sql`WHERE NOT EXISTS (SELECT 1 FROM ${target} t WHERE ${joinOn})`;
    await insertWithIndexesRebuilt(s, spec.table, inserted, async () => {
      await s.query(sql`INSERT INTO ${target} (${insertCols}) SELECT ${selectCols} FROM ${ident(STAGE)} s ${join} ${onlyNew}`);
    });
  }
  return { inserted, updated, unchanged: staged - inserted - updated };
}
