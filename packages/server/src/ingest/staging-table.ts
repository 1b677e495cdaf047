/**
 * The staging table of one import: the entity's validated columns plus the
 * source line. It is a temporary table of the import's own session, typed
 * exactly like the target so that comparisons are exact.
 */
import type { EntitySpec } from '@cairn/core/model';
import { currentTables } from '@cairn/core/model';
import { stagingColumns } from '@cairn/core/ingest';
import { renderCreateTable, type TableDef } from '@cairn/core/sql';

export const STAGE = 'import_stage';
export const LINE = 'source_line';

export function stagingTableDef(spec: EntitySpec): TableDef {
  const target = currentTables().find((t) => t.name === spec.table);
  if (!target) throw new Error(`no table ${spec.table}`);
  const columns = stagingColumns(spec).map((name) => {
    const c = target.columns.find((col) => col.name === name);
    if (!c) throw new Error(`table ${spec.table} has no column ${name} (entity spec and table disagree)`);
    return { name, type: c.type };
  });
  return { name: STAGE, columns: [...columns, { name: LINE, type: { kind: 'bigint' } }] };
}

export function createStagingSql(spec: EntitySpec, dialect: Parameters<typeof renderCreateTable>[1]): string {
  return renderCreateTable(stagingTableDef(spec), dialect, { temporary: true, byteOrderText: true });
}

/** The referenced entity's key column (every referenced entity has a single-column key). */
export function keyColumnOf(spec: EntitySpec): string {
  const [k] = spec.key;
  const field = spec.fields.find((f) => f.name === k);
  if (!field || spec.key.length !== 1) throw new Error(`${spec.name} cannot be referenced: it has a composite key`);
  return field.column;
}
