/** The standard KPI library under kpis/, as files and as a loaded catalog, for tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type KpiCatalog, loadCatalog } from '@cairn/core/metrics';

const KPIS = resolve(dirname(fileURLToPath(import.meta.url)), '../kpis');

export function standardCatalogFiles(): { path: string; text: string }[] {
  return readdirSync(KPIS)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ path: f, text: readFileSync(join(KPIS, f), 'utf8') }));
}

export function standardCatalog(): KpiCatalog {
  const r = loadCatalog(standardCatalogFiles());
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.catalog;
}
