/**
 * Loads the scorecard templates (kpis/scorecards/*.yaml, one per file) and
 * checks them against the KPI catalog, reporting every problem in every file
 * at once with a path (`kpis/scorecards/team.yaml:perspectives.financial.
 * objectives.grow.kpis.net_bookings.weight`) and a message. Templates come
 * back only when there is no problem, so scoring can trust every KPI id,
 * weight and band in them. Pure: the caller reads the files.
 */
import { assertNever } from '../domain/assert-never';
import type { Diagnostic } from '../domain/domain-error';
import type { KpiCatalog } from '../metrics/kpi-definition';
import { loadTemplateFile, type TemplateFile } from './load-template-file';

export type { TemplateFile } from './load-template-file';
import type { ScorecardTemplate, TemplateSubject } from './scorecard-types';

export type LoadScorecardTemplatesResult = { ok: true; templates: ScorecardTemplate[] } | { ok: false; diagnostics: Diagnostic[] };

/** Parses and validates templates; two templates may share neither an id nor a subject. */
export function loadScorecardTemplates(files: readonly TemplateFile[], catalog: KpiCatalog): LoadScorecardTemplatesResult {
  const diagnostics: Diagnostic[] = [];
  const templates: ScorecardTemplate[] = [];
  const ids = new Map<string, string>();
  const subjects = new Map<string, string>();
  for (const file of files) {
    const { header, template } = loadTemplateFile(file, catalog, diagnostics);
    if (header !== null) {
      const sameId = ids.get(header.id);
      if (sameId !== undefined)
        diagnostics.push({ path: `${file.path}:id`, message: `template id \`${header.id}\` is already used in ${sameId}` });
      else ids.set(header.id, file.path);
      const key = describeSubject(header.subject);
      const sameSubject = subjects.get(key);
      if (sameSubject !== undefined) {
        diagnostics.push({ path: `${file.path}:applies_to`, message: `${key} already has a template in ${sameSubject}` });
      } else subjects.set(key, file.path);
    }
    if (template !== null) templates.push(template);
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  return { ok: true, templates };
}

function describeSubject(subject: TemplateSubject): string {
  switch (subject.kind) {
    case 'org_level':
      return `level ${subject.level}`;
    case 'rep':
      return subject.style === null ? `role ${subject.role} (any style)` : `role ${subject.role}, style ${subject.style}`;
    default:
      return assertNever(subject, 'template subject');
  }
}
