import { Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { type EntityName, type ImportLogEntry, ENTITIES, uploadImport } from '../../api/import-api';
import { browserLocale } from '../../ui/format';
import { ErrorState } from '../../ui/states';
import { ImportLog } from './import-log';
import { ImportReportView } from './import-report-view';
import { RejectsPanel } from './rejects-panel';
import { type UploadChoice, UploadForm } from './upload-form';

/** `/imports`: upload a file, read its report by row, and correct quarantined rows by re-importing with `resolves`. */
export function ImportsPage() {
  const locale = browserLocale();
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [entity, setEntity] = useState<EntityName>(
    ENTITIES.includes('opportunity' as EntityName) ? ('opportunity' as EntityName) : (ENTITIES[0] as EntityName),
  );
  const [resolves, setResolves] = useState<string | null>(null);
  const [rejectsOf, setRejectsOf] = useState<{ id: string; entity: string } | null>(null);
  const upload = useMutation({
    mutationFn: (choice: UploadChoice) => uploadImport({ ...choice, resolves }),
    onSuccess: (report) => {
      setResolves(null);
      setRejectsOf(report.mode === 'quarantine' && report.rejectedRows > 0 ? { id: report.importId, entity: report.entity } : null);
      void queryClient.invalidateQueries({ queryKey: ['imports'] });
    },
  });
  const reimport = (importId: string, importEntity: string) => {
    setResolves(importId);
    if ((ENTITIES as readonly string[]).includes(importEntity)) setEntity(importEntity as EntityName);
    fileInput.current?.focus();
  };
  const showRejects = (entry: ImportLogEntry) => setRejectsOf({ id: entry.id, entity: entry.entity });
  return (
    <>
      <Title order={1}>Imports</Title>
      <Text c="dimmed" size="sm" mb="md">
        Upload a CSV export from your CRM or ERP. Atomic mode writes all rows or none; quarantine mode writes the good rows and holds the
        bad ones until a corrected file resolves them.
      </Text>
      <UploadForm
        entity={entity}
        onEntity={setEntity}
        resolves={resolves}
        onCancelResolve={() => setResolves(null)}
        uploading={upload.isPending}
        onUpload={(choice) => upload.mutate(choice)}
        fileInput={fileInput}
      />
      {upload.isError && <ErrorState error={upload.error} />}
      {upload.data && <ImportReportView report={upload.data} locale={locale} />}
      {rejectsOf && <RejectsPanel key={rejectsOf.id} importId={rejectsOf.id} onReimport={() => reimport(rejectsOf.id, rejectsOf.entity)} />}
      <ImportLog locale={locale} onShowRejects={showRejects} />
    </>
  );
}
