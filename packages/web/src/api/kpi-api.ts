import { breakdownSchema, explainSchema, kpiDetailSchema, kpiListSchema, kpiValuesSchema } from '@cairn/core/contract';
import type { z } from 'zod';
import { apiRequest } from './api-request';

export type KpiList = z.infer<typeof kpiListSchema>;
export type KpiDetail = z.infer<typeof kpiDetailSchema>;
export type Explain = z.infer<typeof explainSchema>;
export type Breakdown = z.infer<typeof breakdownSchema>;
export type BreakdownDimension = Breakdown['by'];
export type Grain = 'month' | 'quarter' | 'year';

/** Each value also carries the stored scorecard's target and band for that period (null where none was scored). */
export type KpiTrend = z.infer<typeof kpiValuesSchema>;
export type TrendPoint = KpiTrend['points'][number];

export interface KpiListQuery {
  q?: string;
  perspective?: string;
  status?: string;
  limit: number;
  offset: number;
}

export function fetchKpiList(query: KpiListQuery, signal?: AbortSignal): Promise<KpiList> {
  return apiRequest('/kpis', kpiListSchema, { query: { ...query }, signal });
}

export function fetchKpiDetail(id: string, signal?: AbortSignal): Promise<KpiDetail> {
  return apiRequest(`/kpis/${encodeURIComponent(id)}`, kpiDetailSchema, { signal });
}

export function fetchKpiValues(id: string, node: string, grain: Grain, signal?: AbortSignal): Promise<KpiTrend> {
  return apiRequest(`/kpis/${encodeURIComponent(id)}/values`, kpiValuesSchema, { query: { node, grain }, signal });
}

export interface ExplainQuery {
  node: string;
  period: string;
  page: number;
  pageSize: number;
}

export function fetchExplain(id: string, query: ExplainQuery, signal?: AbortSignal): Promise<Explain> {
  return apiRequest(`/kpis/${encodeURIComponent(id)}/explain`, explainSchema, { query: { ...query }, signal });
}

export function fetchBreakdown(
  id: string,
  query: { node: string; period: string; by: BreakdownDimension },
  signal?: AbortSignal,
): Promise<Breakdown> {
  return apiRequest(`/kpis/${encodeURIComponent(id)}/breakdown`, breakdownSchema, { query: { ...query }, signal });
}
