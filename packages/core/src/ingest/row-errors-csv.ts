/** An import's error report as CSV: file, line, column, value, reason. */
import { toCsv } from '../domain/spreadsheet-cell';
import type { RowError } from './row-error';

export function rowErrorsToCsv(errors: readonly RowError[]): string {
  return toCsv(
    ['file', 'line', 'column', 'value', 'reason'],
    errors.map((e) => [e.file, e.line, e.column, e.value === null ? null : e.value.slice(0, 200), e.reason]),
  );
}

/** A short, readable form of one error for a terminal. */
export function formatRowError(e: RowError): string {
  const where = `${e.file}:${e.line}${e.column ? ` [${e.column}]` : ''}`;
  const value = e.value === null ? '' : ` ${JSON.stringify(e.value.length > 60 ? `${e.value.slice(0, 57)}...` : e.value)}`;
  return `${where}${value}: ${e.reason}`;
}
