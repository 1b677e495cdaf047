/** Binds the use-case services to a running Cairn for the HTTP layer. */
import type { KpiCatalog } from '@cairn/core/metrics';
import { scopedApi } from '../access/scoped-api';
import { DEFAULT_AUTH_POLICY } from '../auth/auth-policy';
import { createAuthContext } from '../auth/create-auth-context';
import type { AppContext } from '../http/app-context';
import { UPLOAD_MAX_BYTES } from '../ingest/import-upload';
import { readKpiCatalog } from '../metrics/read-kpi-catalog';
import { ExclusionCache } from '../scorecards/load-outlier-exclusions';
import { TemplateCache } from '../scorecards/read-scorecard-templates';
import type { Cairn } from './open-cairn';

/** `_actor` is unused: every write through the API is attributed to the signed-in viewer. */
export function createAppContext(cairn: Cairn, _actor?: string): AppContext {
  let loaded: KpiCatalog | null = null;
  // The catalog is read once, when first needed (a server that only imports never parses it).
  const catalog = () => {
    loaded ??= readKpiCatalog();
    return loaded;
  };
  const caches = { templates: new TemplateCache(cairn.store, catalog), exclusions: new ExclusionCache(cairn.store) };
  return {
    uploadMaxBytes: UPLOAD_MAX_BYTES,
    // Tests build a Cairn without a full configuration; they get the default policy.
    auth: createAuthContext(cairn.store, cairn.config?.auth ?? DEFAULT_AUTH_POLICY),
    health: async () => ({
      status: 'ok',
      store: cairn.store.description,
      reportingCurrency: cairn.settings.reportingCurrency,
      fiscalYearStartMonth: cairn.settings.calendar.startMonth,
    }),
    as: (viewer) => scopedApi({ store: cairn.store, settings: cairn.settings, catalog: catalog(), caches }, viewer),
  };
}
