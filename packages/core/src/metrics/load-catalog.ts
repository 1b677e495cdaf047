/**
 * Loads a KPI catalog from YAML texts and validates all of it, reporting every
 * problem at once with a path (`file:kpis.win_rate.formula`) and a message.
 * A catalog is returned only when there is no problem, so compilers can trust
 * every name in it. Pure: the caller reads the files.
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { Diagnostic } from '../domain/domain-error';
import { checkFieldExpression, type ExprProblem, type ValueType } from './check-field-expression';
import { checkKpiFormula, type MeasureUnit, measureUnit } from './check-kpi-formula';
import { FACTS } from './fact-schemas';
import type { Expr } from './formula-ast';
import { inlineKpiRefs } from './inline-kpi-refs';
import {
  AGGREGATIONS,
  DIRECTIONS,
  FREQUENCIES,
  INDICATOR_KINDS,
  type KpiCatalog,
  type KpiDef,
  MEASURE_AGGS,
  type MeasureDef,
  PERSPECTIVES,
  STATUSES,
  UNITS,
  type WindowSpec,
} from './kpi-definition';
import { parseFormula } from './parse-formula';

export interface CatalogFile {
  path: string;
  text: string;
}

export type LoadCatalogResult = { ok: true; catalog: KpiCatalog } | { ok: false; diagnostics: Diagnostic[] };

const NAME = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'must be snake_case, at most 48 characters');
const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

const WINDOW = z.union([
  z.enum(['current', 'prior_period', 'same_period_last_year', 'period_end', 'rest_of_year']),
  z.strictObject({ trailing_months: z.number().int().min(1).max(60) }),
  z.strictObject({ to_date: z.enum(['quarter', 'year']) }),
]);

const MEASURE = z.strictObject({
  fact: z.string(),
  agg: z.enum(MEASURE_AGGS),
  field: z.string().optional(),
  filter: z.string().optional(),
  date: z.string().optional(),
  window: WINDOW.optional(),
  percentile: z.number().gt(0).lt(1).optional(),
  top: z.number().int().min(1).max(1000).optional(),
  description: z.string().default(''),
});

const KPI = z.strictObject({
  name: z.string().min(1),
  description: z.string().min(1),
  perspective: z.enum(PERSPECTIVES),
  unit: z.enum(UNITS),
  direction: z.enum(DIRECTIONS),
  indicator: z.enum(INDICATOR_KINDS),
  frequency: z.enum(FREQUENCIES),
  owner: z.string().min(1),
  rationale: z.string().min(1),
  formula: z.string().min(1),
  aggregation: z.enum(AGGREGATIONS),
  status: z.enum(STATUSES),
  version: z.number().int().min(1),
  effective_from: DATE,
});

const FILE = z.strictObject({
  measures: z.record(z.string(), z.unknown()).optional(),
  kpis: z.record(z.string(), z.unknown()).optional(),
});

function toWindow(w: z.infer<typeof WINDOW> | undefined): WindowSpec {
  if (w === undefined || w === 'current') return { kind: 'current' };
  if (typeof w === 'string') return { kind: w };
  if ('trailing_months' in w) return { kind: 'trailing_months', months: w.trailing_months };
  return { kind: 'to_date', grain: w.to_date };
}

function zodDiagnostics(prefix: string, error: z.ZodError): Diagnostic[] {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].join('.'), message: i.message }));
}

interface Raw<T> {
  file: string;
  name: string;
  value: T;
}

/** Parses and validates a catalog; every problem in every file is reported. */
export function loadCatalog(files: readonly CatalogFile[]): LoadCatalogResult {
  const diagnostics: Diagnostic[] = [];
  const rawMeasures: Raw<z.infer<typeof MEASURE>>[] = [];
  const rawKpis: Raw<z.infer<typeof KPI>>[] = [];
  const seen = new Map<string, string>();

  for (const file of files) {
    const doc = parseDocument(file.text, { uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) diagnostics.push({ path: file.path, message: `YAML: ${e.message.split('\n')[0]}` });
      continue;
    }
    const shape = FILE.safeParse(doc.toJS() ?? {});
    if (!shape.success) {
      diagnostics.push(...zodDiagnostics(file.path, shape.error));
      continue;
    }
    for (const [section, entries] of [
      ['measures', shape.data.measures],
      ['kpis', shape.data.kpis],
    ] as const) {
      for (const [name, value] of Object.entries(entries ?? {})) {
        const path = `${file.path}:${section}.${name}`;
        const nameCheck = NAME.safeParse(name);
        if (!nameCheck.success) diagnostics.push({ path, message: `name ${nameCheck.error.issues[0]?.message}` });
        const other = seen.get(name);
        if (other !== undefined) diagnostics.push({ path, message: `\`${name}\` is already defined at ${other}` });
        seen.set(name, path);
        if (section === 'measures') {
          const m = MEASURE.safeParse(value);
          if (m.success) rawMeasures.push({ file: file.path, name, value: m.data });
          else diagnostics.push(...zodDiagnostics(path, m.error));
        } else {
          const k = KPI.safeParse(value);
          if (k.success) rawKpis.push({ file: file.path, name, value: k.data });
          else diagnostics.push(...zodDiagnostics(path, k.error));
        }
      }
    }
  }

  const measures = new Map<string, MeasureDef>();
  const units = new Map<string, MeasureUnit>();
  for (const r of rawMeasures) {
    const m = checkMeasure(r, diagnostics);
    if (m) {
      measures.set(r.name, m.def);
      units.set(r.name, m.unit);
    }
  }

  const broken = new Set(rawMeasures.filter((m) => !measures.has(m.name)).map((m) => m.name));
  const parsed = new Map<string, { raw: Raw<z.infer<typeof KPI>>; expr: Expr }>();
  for (const r of rawKpis) {
    const p = parseFormula(r.value.formula);
    if (!p.ok) diagnostics.push({ path: `${r.file}:kpis.${r.name}.formula`, message: `${p.message} (at column ${p.at + 1})` });
    else parsed.set(r.name, { raw: r, expr: p.expr });
  }

  const kpis = new Map<string, KpiDef>();
  const formulas = new Map([...parsed].map(([k, v]) => [k, v.expr]));
  for (const [id, { raw, expr }] of parsed) {
    const path = `${raw.file}:kpis.${id}.formula`;
    const inlined = inlineKpiRefs(id, expr, formulas);
    if (!inlined.ok) {
      diagnostics.push({ path, message: inlined.message });
      continue;
    }
    const checked = checkKpiFormula(inlined.expr, { unit: raw.value.unit, aggregation: raw.value.aggregation }, measures, units, broken);
    for (const p of checked.problems) {
      diagnostics.push({ path, message: p.at > 0 ? `${p.message} (at column ${p.at + 1})` : p.message });
    }
    if (checked.problems.length > 0 || checked.unit === null) continue;
    const v = raw.value;
    kpis.set(id, {
      id,
      name: v.name,
      description: v.description,
      perspective: v.perspective,
      unit: v.unit,
      direction: v.direction,
      indicator: v.indicator,
      frequency: v.frequency,
      owner: v.owner,
      rationale: v.rationale,
      formulaText: v.formula,
      formula: inlined.expr,
      aggregation: v.aggregation,
      status: v.status,
      version: v.version,
      effectiveFrom: v.effective_from,
      source: raw.file,
    });
  }

  if (diagnostics.length > 0) return { ok: false, diagnostics };
  return { ok: true, catalog: { measures, kpis } };
}

