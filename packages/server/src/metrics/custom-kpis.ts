/**
 * KPI definitions created through the service (the API's POST /api/v1/kpis
 * and `cairn kpi define` call it), beside the standard library's YAML files.
 * A definition is the same YAML a catalog file holds — one KPI under `kpis:`
 * and any new measures it reads under `measures:` — and is validated together
 * with the whole catalog, every problem reported at once. Each version is
 * stored once and never overwritten; a changed definition must raise its
 * version. The standard library's own KPIs change in `kpis/` with the product
 * (and a version), not here: a company defines its own under a new id.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '@cairn/core/domain';
import { type CatalogFile, type KpiCatalog, type KpiDef, kpiOfDefinitionText } from '@cairn/core/metrics';
import { param, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';
import { catalogFiles, STANDARD_KPI_DIR, validatedCatalog } from './read-kpi-catalog';
import { nowTimestamp, storeKpiDefinitions } from './store-kpi-definitions';

const savedPath = (id: string, version: number) => `saved:${id}@${version}`;

/** The latest stored version of each defined KPI, as catalog files. */
async function savedFiles(store: Store): Promise<(CatalogFile & { kpiId: string; version: number })[]> {
  const rows = await store.query<{ kpi_id: string; version: number; definition: string }>(
    sql`SELECT c.kpi_id, c.version, c.definition FROM custom_kpi c
      WHERE c.version = (SELECT MAX(d.version) FROM custom_kpi d WHERE d.kpi_id = c.kpi_id) ORDER BY c.kpi_id`,
  );
  return rows.map((r) => ({
    kpiId: r.kpi_id,
    version: Number(r.version),
    path: savedPath(r.kpi_id, Number(r.version)),
    text: r.definition,
  }));
}

/** The catalog in force: the standard library (or `dir`) and every KPI defined through the service. */
export async function readEffectiveCatalog(store: Store, dir: string = STANDARD_KPI_DIR): Promise<KpiCatalog> {
  return validatedCatalog([...catalogFiles(dir), ...(await savedFiles(store))]);
}

export async function defineKpi(
  store: Store,
  input: { yaml: string; actor: string },
  dir: string = STANDARD_KPI_DIR,
): Promise<{ kpi: KpiDef; catalog: KpiCatalog }> {
  const { id, version } = kpiOfDefinitionText(input.yaml);
  const standard = catalogFiles(dir);
  if (validatedCatalog(standard).kpis.has(id)) {
    throw new DomainError(
      'conflict',
      `\`${id}\` is a standard-library KPI, which changes in kpis/ with a new version; define your own KPI under a new id`,
    );
  }
  const saved = await savedFiles(store);
  const previous = saved.find((f) => f.kpiId === id);
  if (previous && !(version > previous.version)) {
    throw new DomainError(
      'conflict',
      `KPI \`${id}\` is at version ${previous.version}; save the change as version ${previous.version + 1}`,
    );
  }
  const catalog = validatedCatalog([
    ...standard,
    ...saved.filter((f) => f.kpiId !== id),
    { path: savedPath(id, version), text: input.yaml },
  ]);
  const kpi = catalog.kpis.get(id) as KpiDef;
  const sha = createHash('sha256').update(input.yaml).digest('hex');
  await store.query(sql`INSERT INTO custom_kpi (kpi_id, version, definition_sha256, definition, stored_at, stored_by)
    VALUES (${param(id)}, ${param(kpi.version)}, ${param(sha)}, ${param(input.yaml)}, CAST(${param(nowTimestamp())} AS TIMESTAMP), ${param(input.actor)})`);
  await storeKpiDefinitions(store, catalog, input.actor);
  return { kpi, catalog };
}
