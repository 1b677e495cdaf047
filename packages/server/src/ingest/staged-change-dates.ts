/**
 * The dates an import's rows carry, before they are written: every date of
 * the staged rows and of the stored rows they replace (an order line moved
 * from May to March moves both months). Derived date columns of the stored
 * rows count too (a customer's first booking). This is what decides which KPI
 * periods a recompute after the import must cover.
 */
import type { EntitySpec } from '@cairn/core/model';
import { currentTables } from '@cairn/core/model';
import { addDays } from '@cairn/core/domain';
import { ident, joinSql, type SqlFragment, sql } from '@cairn/core/sql';
import type { Session } from '../db/store';
import type { ChangedDates } from '../metrics/compute-affected-periods';
import { STAGE, stagingTableDef } from './staging-table';
import { keyColumns } from './upsert-staged';

export async function stagedChangeDates(s: Session, spec: EntitySpec): Promise<ChangedDates> {
  const target = currentTables().find((t) => t.name === spec.table);
  if (!target) throw new Error(`no table ${spec.table}`);
  const isDate = (name: string) => target.columns.some((c) => c.name === name && (c.type.kind === 'date' || c.type.kind === 'timestamp'));
  const storedDates = target.columns.map((c) => c.name).filter(isDate);
  const stagedDates = stagingTableDef(spec)
    .columns.map((c) => c.name)
    .filter(isDate);
  const on = joinSql(
    keyColumns(spec).map((k) => sql`t.${ident(k)} = s.${ident(k)}`),
    ' AND ',
  );
  const parts: SqlFragment[] = [
    ...stagedDates.map((c) => sql`SELECT CAST(s.${ident(c)} AS DATE) AS d FROM ${ident(STAGE)} s`),
    ...storedDates.map((c) => sql`SELECT CAST(t.${ident(c)} AS DATE) AS d FROM ${ident(spec.table)} t JOIN ${ident(STAGE)} s ON ${on}`),
  ];
  if (parts.length === 0) return { table: spec.table, from: null, to: null };
  const [r] = await s.query<{ lo: string | null; hi: string | null }>(
    sql`SELECT CAST(MIN(x.d) AS VARCHAR) AS lo, CAST(MAX(x.d) AS VARCHAR) AS hi FROM (${joinSql(parts, ' UNION ALL ')}) x`,
  );
  if (!r?.lo || !r.hi) return { table: spec.table, from: null, to: null };
  return { table: spec.table, from: r.lo, to: addDays(r.hi, 1) };
}
