/**
 * One scorecard template file, parsed and checked against the KPI catalog.
 * Every problem in the file is added to the diagnostics; the template comes
 * back only when the file has none. Checks that span files (duplicate ids and
 * subjects) belong to loadScorecardTemplates, which gets the header for them.
 */
import { parseDocument } from 'yaml';
import type { Diagnostic } from '../domain/domain-error';
import { type KpiCatalog, PERSPECTIVES, type Perspective } from '../metrics/kpi-definition';
import { checkObjectiveLinks } from './check-objective-links';
import { checkOutlierRules } from './check-outlier-rules';
import { checkTemplateKpi } from './check-template-kpi';
import { checkWeightSum } from './check-weight-sum';
import type { ScorecardTemplate, TemplateObjective, TemplateSubject } from './scorecard-types';
import {
  OBJECTIVE_ENTRY,
  PERSPECTIVE_ENTRY,
  parseAt,
  parseWeight,
  pathOf,
  TEMPLATE_BODY,
  TEMPLATE_HEADER,
  TEMPLATE_KEYS,
  TEMPLATE_NAME,
} from './template-schema';
import type { z } from 'zod';

export interface TemplateFile {
  path: string;
  text: string;
}

export interface LoadedTemplateFile {
  /** Id and subject when the header is valid, for the checks across files. */
  header: { id: string; subject: TemplateSubject } | null;
  template: ScorecardTemplate | null;
}

/** Parses and checks one template file, adding each problem to `diagnostics`. */
export function loadTemplateFile(file: TemplateFile, catalog: KpiCatalog, diagnostics: Diagnostic[]): LoadedTemplateFile {
  const before = diagnostics.length;
  const base = `${file.path}:`;
  const doc = parseDocument(file.text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) diagnostics.push({ path: file.path, message: `YAML: ${e.message.split('\n')[0]}` });
    return { header: null, template: null };
  }
  const raw: unknown = doc.toJS();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    diagnostics.push({ path: file.path, message: 'a template must be a mapping with id, name, applies_to, perspectives, …' });
    return { header: null, template: null };
  }
  parseAt(TEMPLATE_KEYS, raw, base, diagnostics);
  const top = parseAt(TEMPLATE_HEADER, raw, base, diagnostics);
  const subject = top === null ? null : toSubject(top.applies_to, pathOf(base, 'applies_to'), diagnostics);
  const header = top !== null && subject !== null ? { id: top.id, subject } : null;
  const body = parseAt(TEMPLATE_BODY, raw, base, diagnostics);
  if (body === null) return { header, template: null };

  const seen: Seen = { catalog, objectiveIds: new Map(), kpiPaths: new Map() };
  const perspectives = checkWeighted(body.perspectives, base, 'perspectives', 'perspective', diagnostics, (name, value, path, weight) => {
    if (!(PERSPECTIVES as readonly string[]).includes(name)) {
      diagnostics.push({ path, message: `unknown perspective \`${name}\` (${PERSPECTIVES.join(', ')})` });
      return null;
    }
    const perspective = name as Perspective;
    const entry = parseAt(PERSPECTIVE_ENTRY, value, path, diagnostics);
    if (entry === null) return null;
    const objectives = checkObjectives(entry.objectives, perspective, path, seen, diagnostics);
    return weight === null ? null : { perspective, weight, objectives };
  });
  if (subject?.kind === 'org_level') {
    const missing = PERSPECTIVES.filter((p) => !(p in body.perspectives));
    if (missing.length > 0) {
      diagnostics.push({
        path: pathOf(base, 'perspectives'),
        message: `an org-level scorecard needs all four perspectives; missing ${missing.join(', ')}`,
      });
    }
  }
  const links = checkObjectiveLinks(body.links, new Set(seen.objectiveIds.keys()), pathOf(base, 'links'), diagnostics);
  const exceptions = checkOutlierRules(body.exceptions, new Set(seen.kpiPaths.keys()), catalog, pathOf(base, 'exceptions'), diagnostics);

  if (diagnostics.length > before || top === null || subject === null || links === null || exceptions === null) {
    return { header, template: null };
  }
  perspectives.sort((a, b) => PERSPECTIVES.indexOf(a.perspective) - PERSPECTIVES.indexOf(b.perspective));
  return {
    header,
    template: {
      id: top.id,
      name: top.name,
      description: top.description,
      subject,
      version: top.version,
      perspectives,
      links,
      exceptions,
      source: file.path,
    },
  };
}

