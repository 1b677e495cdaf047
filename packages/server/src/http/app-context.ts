/**
 * What routes may call: one function per use case, bound to the running
 * Cairn. Routes never see the store.
 */
import type { Readable } from 'node:stream';
import type { EntityName } from '@cairn/core/model';
import type { ImportMode, ImportReport } from '../ingest/import-file';
import type { ImportLogRow } from '../ingest/list-imports';

export interface AppContext {
  uploadMaxBytes: number;
  health(): Promise<{ status: 'ok'; store: string; reportingCurrency: string; fiscalYearStartMonth: number }>;
  importUpload(req: {
    entity: EntityName;
    body: Readable;
    fileName: string;
    mapping?: string;
    mode: ImportMode;
    resolves?: string;
  }): Promise<ImportReport>;
  listImports(page: { limit: number; offset: number }): Promise<ImportLogRow[]>;
}
