/**
 * KPI values, then scorecards from them: what `cairn compute` and the first
 * start on the demo company run. Scorecards are skipped for a custom catalog
 * (the standard templates name the standard KPIs).
 */
import type { KpiCatalog } from '@cairn/core/metrics';
import type { CompanySettings } from '../db/company-settings';
import type { Store } from '../db/store';
import { type ComputeKpisOptions, type ComputeKpisResult, computeKpis } from '../metrics/compute-kpis';
import { type ComputeScorecardsResult, computeScorecards } from '../scorecards/compute-scorecards';
import { readScorecardTemplates } from '../scorecards/read-scorecard-templates';
import { storeFileTemplates } from '../scorecards/save-scorecard-template';

export interface ComputeAllResult {
  kpis: ComputeKpisResult;
  scorecards: ComputeScorecardsResult | null;
}

export async function computeAll(
  store: Store,
  settings: CompanySettings,
  catalog: KpiCatalog,
  opts: ComputeKpisOptions & { scorecards: boolean; onScorecardProgress?: (done: number, total: number) => void },
): Promise<ComputeAllResult> {
  const { scorecards: withScorecards, onScorecardProgress, ...kpiOpts } = opts;
  const kpis = await computeKpis(store, settings, catalog, kpiOpts);
  if (!withScorecards) return { kpis, scorecards: null };
  await storeFileTemplates(store, catalog, opts.actor ?? 'cairn');
  const templates = await readScorecardTemplates(store, catalog);
  return {
    kpis,
    scorecards: await computeScorecards(store, settings, catalog, templates, {
      from: kpis.from,
      to: kpis.to,
      ...(onScorecardProgress ? { onProgress: onScorecardProgress } : {}),
    }),
  };
}
