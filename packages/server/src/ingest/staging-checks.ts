/**
 * Set-based checks on a staged import that a single row cannot answer:
 * duplicate natural keys inside the file, and references to rows that are
 * neither loaded already nor in the same file. Each finding names its line.
 */
import type { EntitySpec } from '@cairn/core/model';
import { entitySpec } from '@cairn/core/model';
import type { RowError } from '@cairn/core/ingest';
import { ident, joinSql, param, raw, sql } from '@cairn/core/sql';
import type { Session } from '../db/store';
import { stagingColumns } from '@cairn/core/ingest';
import { keyColumnOf, LINE, STAGE } from './staging-table';

export async function collapseIdenticalRows(s: Session, spec: EntitySpec): Promise<void> {
  const cols = joinSql(stagingColumns(spec).map((c) => ident(c)));
  await s.query(
    sql`DELETE FROM ${ident(STAGE)} WHERE ${ident(LINE)} NOT IN (SELECT MIN(${ident(LINE)}) FROM ${ident(STAGE)} GROUP BY ${cols})`,
  );
}

export async function findDuplicateKeys(s: Session, spec: EntitySpec, file: string, sourceNames: Map<string, string>): Promise<RowError[]> {
  const keyCols = spec.key.map((k) => spec.fields.find((f) => f.name === k)?.column ?? k);
  const keys = joinSql(keyCols.map((c) => ident(c)));
  const on = joinSql(
    keyCols.map((c) => sql`s.${ident(c)} = d.${ident(c)}`),
    ' AND ',
  );
  const rows = await s.query<
    Record<string, unknown>
  >(sql`SELECT s.${ident(LINE)} AS line, d.first_line, d.n, ${joinSql(keyCols.map((c) => sql`s.${ident(c)}`))}
    FROM ${ident(STAGE)} s JOIN (SELECT ${keys}, MIN(${ident(LINE)}) AS first_line, COUNT(*) AS n FROM ${ident(STAGE)} GROUP BY ${keys} HAVING COUNT(*) > 1) d
      ON ${on}
    ORDER BY s.${ident(LINE)}`);
  const keyField = spec.key[0] ?? '';
  return rows.map((r) => {
    const value = keyCols.map((c) => String(r[c])).join(' | ');
    const first = Number(r.first_line);
    const line = Number(r.line);
    return {
      file,
      line,
      column: sourceNames.get(keyField) ?? keyField,
      value,
      reason:
        line === first
          ? `duplicate ${spec.key.join(' + ')} "${value}": the file has it ${r.n} times; keep one row per key`
          : `duplicate ${spec.key.join(' + ')} "${value}": already on line ${first}; keep one row per key`,
    };
  });
}

/** Re-points references to merged customers onto the customer they were merged into. */
export async function redirectMergedCustomers(s: Session, spec: EntitySpec): Promise<void> {
  for (const f of spec.fields) {
    if (!f.references?.some((r) => r.entity === 'customer')) continue;
    await s.query(sql`UPDATE ${ident(STAGE)} SET ${ident(f.column)} = c.merged_into_id FROM customer c
      WHERE c.id = ${ident(STAGE)}.${ident(f.column)} AND c.merged_into_id IS NOT NULL`);
  }
}

export async function findUnknownReferences(
  s: Session,
  spec: EntitySpec,
  file: string,
  sourceNames: Map<string, string>,
): Promise<RowError[]> {
  const errors: RowError[] = [];
  for (const f of spec.fields) {
    for (const ref of f.references ?? []) {
      const target = entitySpec(ref.entity);
      const targetKey = keyColumnOf(target);
      const whenField = ref.when ? spec.fields.find((x) => x.name === ref.when?.field) : undefined;
      const when = whenField && ref.when ? sql`AND s.${ident(whenField.column)} = ${param(ref.when.equals)}` : raw('');
      const sameFile =
        ref.entity === spec.name
          ? sql`AND NOT EXISTS (SELECT 1 FROM ${ident(STAGE)} s2 WHERE s2.${ident(keyColumnOf(spec))} = s.${ident(f.column)})`
          : raw('');
      const rows = await s.query<{ line: string; value: string }>(sql`SELECT s.${ident(LINE)} AS line, s.${ident(f.column)} AS value
        FROM ${ident(STAGE)} s
        WHERE s.${ident(f.column)} IS NOT NULL ${when}
          AND NOT EXISTS (SELECT 1 FROM ${ident(target.table)} t WHERE t.${ident(targetKey)} = s.${ident(f.column)})
          ${sameFile}
        ORDER BY s.${ident(LINE)}`);
      for (const r of rows) {
        errors.push({
          file,
          line: Number(r.line),
          column: sourceNames.get(f.name) ?? f.name,
          value: r.value,
          reason: `unknown ${ref.entity} "${r.value}": no such ${ref.entity} is loaded or in this file; import ${ref.entity} first or fix the reference`,
        });
      }
    }
  }
  return errors;
}

/**
 * Fills fields that derivation would fill, the same way, so that re-importing
 * an unchanged file compares equal: an opportunity without a product line
 * takes its product's line.
 */
export async function enrichStaged(s: Session, spec: EntitySpec): Promise<void> {
  if (spec.name !== 'opportunity') return;
  await s.query(sql`UPDATE ${ident(STAGE)} SET product_line = p.product_line FROM product p
    WHERE p.id = ${ident(STAGE)}.product_id AND ${ident(STAGE)}.product_line IS NULL`);
}
