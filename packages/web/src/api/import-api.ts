import { importLogEntrySchema, importReportSchema } from '@cairn/core/contract';
import { z } from 'zod';
import { apiRequest } from './api-request';

export type ImportReport = z.infer<typeof importReportSchema>;
export type ImportLogEntry = z.infer<typeof importLogEntrySchema>;
export type EntityName = ImportReport['entity'];
export type ImportMode = ImportReport['mode'];
export const ENTITIES: readonly EntityName[] = importReportSchema.shape.entity.options;

const importLogSchema = z.object({ items: z.array(importLogEntrySchema) });
const mappingListSchema = z.object({
  items: z.array(z.object({ name: z.string(), entity: z.string(), description: z.string().nullable().optional() })),
});
export type Mapping = z.infer<typeof mappingListSchema>['items'][number];

const rejectPageSchema = z.object({
  items: z.array(
    z.object({ line: z.number().int(), column: z.string().nullable(), value: z.string().nullable(), reason: z.string(), raw: z.unknown() }),
  ),
  total: z.number().int(),
});
export type RejectPage = z.infer<typeof rejectPageSchema>;

export interface UploadRequest {
  entity: EntityName;
  mode: ImportMode;
  mapping: string | null;
  file: File;
  /** The quarantined import that this corrected file resolves. */
  resolves: string | null;
}

/** The file goes as multipart/form-data (one part, `file`), streamed by the server to disk within its byte and row limits; a rejected import (422) still answers with its report. */
export function uploadImport(req: UploadRequest): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', req.file, req.file.name);
  return apiRequest(`/imports/${encodeURIComponent(req.entity)}`, importReportSchema, {
    method: 'POST',
    query: { mode: req.mode, mapping: req.mapping, file_name: req.file.name, resolves: req.resolves },
    body: form,
    answerStatuses: [422],
  });
}

export function fetchImportLog(limit: number, offset: number, signal?: AbortSignal): Promise<ImportLogEntry[]> {
  return apiRequest('/imports', importLogSchema, { query: { limit, offset }, signal }).then((r) => r.items);
}

export function fetchMappings(signal?: AbortSignal): Promise<Mapping[]> {
  return apiRequest('/mappings', mappingListSchema, { signal }).then((r) => r.items);
}

export function fetchRejects(importId: string, limit: number, offset: number, signal?: AbortSignal): Promise<RejectPage> {
  return apiRequest(`/imports/${encodeURIComponent(importId)}/rejects`, rejectPageSchema, { query: { limit, offset }, signal });
}
