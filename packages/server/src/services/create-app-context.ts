/** Binds the use-case services to a running Cairn for the HTTP layer. */
import type { KpiCatalog } from '@cairn/core/metrics';
import { type ServerCaches, scopedApi } from '../access/scoped-api';
import { DEFAULT_AUTH_POLICY } from '../auth/auth-policy';
import { createAuthContext } from '../auth/create-auth-context';
import type { AppContext } from '../http/app-context';
import { UPLOAD_LIMITS } from '../ingest/import-upload';
import { param, sql } from '@cairn/core/sql';
import { loadOrgIndex } from '../access/load-org-index';
import { readEffectiveCatalog } from '../metrics/custom-kpis';
import { loadScorecardData } from '../scorecards/load-scorecard-data';
import { readKpiCatalog } from '../metrics/read-kpi-catalog';
import { ExclusionCache } from '../scorecards/load-outlier-exclusions';
import { TemplateCache } from '../scorecards/read-scorecard-templates';
import { DataStamp, StampedCache } from './data-stamp';
import type { Cairn } from './open-cairn';

/** `_actor` is unused: every write through the API is attributed to the signed-in viewer. */
export function createAppContext(cairn: Cairn, _actor?: string): AppContext {
  // The standard library until the first request brings in the KPIs defined through the API; after that, the
  // catalog of the latest data stamp (a definition saved here or by another process shows within a second).
  let loaded: KpiCatalog | null = null;
  const catalog = () => {
    loaded ??= readKpiCatalog();
    return loaded;
  };
  const stamp = new DataStamp(cairn.store);
  const caches: ServerCaches = {
    stamp,
    catalog: new StampedCache(stamp, 1),
    templates: new TemplateCache(stamp, cairn.store, catalog),
    exclusions: new ExclusionCache(stamp, cairn.store),
    org: new StampedCache(stamp, 1),
    nodes: new StampedCache(stamp, 20_000),
    scorecards: new StampedCache(stamp, 5_000),
    strategyMaps: new StampedCache(stamp, 1_000),
    series: new StampedCache(stamp, 5_000),
  };
  return {
    uploadMaxBytes: UPLOAD_LIMITS.maxBytes,
    // Tests build a Cairn without a full configuration; they get the default policy.
    auth: createAuthContext(cairn.store, cairn.config?.auth ?? DEFAULT_AUTH_POLICY),
    health: async () => ({
      status: 'ok',
      store: cairn.store.description,
      reportingCurrency: cairn.settings.reportingCurrency,
      fiscalYearStartMonth: cairn.settings.calendar.startMonth,
    }),
    warm: async () => {
      const effective = await caches.catalog.get('catalog', () => readEffectiveCatalog(cairn.store));
      loaded = effective;
      const [root] = await cairn.store.query<{ id: string }>(
        sql`SELECT id FROM org_unit WHERE kind = ${param('enterprise')} ORDER BY id LIMIT 1`,
      );
      if (!root) return;
      const node = { kind: 'enterprise' as const, id: root.id };
      await caches.org.get('org', () => loadOrgIndex(cairn.store));
      const templates = await caches.templates.get();
      await caches.exclusions.get(await loadScorecardData(cairn.store, cairn.settings.calendar, effective, templates, node));
    },
    prepare: async () => {
      loaded = await caches.catalog.get('catalog', () => readEffectiveCatalog(cairn.store));
    },
    as: (viewer) => scopedApi({ store: cairn.store, settings: cairn.settings, catalog: catalog(), caches }, viewer),
  };
}
