/**
 * Table exports. Every text cell is escaped by core's `escapeSpreadsheetCell`
 * (a leading = + - @, tab or CR gets an apostrophe) before it is written, in
 * CSV (core's `toCsv` escapes as it writes) and in XLSX alike, so an exported
 * customer name can never run as a formula. The XLSX writer loads on first use.
 */
import { escapeSpreadsheetCell, toCsv } from '@cairn/core/domain';
import { downloadBlob } from './download-file';

export type ExportCell = string | number | null;

export interface ExportData {
  header: readonly string[];
  rows: readonly (readonly ExportCell[])[];
}

export function exportCsv(data: ExportData, baseName: string): void {
  // A byte-order mark so spreadsheet programs read the file as UTF-8.
  downloadBlob(new Blob(['\uFEFF', toCsv(data.header, data.rows)], { type: 'text/csv;charset=utf-8' }), `${baseName}.csv`);
}

export async function exportXlsx(data: ExportData, baseName: string): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const text = (s: string) => ({ type: String, value: escapeSpreadsheetCell(s) });
  const sheet = [
    data.header.map((h) => ({ ...text(h), fontWeight: 'bold' as const })),
    ...data.rows.map((row) =>
      row.map((cell) =>
        cell === null ? null : typeof cell === 'number' && Number.isFinite(cell) ? { type: Number, value: cell } : text(String(cell)),
      ),
    ),
  ];
  const blob = await writeXlsxFile(sheet).toBlob();
  downloadBlob(blob, `${baseName}.xlsx`);
}
