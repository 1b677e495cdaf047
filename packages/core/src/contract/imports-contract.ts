/** HTTP contract of imports, shared by the server and the web app. */
import { z } from 'zod';
import { ENTITY_NAMES } from '../model/entity-spec';

export const rowErrorSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  reason: z.string(),
});

export const importReportSchema = z.object({
  importId: z.string(),
  entity: z.enum(ENTITY_NAMES),
  file: z.string(),
  sha256: z.string(),
  mode: z.enum(['atomic', 'quarantine']),
  status: z.enum(['committed', 'rejected']),
  rowsRead: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejectedRows: z.number().int(),
  errorCount: z.number().int(),
  /** The first errors; the full list is in import_reject (quarantine) or the CLI's --report. */
  errors: z.array(rowErrorSchema),
  durationMs: z.number(),
  phases: z.array(z.object({ phase: z.string(), ms: z.number() })),
});

export const importQuerySchema = z.object({
  mode: z.enum(['atomic', 'quarantine']).default('atomic'),
  mapping: z
    .string()
    .regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'a shipped mapping name such as maven-crm/opportunity')
    .optional(),
  /** The file's name in reports; default: the multipart part's file name, else upload.csv. */
  file_name: z.string().min(1).max(200).optional(),
  resolves: z.string().uuid().optional(),
});

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const importLogEntrySchema = z.object({
  id: z.string(),
  entity: z.string(),
  file_name: z.string(),
  file_sha256: z.string(),
  mapping: z.string().nullable(),
  actor: z.string(),
  mode: z.string(),
  status: z.string(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  rows_read: z.string(),
  inserted: z.string(),
  updated: z.string(),
  unchanged: z.string(),
  rejected: z.string(),
  message: z.string().nullable(),
});

export const MAX_ERRORS_IN_RESPONSE = 1000;

export const mappingListSchema = z.object({
  items: z.array(z.object({ name: z.string(), entity: z.string(), description: z.string() })),
});

export const rejectListSchema = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      line: z.number().int(),
      column: z.string().nullable(),
      value: z.string().nullable(),
      reason: z.string(),
      raw: z.string().nullable(),
    }),
  ),
});
