import { assertNever } from '../../domain/assert-never';
import type { ColumnType } from '../column-type';
import type { Dialect, TruncUnit } from '../dialect';

function columnType(t: ColumnType): string {
  switch (t.kind) {
    case 'text':
      return 'VARCHAR';
    case 'integer':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'double':
      return 'DOUBLE';
    case 'decimal':
      return `DECIMAL(${t.precision}, ${t.scale})`;
    default:
      return assertNever(t, 'column type');
  }
}

function unit(u: TruncUnit): string {
  switch (u) {
    case 'day':
    case 'week':
    case 'month':
    case 'quarter':
    case 'year':
      return `'${u}'`;
    default:
      return assertNever(u, 'trunc unit');
  }
}

export const DuckDbDialect: Dialect = {
  name: 'duckdb',
  placeholder: (i) => `$${i}`,
  columnType,
  addMonths: (expr, months) => `CAST((${expr}) + to_months(CAST(${months} AS INTEGER)) AS DATE)`,
  dateTrunc: (u, expr) => `CAST(date_trunc(${unit(u)}, ${expr}) AS DATE)`,
  dateParam: (p) => `CAST(${p} AS DATE)`,
  daysBetween: (a, b) => `(CAST(${b} AS DATE) - CAST(${a} AS DATE))`,
  inlineSharedCtes: true,
  topRowsPerGroup: (input, groupBy, keep, by, n) =>
    `SELECT ${groupBy.join(', ')}, UNNEST(arg_max(struct_pack(${keep.map((k) => `${k} := ${k}`).join(', ')}), ${by}, ${n}), recursive := true) FROM (${input}) t GROUP BY ${groupBy.join(', ')}`,
  bitCount: (expr) => `CAST(bit_count(${expr}) AS INTEGER)`,
  byteOrderText: '',
};
