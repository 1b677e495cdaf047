/**
 * What a strategy map shows: a scorecard's objectives, each with its score and
 * band, and the cause-and-effect links between them with their strength as
 * checked against the data (see link-strength.ts). A service assembles it from
 * a scored scorecard and the link checks; renderers only draw it.
 */
import type { Perspective } from '../metrics/kpi-definition';
import type { Band } from './scorecard-types';

/** The perspectives from the bottom of the map to the top: causes below, financial results on top. */
export const STRATEGY_MAP_PERSPECTIVES = [
  'learning_growth',
  'internal_process',
  'customer',
  'financial',
] as const satisfies readonly Perspective[];

export interface StrategyMapObjective {
  id: string;
  name: string;
  perspective: Perspective;
  /** 0–10, or null when the objective has no data for the period. */
  score: number | null;
  band: Band;
}

/** A cause-and-effect link, from the cause to the effect. */
export interface StrategyMapLink {
  from: string;
  to: string;
  /** The strongest correlation found (at `lag`), or null when the link was not or could not be checked. */
  rho: number | null;
  supported: boolean;
  /** Periods between cause and effect at `rho`. */
  lag: number | null;
}

export interface StrategyMapModel {
  title: string;
  objectives: StrategyMapObjective[];
  links: StrategyMapLink[];
}
