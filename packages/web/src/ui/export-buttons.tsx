import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { type ExportData, exportCsv, exportXlsx } from './export-table';

/** "Export CSV" and "Export XLSX": the names the browser journeys look for. */
export function ExportButtons({ fileName, data }: { fileName: string; data: () => ExportData | Promise<ExportData> }) {
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const run = async (kind: 'csv' | 'xlsx') => {
    setBusy(kind);
    setFailed(null);
    try {
      const d = await data();
      if (kind === 'csv') exportCsv(d, fileName);
      else await exportXlsx(d, fileName);
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Group gap="xs">
      <Button size="xs" variant="default" loading={busy === 'csv'} onClick={() => void run('csv')}>
        Export CSV
      </Button>
      <Button size="xs" variant="default" loading={busy === 'xlsx'} onClick={() => void run('xlsx')}>
        Export XLSX
      </Button>
      {failed && (
        <span role="alert" style={{ color: 'var(--mantine-color-red-8)', fontSize: 'var(--mantine-font-size-sm)' }}>
          Export failed: {failed}
        </span>
      )}
    </Group>
  );
}
