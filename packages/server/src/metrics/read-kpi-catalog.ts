/**
 * Reads the KPI catalog from a folder of YAML files (the standard library in
 * `kpis/` by default) and validates it. A catalog with problems is refused
 * with every diagnostic attached, never half-loaded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError } from '@cairn/core/domain';
import { type CatalogFile, type KpiCatalog, loadCatalog } from '@cairn/core/metrics';

/** The standard library shipped with Cairn. */
export const STANDARD_KPI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../kpis');

/** The YAML files of a catalog folder, in name order. */
export function catalogFiles(dir: string = STANDARD_KPI_DIR): CatalogFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'));
  } catch {
    throw new DomainError('not_found', `no KPI catalog folder at ${dir}`);
  }
  return names.sort().map((f) => ({ path: relative(process.cwd(), join(dir, f)) || f, text: readFileSync(join(dir, f), 'utf8') }));
}

export function readKpiCatalog(dir: string = STANDARD_KPI_DIR): KpiCatalog {
  return validatedCatalog(catalogFiles(dir));
}

/** A catalog from its files, or a refusal with every diagnostic. */
export function validatedCatalog(files: readonly CatalogFile[]): KpiCatalog {
  const result = loadCatalog(files);
  if (!result.ok) {
    throw new DomainError(
      'invalid_input',
      `the KPI catalog has ${result.diagnostics.length} problem(s):\n${result.diagnostics.map((d) => `  ${d.path}: ${d.message}`).join('\n')}`,
      result.diagnostics,
    );
  }
  return result.catalog;
}