function checkMeasure(r: Raw<z.infer<typeof MEASURE>>, diagnostics: Diagnostic[]): { def: MeasureDef; unit: MeasureUnit } | null {
  const path = `${r.file}:measures.${r.name}`;
  const v = r.value;
  const before = diagnostics.length;
  const fact = FACTS.get(v.fact);
  if (!fact) {
    diagnostics.push({ path: `${path}.fact`, message: `unknown fact \`${v.fact}\` (${[...FACTS.keys()].join(', ')})` });
    return null;
  }
  const date = v.date ?? (fact.dates[0] as string);
  if (!fact.dates.includes(date))
    diagnostics.push({ path: `${path}.date`, message: `fact ${fact.name} has no date \`${date}\` (${fact.dates.join(', ')})` });

  const expression = (key: 'field' | 'filter', text: string | undefined): { expr: Expr | null; type: ValueType | null } => {
    if (text === undefined) return { expr: null, type: null };
    const p = parseFormula(text);
    if (!p.ok) {
      diagnostics.push({ path: `${path}.${key}`, message: `${p.message} (at column ${p.at + 1})` });
      return { expr: null, type: null };
    }
    const problems: ExprProblem[] = [];
    const type = checkFieldExpression(p.expr, fact, problems);
    for (const q of problems) diagnostics.push({ path: `${path}.${key}`, message: `${q.message} (at column ${q.at + 1})` });
    return { expr: p.expr, type };
  };
  const field = expression('field', v.field);
  const filter = expression('filter', v.filter);
  if (filter.type !== null && filter.type !== 'boolean')
    diagnostics.push({ path: `${path}.filter`, message: `a filter must be true or false, not ${filter.type}` });

  const numeric = field.type === 'money' || field.type === 'number' || field.type === 'days';
  switch (v.agg) {
    case 'count':
      break;
    case 'count_distinct':
      if (v.field === undefined)
        diagnostics.push({ path: `${path}.field`, message: 'count_distinct needs the field whose distinct values it counts' });
      break;
    case 'sum':
    case 'avg':
    case 'min':
    case 'max':
    case 'percentile':
    case 'top_sum':
      if (v.field === undefined) diagnostics.push({ path: `${path}.field`, message: `${v.agg} needs a numeric field` });
      else if (field.type !== null && !numeric)
        diagnostics.push({ path: `${path}.field`, message: `${v.agg} needs a numeric field, not ${field.type}` });
      break;
  }
  if (v.agg === 'percentile' && v.percentile === undefined)
    diagnostics.push({ path: `${path}.percentile`, message: 'percentile needs a fraction between 0 and 1' });
  if (v.agg !== 'percentile' && v.percentile !== undefined)
    diagnostics.push({ path: `${path}.percentile`, message: `percentile has no meaning for ${v.agg}` });
  if (v.agg === 'top_sum' && v.top === undefined)
    diagnostics.push({ path: `${path}.top`, message: 'top_sum needs how many of the largest values to add (top: 10)' });
  if (v.agg !== 'top_sum' && v.top !== undefined) diagnostics.push({ path: `${path}.top`, message: `top has no meaning for ${v.agg}` });
  if (diagnostics.length > before) return null;

  const def: MeasureDef = {
    name: r.name,
    fact: fact.name,
    agg: v.agg,
    field: field.expr,
    fieldText: v.field ?? null,
    filter: filter.expr,
    filterText: v.filter ?? null,
    date,
    window: toWindow(v.window),
    percentile: v.percentile ?? null,
    top: v.top ?? null,
    description: v.description,
  };
  return { def, unit: measureUnit(def, field.type) };
}
