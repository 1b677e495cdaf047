/** Binds the use-case services to a running Cairn for the HTTP layer. */
import type { AppContext } from '../http/app-context';
import { importUpload, UPLOAD_MAX_BYTES } from '../ingest/import-upload';
import { listImports } from '../ingest/list-imports';
import type { Cairn } from './open-cairn';

export function createAppContext(cairn: Cairn, actor: string): AppContext {
  return {
    uploadMaxBytes: UPLOAD_MAX_BYTES,
    health: async () => ({
      status: 'ok',
      store: cairn.store.description,
      reportingCurrency: cairn.settings.reportingCurrency,
      fiscalYearStartMonth: cairn.settings.calendar.startMonth,
    }),
    importUpload: (req) => importUpload(cairn.store, cairn.settings, { ...req, actor }),
    listImports: (page) => listImports(cairn.store, page),
  };
}
