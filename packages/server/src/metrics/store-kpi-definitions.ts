/**
 * Stores each KPI definition of a catalog with its version. A version is
 * written once: the same (id, version) with different content is refused, so
 * a changed definition must carry a new version and history is never
 * overwritten. Returns the stored version of every KPI.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '@cairn/core/domain';
import type { KpiCatalog, KpiDef } from '@cairn/core/metrics';
import { kpiMeasures } from '@cairn/core/metrics';
import { param, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';

/** The stored form of a definition: the KPI and the measures it reads, without parse trees. */
export function definitionDocument(kpi: KpiDef, catalog: KpiCatalog): string {
  const { formula: _tree, source: _source, ...rest } = kpi;
  const measures = kpiMeasures(kpi, catalog)
    // A field added to the language later (`top`) is left out while unset, so a definition that did not
    // change keeps the document — and the hash — it was stored with, and an upgrade needs no new versions.
    .map(({ field: _f, filter: _g, top, ...m }) => (top === null ? m : { ...m, top }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return JSON.stringify({ ...rest, measures });
}

export function nowTimestamp(): string {
  return new Date().toISOString().replace('T', ' ').replace('Z', '').slice(0, 19);
}

export async function storeKpiDefinitions(store: Store, catalog: KpiCatalog, actor: string): Promise<Map<string, number>> {
  const stored = await store.query<{ kpi_id: string; version: number; definition_sha256: string }>(
    sql`SELECT kpi_id, version, definition_sha256 FROM kpi_definition`,
  );
  const known = new Map(stored.map((r) => [`${r.kpi_id}@${Number(r.version)}`, r.definition_sha256]));
  const conflicts: string[] = [];
  const inserts: { kpi: KpiDef; doc: string; sha: string }[] = [];
  for (const kpi of catalog.kpis.values()) {
    const doc = definitionDocument(kpi, catalog);
    const sha = createHash('sha256').update(doc).digest('hex');
    const seen = known.get(`${kpi.id}@${kpi.version}`);
    if (seen === undefined) inserts.push({ kpi, doc, sha });
    else if (seen !== sha) conflicts.push(`${kpi.id} version ${kpi.version}`);
  }
  if (conflicts.length > 0) {
    throw new DomainError(
      'conflict',
      `these KPI definitions changed without a new version: ${conflicts.join(', ')}; raise \`version\` (and effective_from) to keep history`,
      conflicts,
    );
  }
  const at = nowTimestamp();
  await store.session((s) =>
    s.transaction(async () => {
      for (const { kpi, doc, sha } of inserts) {
        await s.query(sql`INSERT INTO kpi_definition (kpi_id, version, definition_sha256, definition, status, effective_from, stored_at, stored_by)
          VALUES (${param(kpi.id)}, ${param(kpi.version)}, ${param(sha)}, ${param(doc)}, ${param(kpi.status)}, CAST(${param(kpi.effectiveFrom)} AS DATE),
            CAST(${param(at)} AS TIMESTAMP), ${param(actor)})`);
      }
    }),
  );
  return new Map([...catalog.kpis.values()].map((k) => [k.id, k.version]));
}
