/** DDL for a table definition, the same definition for every dialect. */
import type { IndexDef, TableDef } from './column-type';
import type { Dialect } from './dialect';
import { checkedIdentifier } from './quote-identifier';

export function renderCreateTable(table: TableDef, dialect: Dialect, opts: { temporary?: boolean; name?: string } = {}): string {
  const cols = table.columns.map((c) => `${checkedIdentifier(c.name)} ${dialect.columnType(c.type)}${c.notNull ? ' NOT NULL' : ''}`);
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
