/**
 * Scorecard templates: the YAML files under kpis/scorecards/, overlaid by
 * versions saved through the service (a saved version wins when it is newer
 * than the file's). All are validated together against the KPI catalog; a
 * set with problems is refused with every diagnostic.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DomainError } from '@cairn/core/domain';
import type { KpiCatalog } from '@cairn/core/metrics';
import { loadScorecardTemplates, type ScorecardTemplate } from '@cairn/core/scorecards';
import { sql } from '@cairn/core/sql';
import type { Store } from '../db/store';
import { type DataStamp, StampedCache } from '../services/data-stamp';
import { STANDARD_KPI_DIR } from '../metrics/read-kpi-catalog';

export const STANDARD_SCORECARD_DIR = resolve(STANDARD_KPI_DIR, 'scorecards');

export interface TemplateFile {
  path: string;
  text: string;
}

export function templateFiles(dir: string = STANDARD_SCORECARD_DIR): TemplateFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'));
  } catch {
    throw new DomainError('not_found', `no scorecard template folder at ${dir}`);
  }
  return names.sort().map((f) => ({ path: relative(process.cwd(), join(dir, f)) || f, text: readFileSync(join(dir, f), 'utf8') }));
}

/** Validates a set of template texts; throws with every problem listed. */
export function validateTemplates(files: TemplateFile[], catalog: KpiCatalog): ScorecardTemplate[] {
  const result = loadScorecardTemplates(files, catalog);
  if (!result.ok) {
    throw new DomainError(
      'invalid_input',
      `the scorecard templates have ${result.diagnostics.length} problem(s):\n${result.diagnostics.map((d) => `  ${d.path}: ${d.message}`).join('\n')}`,
      result.diagnostics,
    );
  }
  return result.templates;
}

/** The template texts in force — files overlaid by newer saved versions — with each parsed template at the same index. */
export async function readScorecardTemplateSet(
  store: Store | null,
  catalog: KpiCatalog,
  dir?: string,
): Promise<{ files: TemplateFile[]; templates: ScorecardTemplate[] }> {
  const files = templateFiles(dir);
  const fromFiles = validateTemplates(files, catalog);
  if (!store) return { files, templates: fromFiles };
  const saved = await store.query<{ template_id: string; version: number; definition: string }>(
    sql`SELECT t.template_id, t.version, t.definition FROM scorecard_template t
      WHERE t.version = (SELECT MAX(u.version) FROM scorecard_template u WHERE u.template_id = t.template_id)`,
  );
  const byId = new Map(fromFiles.map((t, i) => [t.id, i]));
  const merged = [...files];
  for (const s of saved) {
    const i = byId.get(s.template_id);
    const fileVersion = i === undefined ? 0 : (fromFiles[i]?.version ?? 0);
    if (Number(s.version) <= fileVersion) continue;
    const entry = { path: `saved:${s.template_id}@${s.version}`, text: s.definition };
    if (i === undefined) merged.push(entry);
    else merged[i] = entry;
  }
  return { files: merged, templates: validateTemplates(merged, catalog) };
}

export async function readScorecardTemplates(store: Store | null, catalog: KpiCatalog, dir?: string): Promise<ScorecardTemplate[]> {
  return (await readScorecardTemplateSet(store, catalog, dir)).templates;
}

/**
 * Templates for a long-running server: parsed once per data stamp (which
 * covers every saved template), shared by every request in between.
 */
export class TemplateCache {
  private readonly cache: StampedCache<ScorecardTemplate[]>;

  constructor(
    stamp: DataStamp,
    private readonly store: Store,
    private readonly catalog: () => KpiCatalog,
  ) {
    this.cache = new StampedCache(stamp, 1);
  }

  get(): Promise<ScorecardTemplate[]> {
    return this.cache.get('templates', () => readScorecardTemplates(this.store, this.catalog()));
  }
}
