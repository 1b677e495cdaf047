import { Alert, Paper, SimpleGrid, Text } from '@mantine/core';
import type { ImportReport } from '../../api/import-api';
import { type Column, DataTable } from '../../ui/data-table';

type RowError = ImportReport['errors'][number];

const ERROR_COLUMNS: Column<RowError>[] = [
  { header: 'File', cell: (e) => e.file, exportValue: (e) => e.file },
  { header: 'Line', numeric: true, cell: (e) => e.line, exportValue: (e) => e.line },
  { header: 'Column', cell: (e) => e.column ?? '—', exportValue: (e) => e.column },
  { header: 'Value', cell: (e) => (e.value === null ? '—' : <code>{e.value}</code>), exportValue: (e) => e.value },
  { header: 'Reason', cell: (e) => e.reason, exportValue: (e) => e.reason },
];

/** What an upload did: the outcome in words, the counts, and every error by row (file, line, column, value, reason). */
export function ImportReportView({ report, locale }: { report: ImportReport; locale: string }) {
  const n = (v: number) => new Intl.NumberFormat(locale).format(v);
  const committed = report.status === 'committed';
  const outcome = committed
    ? report.rejectedRows > 0
      ? `Imported, with ${n(report.rejectedRows)} row${report.rejectedRows === 1 ? '' : 's'} held in quarantine: correct them and re-import.`
      : 'Imported: every row was accepted.'
    : report.mode === 'atomic'
      ? 'Rejected: nothing was written. Correct the rows below and upload the file again, or use quarantine mode to import the good rows now.'
      : 'Rejected: nothing was written.';
  const stats: [string, number][] = [
    ['Rows read', report.rowsRead],
    ['Inserted', report.inserted],
    ['Updated', report.updated],
    ['Unchanged', report.unchanged],
    ['Rejected rows', report.rejectedRows],
    ['Errors', report.errorCount],
  ];
  return (
    <section aria-label="Import report">
      <Alert
        color={committed ? (report.rejectedRows > 0 ? 'orange' : 'teal') : 'red'}
        variant="light"
        title={`Import ${report.status}`}
        role="status"
        my="md"
      >
        <Text size="sm">{outcome}</Text>
        <Text size="xs" c="dimmed" mt={4}>
          {report.file} · {report.entity} · {report.mode} · import {report.importId} · {n(Math.round(report.durationMs))} ms
        </Text>
      </Alert>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="sm">
        {stats.map(([label, value]) => (
          <Paper key={label} withBorder p="sm" radius="md">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {label}
            </Text>
            <Text size="xl" fw={700}>
              {n(value)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {(report.errors.length > 0 || !committed) && (
        <DataTable
          title="Errors by row"
          description={
            report.errorCount > report.errors.length
              ? `The first ${n(report.errors.length)} of ${n(report.errorCount)} errors${report.mode === 'quarantine' ? '; all rejected rows are listed under Rejects.' : '.'}`
              : undefined
          }
          columns={ERROR_COLUMNS}
          rows={report.errors}
          rowKey={(e, i) => `${e.line}-${e.column ?? ''}-${i}`}
          fileName={`import-errors-${report.importId}`}
          emptyText="No row errors were reported."
        />
      )}
    </section>
  );
}
