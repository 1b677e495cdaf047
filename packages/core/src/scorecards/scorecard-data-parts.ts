/**
 * Scorecard data as it crosses to a worker thread: every map and list is
 * copied by the structured clone, the actuals table's cells stay in shared
 * memory (they are most of it).
 */
import { ActualsTable, type ActualsTableParts } from './actuals-table';
import type { ScorecardData } from './scorecard-inputs';

export type ScorecardDataParts = Omit<ScorecardData, 'actuals'> & { actuals: ActualsTableParts };

export function scorecardDataParts(data: ScorecardData): ScorecardDataParts {
  return { ...data, actuals: data.actuals.parts() };
}

export function scorecardDataFromParts(parts: ScorecardDataParts): ScorecardData {
  return { ...parts, actuals: ActualsTable.fromParts(parts.actuals) };
}
