/**
 * Templates are edited through this service (the API calls it): the new text
 * is validated together with every other template, must carry a higher
 * version than the one in force, and is stored as a new row — history is
 * never overwritten. File templates are recorded the same way on each
 * scorecard run, refusing a changed file whose version was not raised.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '@cairn/core/domain';
import type { KpiCatalog } from '@cairn/core/metrics';
import type { ScorecardTemplate } from '@cairn/core/scorecards';
import { param, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';
import { nowTimestamp } from '../metrics/store-kpi-definitions';
import { readScorecardTemplateSet, templateFiles, validateTemplates } from './read-scorecard-templates';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

export async function saveScorecardTemplate(
  store: Store,
  catalog: KpiCatalog,
  input: { yaml: string; actor: string },
): Promise<ScorecardTemplate> {
  const [candidate] = validateTemplates([{ path: 'template', text: input.yaml }], catalog);
  if (!candidate) throw new DomainError('invalid_input', 'the template is empty');
  const current = await readScorecardTemplateSet(store, catalog);
  const existing = current.templates.find((t) => t.id === candidate.id);
  if (existing && candidate.version <= existing.version) {
    throw new DomainError(
      'conflict',
      `template ${candidate.id} is at version ${existing.version}; save it as version ${existing.version + 1}`,
    );
  }
  // The whole set must still hold together (one template per subject, …).
  const others = current.files.filter((_, i) => current.templates[i]?.id !== candidate.id);
  validateTemplates([...others, { path: 'template', text: input.yaml }], catalog);
  await insertVersion(store, candidate, input.yaml, input.actor);
  return candidate;
}

async function insertVersion(store: Store, t: ScorecardTemplate, text: string, actor: string): Promise<void> {
  await store.query(sql`INSERT INTO scorecard_template (template_id, version, definition_sha256, definition, subject, stored_at, stored_by)
    VALUES (${param(t.id)}, ${param(t.version)}, ${param(sha(text))}, ${param(text)}, ${param(JSON.stringify(t.subject))},
      CAST(${param(nowTimestamp())} AS TIMESTAMP), ${param(actor)})`);
}

/** Records each file template's version once; a changed file with the same version is refused. */
export async function storeFileTemplates(store: Store, catalog: KpiCatalog, actor: string): Promise<void> {
  const files = templateFiles();
  const templates = validateTemplates(files, catalog);
  const stored = await store.query<{ template_id: string; version: number; definition_sha256: string }>(
    sql`SELECT template_id, version, definition_sha256 FROM scorecard_template`,
  );
  const known = new Map(stored.map((r) => [`${r.template_id}@${Number(r.version)}`, r.definition_sha256]));
  const conflicts: string[] = [];
  for (const [i, t] of templates.entries()) {
    const text = files[i]?.text ?? '';
    const seen = known.get(`${t.id}@${t.version}`);
    if (seen === undefined) await insertVersion(store, t, text, actor);
    else if (seen !== sha(text)) conflicts.push(`${t.id} version ${t.version}`);
  }
  if (conflicts.length > 0) {
    throw new DomainError(
      'conflict',
      `these scorecard templates changed without a new version: ${conflicts.join(', ')}; raise \`version\``,
      conflicts,
    );
  }
}