interface Seen {
  catalog: KpiCatalog;
  /** Objective id → where it was first defined, across the template. */
  objectiveIds: Map<string, string>;
  /** KPI id → where it first appears, across the template. */
  kpiPaths: Map<string, string>;
}

function checkObjectives(
  raw: Record<string, unknown>,
  perspective: Perspective,
  perspectivePath: string,
  seen: Seen,
  diagnostics: Diagnostic[],
): TemplateObjective[] {
  return checkWeighted(raw, perspectivePath, 'objectives', 'objective', diagnostics, (id, value, path, weight) => {
    const name = TEMPLATE_NAME.safeParse(id);
    if (!name.success) diagnostics.push({ path, message: `objective id ${name.error.issues[0]?.message}` });
    const other = seen.objectiveIds.get(id);
    if (other !== undefined) diagnostics.push({ path, message: `objective \`${id}\` is already defined at ${other}` });
    else seen.objectiveIds.set(id, path);
    const entry = parseAt(OBJECTIVE_ENTRY, value, path, diagnostics);
    if (entry === null) return null;
    const kpis = checkWeighted(entry.kpis, path, 'kpis', 'KPI', diagnostics, (kpiId, kpiValue, kpiPath, kpiWeight) => {
      const first = seen.kpiPaths.get(kpiId);
      if (first !== undefined)
        diagnostics.push({ path: kpiPath, message: `\`${kpiId}\` already appears at ${first}; a KPI counts once per scorecard` });
      else seen.kpiPaths.set(kpiId, kpiPath);
      return checkTemplateKpi(kpiId, kpiValue, kpiWeight, perspective, kpiPath, seen.catalog, diagnostics);
    });
    return weight === null ? null : { id, name: entry.name, weight, kpis };
  });
}

/**
 * The entries under `parentPath.key` (perspectives, objectives or KPIs), each checked by `check` with its
 * weight parsed first; there must be at least one, and their weights must sum to 100.
 */
function checkWeighted<T>(
  raw: Record<string, unknown>,
  parentPath: string,
  key: string,
  what: string,
  diagnostics: Diagnostic[],
  check: (id: string, value: unknown, path: string, weight: number | null) => T | null,
): T[] {
  const items: T[] = [];
  const weights: (number | null)[] = [];
  if (Object.keys(raw).length === 0) diagnostics.push({ path: pathOf(parentPath, key), message: `needs at least one ${what}` });
  for (const [id, value] of Object.entries(raw)) {
    const path = pathOf(parentPath, key, id);
    const weight = parseWeight(value, path, diagnostics);
    weights.push(weight);
    const item = check(id, value, path, weight);
    if (item !== null) items.push(item);
  }
  const sum = checkWeightSum(weights, pathOf(parentPath, key), what);
  if (sum) diagnostics.push(sum);
  return items;
}

function toSubject(raw: z.output<typeof TEMPLATE_HEADER>['applies_to'], path: string, diagnostics: Diagnostic[]): TemplateSubject | null {
  if (raw.level !== undefined && raw.role !== undefined) {
    diagnostics.push({ path, message: 'give either level (an org level) or role (reps of a role), not both' });
    return null;
  }
  if (raw.level !== undefined) {
    if (raw.style !== undefined) {
      diagnostics.push({ path: pathOf(path, 'style'), message: 'style applies to reps of a role, not to an org level' });
      return null;
    }
    return { kind: 'org_level', level: raw.level };
  }
  if (raw.role !== undefined) return { kind: 'rep', role: raw.role, style: raw.style ?? null };
  diagnostics.push({ path, message: 'needs level (enterprise, division, region, team) or role (AE, SDR, AM)' });
  return null;
}
