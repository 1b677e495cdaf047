/** HTTP contract of the KPI catalog, values and explain, shared by the server and the web app. */
import { z } from 'zod';
import { KPI_GRAINS } from '../metrics/build-window-rows';
import { NODE_KINDS } from '../metrics/org-node';

/** `team:T1`, or a bare rep or org-unit id. */
export const nodeParamSchema = z.string().min(1).max(200);
export const periodParamSchema = z
  .string()
  .regex(/^(FY\d{4}(-Q[1-4])?|\d{4}-(Q[1-4]|\d{2}))$/, 'a fiscal period: FY2025, FY2025-Q3, 2025-Q3 or 2025-08');

export const kpiDefinitionSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  perspective: z.string(),
  unit: z.string(),
  direction: z.string(),
  indicator: z.string(),
  frequency: z.string(),
  owner: z.string(),
  rationale: z.string(),
  formula: z.string(),
  aggregation: z.string(),
  status: z.string(),
  version: z.number().int(),
  effectiveFrom: z.string(),
  breakdowns: z.array(z.enum(['product_line', 'segment', 'territory'])),
});

export const kpiListQuerySchema = z.object({
  q: z.string().max(100).optional(),
  perspective: z.enum(['financial', 'customer', 'internal_process', 'learning_growth']).optional(),
  status: z.enum(['pilot', 'active', 'retired']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const kpiListSchema = z.object({ items: z.array(kpiDefinitionSchema), total: z.number().int() });

/** A new KPI (or a new version of one defined before): the YAML a catalog file holds, with one KPI under `kpis:`. */
export const kpiDefineBodySchema = z.object({
  yaml: z
    .string()
    .min(1)
    .max(64 * 1024),
});

export const kpiDetailSchema = z.object({
  definition: kpiDefinitionSchema,
  versions: z.array(
    z.object({
      version: z.number().int(),
      status: z.string(),
      effective_from: z.string(),
      stored_at: z.string(),
      stored_by: z.string(),
      definition_sha256: z.string(),
    }),
  ),
});

export const nodeRefSchema = z.object({ kind: z.enum(NODE_KINDS), id: z.string() });

export const kpiValuesQuerySchema = z.object({
  node: nodeParamSchema,
  grain: z.enum(KPI_GRAINS).default('month'),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export const kpiValuesSchema = z.object({
  node: nodeRefSchema,
  points: z.array(
    z.object({
      periodLabel: z.string(),
      periodStart: z.string(),
      value: z.number().nullable(),
      numerator: z.string().nullable(),
      denominator: z.string().nullable(),
      definitionVersion: z.number().int(),
      computedAt: z.string(),
      target: z.number().nullable(),
      band: z.enum(['green', 'amber', 'red', 'no_data']).nullable(),
    }),
  ),
});

export const annotationSchema = z.object({
  id: z.string(),
  kpiId: z.string(),
  node: nodeRefSchema,
  grain: z.string(),
  periodLabel: z.string(),
  periodStart: z.string(),
  body: z.string(),
  author: z.string(),
  createdAt: z.string(),
});

export const breakdownQuerySchema = z.object({
  node: nodeParamSchema,
  period: periodParamSchema,
  by: z.enum(['product_line', 'segment', 'territory']),
});

const breakdownPartsSchema = z.object({
  value: z.number().nullable(),
  numerator: z.string().nullable(),
  denominator: z.string().nullable(),
});

export const breakdownSchema = z.object({
  kpi: z.object({ id: z.string(), name: z.string(), unit: z.string(), aggregation: z.string() }),
  node: z.object({ kind: z.string(), id: z.string() }),
  period: z.object({ label: z.string(), grain: z.string(), start: z.string(), end: z.string() }),
  by: z.enum(['product_line', 'segment', 'territory']),
  total: breakdownPartsSchema,
  slices: z.array(breakdownPartsSchema.extend({ key: z.string().nullable(), label: z.string() })),
});

export const explainQuerySchema = z.object({
  node: nodeParamSchema,
  period: periodParamSchema,
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const explainSchema = z.object({
  kpi: z.object({
    id: z.string(),
    name: z.string(),
    version: z.number().int(),
    formula: z.string(),
    unit: z.string(),
    aggregation: z.string(),
    status: z.string(),
    description: z.string(),
  }),
  node: nodeRefSchema,
  period: z.object({ label: z.string(), grain: z.string(), start: z.string(), end: z.string() }),
  sql: z.object({ text: z.string(), params: z.array(z.unknown()) }),
  value: z.number().nullable(),
  numerator: z.string().nullable(),
  denominator: z.string().nullable(),
  measures: z.array(
    z.object({
      name: z.string(),
      fact: z.string(),
      aggregation: z.string(),
      date: z.string(),
      window: z.string(),
      field: z.string().nullable(),
      filter: z.string().nullable(),
      rowCount: z.number().int(),
      contributionSum: z.string().nullable(),
      distinctContributions: z.number().int(),
      rows: z.array(
        z.object({
          row_id: z.string(),
          row_date: z.string(),
          rep_id: z.string().nullable(),
          team_id: z.string().nullable(),
          contribution: z.unknown(),
        }),
      ),
    }),
  ),
  page: z.number().int(),
  pageSize: z.number().int(),
  annotations: z.array(annotationSchema),
});

export const nodeListQuerySchema = z.object({
  q: z.string().max(100).optional(),
  kind: z.enum(NODE_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const nodeListSchema = z.object({
  items: z.array(z.object({ kind: z.enum(NODE_KINDS), id: z.string(), name: z.string(), parentId: z.string().nullable() })),
});

export const annotationListQuerySchema = z.object({
  kpiId: z.string().min(1).max(100),
  node: nodeParamSchema,
  grain: z.enum(KPI_GRAINS).optional(),
  period: periodParamSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const annotationBodySchema = z.object({
  kpiId: z.string().min(1).max(100),
  node: nodeParamSchema,
  period: periodParamSchema,
  body: z.string().min(1).max(2000),
});

export const annotationListSchema = z.object({ items: z.array(annotationSchema) });
