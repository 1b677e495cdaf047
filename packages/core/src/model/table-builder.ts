/** Terse helpers for writing table definitions as data. */
import type { ColumnDef, ColumnType, TableDef } from '../sql/column-type';

type Short = 'text' | 'integer' | 'bigint' | 'boolean' | 'date' | 'timestamp' | 'double' | 'share' | 'rate' | 'pct';

function typeOf(t: Short): ColumnType {
  switch (t) {
    case 'share':
      return { kind: 'decimal', precision: 7, scale: 4 };
    case 'pct':
      return { kind: 'decimal', precision: 7, scale: 4 };
    case 'rate':
      return { kind: 'decimal', precision: 18, scale: 8 };
    default:
      return { kind: t };
  }
}

/** `col('amount_minor', 'bigint', true)` — a column, NOT NULL when the third argument is true. */
export function col(name: string, type: Short, notNull = false): ColumnDef {
  return notNull ? { name, type: typeOf(type), notNull } : { name, type: typeOf(type) };
}

export function table(name: string, primaryKey: string[] | undefined, columns: ColumnDef[], indexes: string[][] = []): TableDef {
  const def: TableDef = { name, columns, indexes: indexes.map((c) => ({ name: `ix_${name}_${c.join('_')}`, columns: c })) };
  if (primaryKey) def.primaryKey = primaryKey;
  return def;
}

/** Lineage: the import that last wrote the row. */
export const lineage = (): ColumnDef => col('import_id', 'text');
