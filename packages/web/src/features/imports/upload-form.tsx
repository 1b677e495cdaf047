import { Alert, Button, Group, NativeSelect, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type RefObject, useId, useState } from 'react';
import { ENTITIES, type EntityName, fetchMappings, type ImportMode } from '../../api/import-api';

export interface UploadChoice {
  entity: EntityName;
  mode: ImportMode;
  mapping: string | null;
  file: File;
}

const MODES: { value: ImportMode; label: string }[] = [
  { value: 'atomic', label: 'Atomic: all rows or none' },
  { value: 'quarantine', label: 'Quarantine: import good rows, hold bad ones' },
];

/** Entity, mapping, mode and the file; the file goes to the API as a multipart upload. */
export function UploadForm(props: {
  entity: EntityName;
  onEntity: (entity: EntityName) => void;
  resolves: string | null;
  onCancelResolve: () => void;
  uploading: boolean;
  onUpload: (choice: UploadChoice) => void;
  fileInput: RefObject<HTMLInputElement | null>;
}) {
  const { entity } = props;
  const [mode, setMode] = useState<ImportMode>('atomic');
  const [mapping, setMapping] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const fileId = useId();
  const mappings = useQuery({ queryKey: ['mappings'], queryFn: ({ signal }) => fetchMappings(signal), staleTime: 10 * 60_000 });
  const forEntity = (mappings.data ?? []).filter((m) => m.entity === entity);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setMissingFile(true);
      return;
    }
    props.onUpload({ entity, mode, mapping: mapping || null, file });
  };
  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} aria-label="New import">
      <Stack gap="sm">
        {props.resolves && (
          <Alert color="blue" variant="light" title="Re-importing a corrected file">
            <Group justify="space-between">
              <Text size="sm">This upload resolves the rejects of import {props.resolves}.</Text>
              <Button size="xs" variant="default" onClick={props.onCancelResolve}>
                Cancel re-import
              </Button>
            </Group>
          </Alert>
        )}
        <Group align="flex-end" wrap="wrap">
          <NativeSelect
            label="Entity"
            value={entity}
            onChange={(e) => {
              props.onEntity(e.currentTarget.value as EntityName);
              setMapping('');
            }}
            data={ENTITIES.map((en) => ({ value: en, label: en.replace(/_/g, ' ') }))}
          />
          <NativeSelect
            label="Mapping"
            value={mapping}
            onChange={(e) => setMapping(e.currentTarget.value)}
            data={[{ value: '', label: 'None: canonical columns' }, ...forEntity.map((m) => ({ value: m.name, label: m.name }))]}
            description={
              mappings.isError
                ? 'Could not load the mappings.'
                : forEntity.find((m) => m.name === mapping)?.description || 'How the file’s columns map to Cairn’s'
            }
          />
          <NativeSelect label="Mode" value={mode} onChange={(e) => setMode(e.currentTarget.value as ImportMode)} data={MODES} />
        </Group>
        <div>
          <label htmlFor={fileId} className="file-label">
            File
          </label>
          <input
            id={fileId}
            ref={props.fileInput}
            className="file-input"
            type="file"
            accept=".csv,.jsonl,.ndjson,text/csv"
            aria-describedby={`${fileId}-hint`}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setMissingFile(false);
            }}
          />
          <Text size="xs" c={missingFile ? 'red.8' : 'dimmed'} id={`${fileId}-hint`} role={missingFile ? 'alert' : undefined}>
            {missingFile
              ? 'Choose a file to upload first.'
              : 'A CSV file (or JSON lines), sent as it is; the server states its size and row limits.'}
          </Text>
        </div>
        <div>
          <Button type="submit" loading={props.uploading}>
            Upload
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}
