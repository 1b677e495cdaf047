/**
 * The YAML shape of a scorecard template (kpis/scorecards/*.yaml), one zod
 * schema per level. Containers check their keys and leave their children and
 * weights to be parsed one by one, so that one bad entry does not hide the
 * problems of its siblings: a template's every problem is reported at once.
 */
import { z } from 'zod';
import type { Diagnostic } from '../domain/domain-error';
import { SELLING_STYLES } from '../domain/vocabulary';
import { ORG_LEVELS, SCORED_ROLES } from './scorecard-types';

const FINITE = z.number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a finite number') });

export const TEMPLATE_NAME = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'must be snake_case, at most 48 characters');
export const WEIGHT = FINITE.gt(0, 'must be greater than 0').max(100, 'must be at most 100');

/** The keys a template may have; their values are parsed by TEMPLATE_HEADER and TEMPLATE_BODY. */
export const TEMPLATE_KEYS = z.strictObject(
  Object.fromEntries(
    ['id', 'name', 'description', 'applies_to', 'version', 'perspectives', 'links', 'exceptions'].map((k) => [k, z.unknown().optional()]),
  ),
);

export const TEMPLATE_HEADER = z.object({
  id: TEMPLATE_NAME,
  name: z.string().min(1),
  description: z.string().min(1),
  applies_to: z.strictObject({
    level: z.enum(ORG_LEVELS).optional(),
    role: z.enum(SCORED_ROLES).optional(),
    style: z.enum(SELLING_STYLES).optional(),
  }),
  version: z.number().int().min(1),
});

export const TEMPLATE_BODY = z.object({
  perspectives: z.record(z.string(), z.unknown()),
  links: z.array(z.unknown()).default([]),
  exceptions: z.array(z.unknown()).default([]),
});

export const PERSPECTIVE_ENTRY = z.strictObject({ weight: z.unknown().optional(), objectives: z.record(z.string(), z.unknown()) });

export const OBJECTIVE_ENTRY = z.strictObject({
  name: z.string().min(1),
  weight: z.unknown().optional(),
  kpis: z.record(z.string(), z.unknown()),
});

export const BAND = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('relative'), green_at: FINITE.default(100), red_below: FINITE.default(85) }),
  z.strictObject({ type: z.literal('absolute'), green: FINITE, red: FINITE }),
  z.strictObject({ type: z.literal('in_band'), tolerance_pct: FINITE.default(5), red_beyond_pct: FINITE.default(15) }),
]);

export const TARGET = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('quota'), measure: z.string() }),
  z.strictObject({ source: z.literal('baseline'), method: z.enum(['trailing_4q', 'last_year_growth']), growth_pct: FINITE.optional() }),
  z.strictObject({ source: z.literal('fixed'), value: FINITE }),
]);

export const KPI_ENTRY = z.strictObject({
  weight: z.unknown().optional(),
  target: TARGET.optional(),
  band: BAND.optional(),
  seasonal: z.boolean().default(false),
  territory_adjusted: z.boolean().default(false),
});

export const LINK = z.strictObject({ from: z.string(), to: z.string(), rationale: z.string().min(1) });

export const OUTLIER_RULE = z.strictObject({
  rule: z.literal('outlier_deal'),
  multiple: FINITE.gt(1, 'must be greater than 1'),
  kpis: z.array(z.string()).min(1),
});

/** `base` joined with a key path: `file.yaml:perspectives.financial` + `weight`. A base ending in `:` is a file. */
export function pathOf(base: string, ...parts: readonly (string | number)[]): string {
  if (parts.length === 0) return base.endsWith(':') ? base.slice(0, -1) : base;
  return base.endsWith(':') ? base + parts.join('.') : [base, ...parts].join('.');
}

/** The parsed value, or null after adding each zod issue as a diagnostic under `base`. */
export function parseAt<T extends z.ZodType>(schema: T, value: unknown, base: string, diagnostics: Diagnostic[]): z.output<T> | null {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  for (const issue of r.error.issues) diagnostics.push({ path: pathOf(base, ...issue.path.map(String)), message: issue.message });
  return null;
}

/** The `weight` of a perspective, objective or KPI entry, parsed on its own so other problems of the entry do not hide it. */
export function parseWeight(entry: unknown, base: string, diagnostics: Diagnostic[]): number | null {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return null;
  return parseAt(WEIGHT, (entry as { weight?: unknown }).weight, pathOf(base, 'weight'), diagnostics);
}
