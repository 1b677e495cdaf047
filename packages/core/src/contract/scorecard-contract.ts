/** HTTP contract of scorecards, strategy maps and targets, shared by the server and the web app. */
import { z } from 'zod';
import { nodeParamSchema, periodParamSchema } from './kpi-contract';

const band = z.enum(['green', 'amber', 'red', 'no_data']);

export const scorecardQuerySchema = z.object({ period: periodParamSchema });

const targetSchema = z.object({
  kpiId: z.string(),
  value: z.number(),
  source: z.enum(['quota', 'baseline_trailing_4q', 'baseline_last_year_growth', 'fixed', 'override']),
  provenance: z.array(z.string()),
  overrideReason: z.string().nullable(),
});

const scoredKpiSchema = z.object({
  kpiId: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.string(),
  weight: z.number(),
  effectiveWeight: z.number(),
  actual: z.object({ value: z.number().nullable(), numerator: z.number().nullable(), denominator: z.number().nullable() }),
  target: targetSchema.nullable(),
  attainmentPct: z.number().nullable(),
  score: z.number().nullable(),
  band,
  noDataReason: z.string().nullable(),
  excluded: z.array(z.object({ opportunityId: z.string(), amountMinor: z.number(), segment: z.string(), segmentMedianMinor: z.number() })),
});

const scorecardSchema = z.object({
  templateId: z.string(),
  templateVersion: z.number().int(),
  node: z.object({ kind: z.string(), id: z.string(), name: z.string() }),
  periodLabel: z.string(),
  score: z.number().nullable(),
  band,
  perspectives: z.array(
    z.object({
      perspective: z.string(),
      weight: z.number(),
      effectiveWeight: z.number(),
      score: z.number().nullable(),
      band,
      objectives: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          weight: z.number(),
          effectiveWeight: z.number(),
          score: z.number().nullable(),
          band,
          kpis: z.array(scoredKpiSchema),
        }),
      ),
    }),
  ),
  redistributions: z.array(z.string()),
});

const nodeNameSchema = z.object({ kind: z.string(), id: z.string(), name: z.string() });

export const scorecardViewSchema = z.object({
  scorecard: scorecardSchema,
  period: z.object({ label: z.string(), grain: z.string(), start: z.string(), end: z.string() }),
  parent: nodeNameSchema.nullable(),
  children: z.array(
    z.object({
      node: nodeNameSchema,
      score: z.number().nullable(),
      band: z.string(),
      kpis: z.array(
        z.object({
          kpiId: z.string(),
          value: z.number().nullable(),
          numerator: z.number().nullable(),
          denominator: z.number().nullable(),
          shareOfParent: z.number().nullable(),
        }),
      ),
    }),
  ),
  currency: z.string(),
});

export const strategyMapQuerySchema = z.object({ period: periodParamSchema, format: z.enum(['json', 'svg']).default('json') });

const lagSchema = z.object({
  lag: z.number().int(),
  rho: z.number().nullable(),
  n: z.number().int(),
  nodes: z.number().int(),
  pValue: z.number().nullable(),
  supported: z.boolean(),
  reason: z.string().nullable(),
});

const checkedLinkSchema = z.object({
  from: z.string(),
  to: z.string(),
  fromKpi: z.string(),
  toKpi: z.string(),
  rationale: z.string(),
  strength: z.object({
    expectedSign: z.number().int(),
    lags: z.array(lagSchema),
    verdict: z.object({
      supported: z.boolean(),
      lag: z.number().nullable(),
      rho: z.number().nullable(),
      pValue: z.number().nullable(),
      message: z.string(),
    }),
  }),
});

export const strategyMapSchema = z.object({
  model: z.object({
    title: z.string(),
    objectives: z.array(z.object({ id: z.string(), name: z.string(), perspective: z.string(), score: z.number().nullable(), band })),
    links: z.array(
      z.object({ from: z.string(), to: z.string(), rho: z.number().nullable(), supported: z.boolean(), lag: z.number().nullable() }),
    ),
  }),
  links: z.array(checkedLinkSchema),
  crossSellChecks: z.array(checkedLinkSchema),
  checkedAcross: z.object({ level: z.string(), grain: z.string() }),
  svg: z.string(),
});

export const targetOverrideBodySchema = z.object({
  kpiId: z.string().min(1).max(100),
  node: nodeParamSchema,
  period: periodParamSchema,
  value: z.number().finite(),
  reason: z.string().min(3).max(500),
});

export const targetOverrideResultSchema = z.object({ kpiId: z.string(), node: z.string(), period: z.string(), value: z.number() });

export const toleranceBodySchema = z.object({
  regionId: z.string().min(1).max(200),
  kpiId: z.string().min(1).max(100).default('*'),
  tolerancePp: z.number().min(-50).max(50),
  reason: z.string().min(3).max(500),
});
