/** DDL for a table definition, the same definition for every dialect. */
import type { IndexDef, TableDef } from './column-type';
import type { Dialect } from './dialect';
import { checkedIdentifier } from './quote-identifier';

/**
 * `byteOrderText`: text columns compare byte by byte (Dialect.byteOrderText), as every text column
 * of a migrated store does from migration 9; migrations before it render without it, as applied.
 */
export function renderCreateTable(
  table: TableDef,
  dialect: Dialect,
  opts: { temporary?: boolean; name?: string; byteOrderText?: boolean } = {},
): string {
  const collate = (c: TableDef['columns'][number]) => (opts.byteOrderText && c.type.kind === 'text' ? dialect.byteOrderText : '');
  const cols = table.columns.map(
    (c) => `${checkedIdentifier(c.name)} ${dialect.columnType(c.type)}${collate(c)}${c.notNull ? ' NOT NULL' : ''}`,
  );
  if (table.primaryKey && !opts.temporary) cols.push(`PRIMARY KEY (${table.primaryKey.map(checkedIdentifier).join(', ')})`);
  if (!opts.temporary) for (const u of table.unique ?? []) cols.push(`UNIQUE (${u.map(checkedIdentifier).join(', ')})`);
  const kind = opts.temporary ? 'TEMPORARY TABLE' : 'TABLE';
  return `CREATE ${kind} IF NOT EXISTS ${checkedIdentifier(opts.name ?? table.name)} (\n  ${cols.join(',\n  ')}\n)`;
}

export function renderCreateIndex(table: string, index: IndexDef): string {
  return `CREATE INDEX IF NOT EXISTS ${checkedIdentifier(index.name)} ON ${checkedIdentifier(table)} (${index.columns.map(checkedIdentifier).join(', ')})`;
}

export function renderAddColumn(table: string, column: TableDef['columns'][number], dialect: Dialect): string {
  return `ALTER TABLE ${checkedIdentifier(table)} ADD COLUMN IF NOT EXISTS ${checkedIdentifier(column.name)} ${dialect.columnType(column.type)}`;
}
