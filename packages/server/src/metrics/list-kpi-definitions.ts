/**
 * The KPI catalog as readers browse it: every definition in force, searchable
 * by id, name, description or owner and filterable by perspective and status,
 * with the versions stored for each (a changed definition is a new version).
 */
import { type BreakdownDimension, breakdownDimensions, type KpiCatalog, type KpiDef } from '@cairn/core/metrics';
import { param, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';

export interface KpiDefinitionView {
  id: string;
  name: string;
  description: string;
  perspective: string;
  unit: string;
  direction: string;
  indicator: string;
  frequency: string;
  owner: string;
  rationale: string;
  formula: string;
  aggregation: string;
  status: string;
  version: number;
  effectiveFrom: string;
  /** The dimensions its value can be broken down by (GET /api/v1/kpis/:id/breakdown). */
  breakdowns: BreakdownDimension[];
}

export function kpiDefinitionView(k: KpiDef, catalog: KpiCatalog): KpiDefinitionView {
  return {
    id: k.id,
    name: k.name,
    description: k.description,
    perspective: k.perspective,
    unit: k.unit,
    direction: k.direction,
    indicator: k.indicator,
    frequency: k.frequency,
    owner: k.owner,
    rationale: k.rationale,
    formula: k.formulaText,
    aggregation: k.aggregation,
    status: k.status,
    version: k.version,
    effectiveFrom: k.effectiveFrom,
    breakdowns: breakdownDimensions(k, catalog),
  };
}

export function listKpiDefinitions(
  catalog: KpiCatalog,
  q: { search?: string; perspective?: string; status?: string; limit: number; offset: number },
): { items: KpiDefinitionView[]; total: number } {
  const needle = q.search?.trim().toLowerCase();
  const all = [...catalog.kpis.values()]
    .filter((k) => !q.perspective || k.perspective === q.perspective)
    .filter((k) => !q.status || k.status === q.status)
    .filter((k) => !needle || [k.id, k.name, k.description, k.owner].some((t) => t.toLowerCase().includes(needle)))
    .sort((a, b) => a.perspective.localeCompare(b.perspective) || a.name.localeCompare(b.name));
  return { items: all.slice(q.offset, q.offset + q.limit).map((k) => kpiDefinitionView(k, catalog)), total: all.length };
}

export interface KpiVersionRow {
  version: number;
  status: string;
  effective_from: string;
  stored_at: string;
  stored_by: string;
  definition_sha256: string;
}

export async function kpiVersions(store: Store, kpiId: string): Promise<KpiVersionRow[]> {
  const rows = await store.query<KpiVersionRow>(
    sql`SELECT version, status, CAST(effective_from AS VARCHAR) AS effective_from, CAST(stored_at AS VARCHAR) AS stored_at, stored_by, definition_sha256
      FROM kpi_definition WHERE kpi_id = ${param(kpiId)} ORDER BY version`,
  );
  return rows.map((r) => ({ ...r, version: Number(r.version) }));
}
