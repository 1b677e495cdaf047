/**
 * The one place scope is enforced. Routes receive a ScopedApi bound to the
 * viewer and can reach data only through it: every method first checks what
 * the role may do (core/access permissions) and whether the viewer may see
 * the node at the depth asked for, on the day the data is about (core/access
 * canSeeNode); lists are filtered the same way. A refusal is a `forbidden`
 * DomainError naming what was refused and why, which the HTTP layer answers
 * with 403 and logs once as a security event.
 */
import { type AccessConfig, type Action, canSeeNode, DEFAULT_ACCESS, mayDo, type OrgIndex, type ScopeDepth } from '@cairn/core/access';
import type { Viewer } from '@cairn/core/contract';
import { addDays, DomainError, parsePeriod } from '@cairn/core/domain';
import type { BreakdownDimension, KpiCatalog, KpiGrain, NodeKind, OrgNodeRef } from '@cairn/core/metrics';
import type { ScorecardTemplate } from '@cairn/core/scorecards';
import { type AnnotationItem, addAnnotation, listAnnotations } from '../annotations/kpi-annotations';
import type { Store } from '../db/store';
import type { ImportReport } from '../ingest/import-file';
import { exportRejects, listRejects, type RejectRow } from '../ingest/import-rejects';
import { importUpload } from '../ingest/import-upload';
import { type ImportLogRow, listImports } from '../ingest/list-imports';
import { describeShippedMappings } from '../ingest/resolve-mapping';
import type { CompanySettings } from '../db/company-settings';
import { defineKpi } from '../metrics/custom-kpis';
import { type KpiBreakdown, kpiBreakdown } from '../metrics/kpi-breakdown';
import { type KpiExplanation, explainKpi, resolveNode } from '../metrics/explain-kpi';
import { type KpiValuePoint, kpiValueSeries } from '../metrics/kpi-value-series';
import {
  type KpiDefinitionView,
  type KpiVersionRow,
  kpiDefinitionView,
  kpiVersions,
  listKpiDefinitions,
} from '../metrics/list-kpi-definitions';
import { buildStrategyMap, type StrategyMapResult } from '../scorecards/build-strategy-map';
import type { ExclusionCache } from '../scorecards/load-outlier-exclusions';
import type { DataStamp, StampedCache } from '../services/data-stamp';
import { readScorecardTemplates, type TemplateCache } from '../scorecards/read-scorecard-templates';
import { setRegionTolerance, setTargetOverride, type ToleranceRequest } from '../scorecards/set-target-override';
import { type ScorecardView, showScorecard } from '../scorecards/show-scorecard';
import { type NodeListItem, listNodes } from './list-nodes';
import { loadOrgIndex } from './load-org-index';

export interface ScopedDeps {
  store: Store;
  settings: CompanySettings;
  catalog: KpiCatalog;
  access?: AccessConfig;
  /** Today, for scope questions that are not about a period. */
  today?: () => string;
  /** A long-running server's caches, all keyed on one data stamp; absent: everything is read afresh. */
  caches?: ServerCaches;
}

/**
 * What a server keeps between requests. Each holds what is the same for every
 * viewer (the org chart, a node's whole scorecard, a KPI series); scope is
 * applied to it afresh on every request, after the cache.
 */
export interface ServerCaches {
  stamp: DataStamp;
  /** The standard library and the KPIs defined through the API. */
  catalog: StampedCache<KpiCatalog>;
  templates: TemplateCache;
  exclusions: ExclusionCache;
  org: StampedCache<OrgIndex>;
  nodes: StampedCache<OrgNodeRef>;
  scorecards: StampedCache<ScorecardView>;
  strategyMaps: StampedCache<StrategyMapResult>;
  series: StampedCache<KpiValuePoint[]>;
}

