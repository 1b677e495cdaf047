import { Button, Group, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchRejects, type RejectPage } from '../../api/import-api';
import { type Column, DataTable } from '../../ui/data-table';
import { Pager } from '../../ui/pager';
import { QueryState } from '../../ui/states';

type Reject = RejectPage['items'][number];
const PAGE_SIZE = 50;
const EXPORT_PAGE = 500;
/** An export of every reject stops here; the CLI's `cairn rejects` has the rest. */
const EXPORT_CAP = 20_000;

const rawText = (r: Reject) => (typeof r.raw === 'string' ? r.raw : r.raw === null || r.raw === undefined ? '' : JSON.stringify(r.raw));

const COLUMNS: Column<Reject>[] = [
  { header: 'Line', numeric: true, cell: (r) => r.line, exportValue: (r) => r.line },
  { header: 'Column', cell: (r) => r.column ?? '—', exportValue: (r) => r.column },
  { header: 'Value', cell: (r) => (r.value === null ? '—' : <code>{r.value}</code>), exportValue: (r) => r.value },
  { header: 'Reason', cell: (r) => r.reason, exportValue: (r) => r.reason },
  { header: 'Raw row', cell: (r) => <code>{rawText(r)}</code>, exportValue: rawText },
];

/** A quarantined import's held rows: page through them, export them all to correct, and re-import the corrected file. */
export function RejectsPanel({ importId, onReimport }: { importId: string; onReimport: () => void }) {
  const [page, setPage] = useState(1);
  const rejects = useQuery({
    queryKey: ['rejects', importId, page],
    queryFn: ({ signal }) => fetchRejects(importId, PAGE_SIZE, (page - 1) * PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
  });
  const exportAll = async (): Promise<Reject[]> => {
    const all: Reject[] = [];
    for (let offset = 0; offset < EXPORT_CAP; offset += EXPORT_PAGE) {
      const next = await fetchRejects(importId, EXPORT_PAGE, offset);
      all.push(...next.items);
      if (next.items.length < EXPORT_PAGE || all.length >= next.total) break;
    }
    return all;
  };
  return (
    <section aria-labelledby="rejects-heading">
      <Group justify="space-between" mt="lg">
        <Title order={2} size="h4" id="rejects-heading">
          Rejects of import {importId}
        </Title>
        <Button size="xs" onClick={onReimport}>
          Re-import corrected file
        </Button>
      </Group>
      <QueryState query={rejects} label="the rejected rows">
        {(data) => (
          <DataTable
            title="Rejected rows"
            headingOrder={3}
            description="Export them, correct the rows, then re-import the corrected file: the import it resolves is recorded."
            columns={COLUMNS}
            rows={data.items}
            rowKey={(r, i) => `${r.line}-${r.column ?? ''}-${i}`}
            fileName={`rejects-${importId}`}
            exportRows={exportAll}
            emptyText="No rejected rows: nothing to correct."
            footer={
              <Pager label="Rejected rows" page={page} pageSize={PAGE_SIZE} total={data.total} shown={data.items.length} onPage={setPage} />
            }
          />
        )}
      </QueryState>
    </section>
  );
}
