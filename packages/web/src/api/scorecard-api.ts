import { scorecardViewSchema, strategyMapSchema } from '@cairn/core/contract';
import type { z } from 'zod';
import { apiRequest } from './api-request';

export type ScorecardView = z.infer<typeof scorecardViewSchema>;
export type Scorecard = ScorecardView['scorecard'];
export type ScoredKpi = Scorecard['perspectives'][number]['objectives'][number]['kpis'][number];
export type StrategyMap = z.infer<typeof strategyMapSchema>;

export function fetchScorecard(node: string, period: string, signal?: AbortSignal): Promise<ScorecardView> {
  return apiRequest(`/scorecards/${encodeURIComponent(node)}`, scorecardViewSchema, { query: { period }, signal });
}

export function fetchStrategyMap(node: string, period: string, signal?: AbortSignal): Promise<StrategyMap> {
  return apiRequest(`/strategy-maps/${encodeURIComponent(node)}`, strategyMapSchema, { query: { period, format: 'json' }, signal });
}
