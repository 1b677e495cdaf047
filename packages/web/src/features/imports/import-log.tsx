import { Button } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchImportLog, type ImportLogEntry } from '../../api/import-api';
import { type Column, DataTable } from '../../ui/data-table';
import { formatDateTime, formatPlain } from '../../ui/format';
import { Pager } from '../../ui/pager';
import { QueryState } from '../../ui/states';

const PAGE_SIZE = 20;

/** Recent imports, newest first; a quarantined import with rejected rows opens its rejects. */
export function ImportLog({ locale, onShowRejects }: { locale: string; onShowRejects: (entry: ImportLogEntry) => void }) {
  const [page, setPage] = useState(1);
  const log = useQuery({
    queryKey: ['imports', page],
    queryFn: ({ signal }) => fetchImportLog(PAGE_SIZE, (page - 1) * PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
  });
  const count = (v: string) => formatPlain(v, locale);
  const columns: Column<ImportLogEntry>[] = [
    { header: 'Started', cell: (e) => formatDateTime(e.started_at, locale), exportValue: (e) => e.started_at },
    { header: 'Entity', cell: (e) => e.entity, exportValue: (e) => e.entity },
    { header: 'File', cell: (e) => e.file_name, exportValue: (e) => e.file_name },
    { header: 'Mapping', cell: (e) => e.mapping ?? '—', exportValue: (e) => e.mapping },
    { header: 'Mode', cell: (e) => e.mode, exportValue: (e) => e.mode },
    { header: 'Status', cell: (e) => e.status, exportValue: (e) => e.status },
    { header: 'Rows read', numeric: true, cell: (e) => count(e.rows_read), exportValue: (e) => Number(e.rows_read) },
    { header: 'Inserted', numeric: true, cell: (e) => count(e.inserted), exportValue: (e) => Number(e.inserted) },
    { header: 'Updated', numeric: true, cell: (e) => count(e.updated), exportValue: (e) => Number(e.updated) },
    { header: 'Rejected', numeric: true, cell: (e) => count(e.rejected), exportValue: (e) => Number(e.rejected) },
    { header: 'By', cell: (e) => e.actor, exportValue: (e) => e.actor },
    {
      header: 'Rejects',
      cell: (e) =>
        e.mode === 'quarantine' && Number(e.rejected) > 0 ? (
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => onShowRejects(e)}
            aria-label={`Show rejects of ${e.file_name} (${e.id})`}
          >
            Show rejects
          </Button>
        ) : (
          '—'
        ),
      exportValue: (e) => e.message,
    },
  ];
  return (
    <QueryState query={log} label="the import log">
      {(items) => (
        <DataTable
          title="Import log"
          columns={columns}
          rows={items}
          rowKey={(e) => e.id}
          fileName="import-log"
          emptyText="No imports yet."
          footer={<Pager label="Import log" page={page} pageSize={PAGE_SIZE} total={null} shown={items.length} onPage={setPage} />}
        />
      )}
    </QueryState>
  );
}
