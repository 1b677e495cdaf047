import { assertNever } from '../../domain/assert-never';
import type { ColumnType } from '../column-type';
import type { Dialect, TruncUnit } from '../dialect';

function columnType(t: ColumnType): string {
  switch (t.kind) {
    case 'text':
      return 'TEXT';
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
      return 'DOUBLE PRECISION';
    case 'decimal':
      return `NUMERIC(${t.precision}, ${t.scale})`;
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

export const PostgresDialect: Dialect = {
  name: 'postgres',
  placeholder: (i) => `$${i}`,
  columnType,
  addMonths: (expr, months) => `CAST((${expr}) + make_interval(months => CAST(${months} AS INTEGER)) AS DATE)`,
  dateTrunc: (u, expr) => `CAST(date_trunc(${unit(u)}, ${expr}) AS DATE)`,
  dateParam: (p) => `CAST(${p} AS DATE)`,
  daysBetween: (a, b) => `(CAST(${b} AS DATE) - CAST(${a} AS DATE))`,
  inlineSharedCtes: false,
  topRowsPerGroup: (input, groupBy, keep, by, n) =>
    `SELECT ${[...groupBy, ...keep].join(', ')} FROM (SELECT t.*, ROW_NUMBER() OVER (PARTITION BY ${groupBy.join(', ')} ORDER BY ${by} DESC) AS top_rank FROM (${input}) t) t WHERE top_rank <= ${n}`,
  bitCount: (expr) => `CAST(bit_count(CAST(${expr} AS BIT(64))) AS INTEGER)`,
  byteOrderText: ' COLLATE "C"',
};