export interface ScopedApi {
  viewer: Viewer;
  listKpis(q: { search?: string; perspective?: string; status?: string; limit: number; offset: number }): {
    items: KpiDefinitionView[];
    total: number;
  };
  getKpi(id: string): Promise<{ definition: KpiDefinitionView; versions: KpiVersionRow[] }>;
  /** A KPI value of a node and period by product line, segment or territory; each slice recomputed from its rows. */
  kpiBreakdown(q: { kpiId: string; node: string; period: string; by: BreakdownDimension }): Promise<KpiBreakdown>;
  /** A new KPI (or a new version of one defined before), validated with the whole catalog. */
  defineKpi(q: { yaml: string }): Promise<{ definition: KpiDefinitionView; versions: KpiVersionRow[] }>;
  kpiValues(q: {
    kpiId: string;
    node: string;
    grain: KpiGrain;
    from?: string;
    to?: string;
  }): Promise<{ node: OrgNodeRef; points: KpiValuePoint[] }>;
  explain(q: {
    kpiId: string;
    node: string;
    period: string;
    page: number;
    pageSize: number;
  }): Promise<KpiExplanation & { annotations: AnnotationItem[] }>;
  annotations(q: { kpiId: string; node: string; grain?: KpiGrain; period?: string; limit: number }): Promise<AnnotationItem[]>;
  annotate(q: { kpiId: string; node: string; period: string; body: string }): Promise<AnnotationItem>;
  scorecard(q: { node: string; period: string }): Promise<ScorecardView & { currency: string }>;
  strategyMap(q: { node: string; period: string }): Promise<StrategyMapResult>;
  setTargetOverride(q: {
    kpiId: string;
    node: string;
    period: string;
    value: number;
    reason: string;
  }): Promise<{ kpiId: string; node: string; period: string; value: number }>;
  setTolerance(q: Omit<ToleranceRequest, 'actor'>): Promise<ToleranceRequest>;
  nodes(q: { search?: string; kind?: NodeKind; limit: number }): Promise<NodeListItem[]>;
  importUpload(req: Omit<Parameters<typeof importUpload>[2], 'actor'>): Promise<ImportReport>;
  listImports(page: { limit: number; offset: number }): Promise<ImportLogRow[]>;
  listRejects(q: { importId: string; limit: number; offset: number }): Promise<{ rows: RejectRow[]; total: number }>;
  exportRejects(importId: string): Promise<{ csv: string; rows: number }>;
  mappings(): { name: string; entity: string; description: string }[];
  /** Throws unless the viewer may see the node at this depth on the period's last day. */
  requireNode(node: string, depth: ScopeDepth, period?: string): Promise<OrgNodeRef>;
  requireAction(action: Action): void;
}

