/**
 * A dialect is a small object of hooks for the differences between engines.
 * Everything else about SQL text is shared. Hooks take closed unions, never
 * free strings, and have no silent default branch.
 */
import type { ColumnType } from './column-type';

export type DialectName = 'duckdb' | 'postgres';

export type TruncUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface Dialect {
  readonly name: DialectName;
  /** Placeholder for the 1-based parameter index. */
  placeholder(index: number): string;
  columnType(type: ColumnType): string;
  /** SQL for `expr + n months` where n is already rendered (a placeholder or a literal integer). */
  addMonths(expr: string, months: string): string;
  /** Truncate a date or timestamp to the start of a calendar unit, as a DATE. */
  dateTrunc(unit: TruncUnit, expr: string): string;
  /** Cast a rendered placeholder holding 'YYYY-MM-DD' to DATE. */
  dateParam(placeholder: string): string;
  /** Whole days between two dates (b - a). */
  daysBetween(a: string, b: string): string;
  /**
   * Whether a CTE that several parts of one query read is inlined (NOT MATERIALIZED), each part reading
   * only the columns it uses: DuckDB, where a materialised CTE of millions of wide rows spills past the
   * memory limit. PostgreSQL keeps its default (stored once), cheaper there than re-running the joins.
   */
  readonly inlineSharedCtes: boolean;
  /**
   * The `n` rows of the derived table `input` with the largest `by` in each group of the columns
   * `groupBy` (ties broken arbitrarily), as the columns `groupBy` then `keep`. All names are quoted
   * identifiers of `input`'s columns; `n` is a rendered integer. DuckDB keeps a heap per group
   * (`arg_max(…, n)`), far cheaper than ranking every row; PostgreSQL ranks with ROW_NUMBER.
   */
  topRowsPerGroup(input: string, groupBy: readonly string[], keep: readonly string[], by: string, n: string): string;
  /** The number of bits set in a rendered BIGINT expression (a bit mask), as an integer. */
  bitCount(expr: string): string;
  /**
   * What makes a text column compare byte by byte, appended to its type ('' where that is already
   * so). Ids sort, group and join the same way on both engines, whatever the database's locale,
   * and PostgreSQL sorts them (index builds, windows) without the locale's rules: 2× faster.
   */
  readonly byteOrderText: string;
}