export function scopedApi(deps: ScopedDeps, viewer: Viewer): ScopedApi {
  const access = deps.access ?? DEFAULT_ACCESS;
  const today = deps.today ?? (() => new Date().toISOString().slice(0, 10));
  const caches = deps.caches;
  /** Through the server's cache when there is one. */
  const cached = <V extends object>(pick: (c: ServerCaches) => StampedCache<V>, key: string, compute: () => Promise<V>): Promise<V> =>
    caches ? pick(caches).get(key, compute) : compute();
  /** After a write through this server, its next read sees it at once. */
  const wrote = <T>(result: T): T => {
    caches?.stamp.invalidate();
    return result;
  };
  let org: Promise<OrgIndex> | null = null;
  const orgIndex = () => {
    org ??= cached(
      (c) => c.org,
      'org',
      () => loadOrgIndex(deps.store),
    );
    return org;
  };
  const nodeRef = (text: string) =>
    cached(
      (c) => c.nodes,
      text,
      () => resolveNode(deps.store, text),
    );
  let templates: Promise<ScorecardTemplate[]> | null = null;
  const loadTemplates = () => {
    templates ??= caches ? caches.templates.get() : readScorecardTemplates(deps.store, deps.catalog);
    return templates;
  };

  const requireAction = (action: Action): void => {
    if (!mayDo(viewer.role, action)) {
      throw new DomainError('forbidden', `your role (${viewer.role}) may not ${action.replaceAll('_', ' ')}; ask an administrator`);
    }
  };
  const periodEnd = (period: string | undefined): string => {
    if (!period) return today();
    const p = parsePeriod(period, deps.settings.calendar);
    if (!p.ok) throw new DomainError('invalid_input', p.reason);
    return addDays(p.value.end, -1);
  };
  const requireNode = async (node: string, depth: ScopeDepth, period?: string): Promise<OrgNodeRef> => {
    const ref = await nodeRef(node);
    if (!canSeeNode(viewer, ref, depth, await orgIndex(), periodEnd(period), access)) {
      throw new DomainError(
        'forbidden',
        `${ref.kind} ${ref.id} is outside what you may see${period ? ` for ${period}` : ''}; open your own scorecard instead`,
      );
    }
    return ref;
  };

  return {
    viewer,
    requireAction,
    requireNode,
    listKpis: (q) => {
      requireAction('read_catalog');
      return listKpiDefinitions(deps.catalog, q);
    },
    getKpi: async (id) => {
      requireAction('read_catalog');
      const kpi = deps.catalog.kpis.get(id);
      if (!kpi) throw new DomainError('not_found', `no KPI \`${id}\`; see GET /api/v1/kpis`);
      return { definition: kpiDefinitionView(kpi, deps.catalog), versions: await kpiVersions(deps.store, id) };
    },
    kpiBreakdown: async (q) => {
      requireAction('read_values');
      const node = await requireNode(q.node, 'aggregate', q.period);
      return kpiBreakdown(deps.store, deps.settings, deps.catalog, { ...q, node });
    },
    defineKpi: async (q) => {
      requireAction('define_kpis');
      const { kpi, catalog } = wrote(await defineKpi(deps.store, { yaml: q.yaml, actor: viewer.email }));
      return { definition: kpiDefinitionView(kpi, catalog), versions: await kpiVersions(deps.store, kpi.id) };
    },
    kpiValues: async (q) => {
      requireAction('read_values');
      if (!deps.catalog.kpis.has(q.kpiId)) throw new DomainError('not_found', `no KPI \`${q.kpiId}\`; see GET /api/v1/kpis`);
      const ref = await nodeRef(q.node);
      const index = await orgIndex();
      const points = await cached(
        (c) => c.series,
        JSON.stringify([q.kpiId, ref.kind, ref.id, q.grain, q.from ?? null, q.to ?? null]),
        () => kpiValueSeries(deps.store, { kpiId: q.kpiId, node: ref, grain: q.grain, ...pick(q, 'from', 'to') }),
      );
      // Each point is checked on its own period's last day: a rep's months under another manager stay hidden.
      const visible = points.filter((p) => canSeeNode(viewer, ref, 'aggregate', index, periodEnd(p.periodLabel), access));
      if (visible.length === 0 && !canSeeNode(viewer, ref, 'aggregate', index, today(), access)) {
        throw new DomainError('forbidden', `${ref.kind} ${ref.id} is outside what you may see; open your own scorecard instead`);
      }
      return { node: ref, points: visible };
    },
    explain: async (q) => {
      requireAction('read_rows');
      const ref = await requireNode(q.node, 'detail', q.period);
      const explanation = await explainKpi(deps.store, deps.settings, deps.catalog, q);
      const annotations = await listAnnotations(deps.store, {
        kpiId: q.kpiId,
        node: ref,
        periodLabel: explanation.period.label,
        limit: 200,
      });
      return { ...explanation, annotations };
    },
    annotations: async (q) => {
      requireAction('read_values');
      const ref = await nodeRef(q.node);
      const index = await orgIndex();
      if (
        !canSeeNode(viewer, ref, 'aggregate', index, periodEnd(q.period), access) &&
        !canSeeNode(viewer, ref, 'aggregate', index, today(), access)
      ) {
        throw new DomainError('forbidden', `${ref.kind} ${ref.id} is outside what you may see; open your own scorecard instead`);
      }
      const items = await listAnnotations(deps.store, { ...q, node: ref, ...(q.period ? { periodLabel: q.period } : {}) });
      // The same rule as the values they sit on: each comment is visible when its period's value is.
      return items.filter((a) => canSeeNode(viewer, ref, 'aggregate', index, periodEnd(a.periodLabel), access));
    },
    annotate: async (q) => {
      requireAction('annotate');
      const ref = await requireNode(q.node, 'aggregate', q.period);
      return addAnnotation(deps.store, deps.settings, deps.catalog, {
        kpiId: q.kpiId,
        node: ref,
        period: q.period,
        body: q.body,
        authorUserId: viewer.userId,
        authorEmail: viewer.email,
      });
    },
    scorecard: async (q) => {
      requireAction('read_values');
      await requireNode(q.node, 'aggregate', q.period);
      const view = await cached(
        (c) => c.scorecards,
        `${q.node}|${q.period}`,
        async () => showScorecard(deps.store, deps.settings, deps.catalog, await loadTemplates(), q, caches),
      );
      const index = await orgIndex();
      const end = periodEnd(q.period);
      return {
        ...view,
        currency: deps.settings.reportingCurrency,
        parent: view.parent && canSeeNode(viewer, view.parent as OrgNodeRef, 'aggregate', index, end, access) ? view.parent : null,
        children: view.children.filter((c) => canSeeNode(viewer, c.node as OrgNodeRef, 'aggregate', index, end, access)),
      };
    },
    strategyMap: async (q) => {
      requireAction('read_values');
      await requireNode(q.node, 'aggregate', q.period);
      const map = await cached(
        (c) => c.strategyMaps,
        `${q.node}|${q.period}`,
        async () => buildStrategyMap(deps.store, deps.settings, deps.catalog, await loadTemplates(), q, caches),
      );
      return { ...map, view: { ...map.view, children: [], parent: null } };
    },
    setTargetOverride: async (q) => {
      requireAction('set_targets');
      await requireNode(q.node, 'detail', q.period);
      return wrote(await setTargetOverride(deps.store, deps.settings, deps.catalog, { ...q, actor: viewer.email }));
    },
    setTolerance: async (q) => {
      requireAction('set_targets');
      if (viewer.role === 'manager') throw new DomainError('forbidden', 'regional tolerances are set by sales operations; ask them');
      return wrote(await setRegionTolerance(deps.store, deps.catalog, { ...q, actor: viewer.email }));
    },
    importUpload: (req) => {
      requireAction('import_data');
      return importUpload(deps.store, deps.settings, { ...req, actor: viewer.email }).then(wrote);
    },
    listImports: async (page) => {
      requireAction('import_data');
      return listImports(deps.store, page);
    },
    listRejects: async (q) => {
      requireAction('import_data');
      return listRejects(deps.store, q);
    },
    exportRejects: async (importId) => {
      requireAction('import_data');
      return exportRejects(deps.store, importId);
    },
    mappings: () => {
      requireAction('import_data');
      return describeShippedMappings();
    },
    nodes: async (q) => {
      requireAction('read_values');
      const index = await orgIndex();
      const all = await listNodes(deps.store, { ...q, limit: 5000 });
      const day = today();
      return all.filter((n) => canSeeNode(viewer, n, 'aggregate', index, day, access)).slice(0, q.limit);
    },
  };
}

function pick<T extends object, K extends keyof T>(o: T, ...keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
