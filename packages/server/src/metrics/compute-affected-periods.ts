/**
 * Recomputes only the KPI periods an import can have moved: the import says
 * which dates its rows carry, every window of the selected KPIs says which
 * later periods read those months, and compute replaces those fiscal years,
 * clipped to the years a full compute covers, so the result is the same as a
 * full compute's for every period.
 */
import { affectedPeriodRange, type KpiCatalog, kpiMeasures } from '@cairn/core/metrics';
import type { CompanySettings } from '../db/company-settings';
import type { Store } from '../db/store';
import { type ComputeKpisResult, computeKpis, defaultRange } from './compute-kpis';

export interface ChangedDates {
  /** First date any changed row carries (any of its dates: booked, cancelled, closed, …), 'YYYY-MM-DD'. */
  from: string;
  /** The day after the last such date. */
  to: string;
}

/** Recomputes the periods rows dated in [from, to) feed; null when none of them is in the computed years. */
export async function computeAffectedPeriods(
  store: Store,
  settings: CompanySettings,
  catalog: KpiCatalog,
  changed: ChangedDates,
  opts: { kpiIds?: readonly string[]; actor?: string } = {},
): Promise<ComputeKpisResult | null> {
  const kpis = [...catalog.kpis.values()].filter((k) => (opts.kpiIds ? opts.kpiIds.includes(k.id) : k.status !== 'retired'));
  const windows = kpis.flatMap((k) => kpiMeasures(k, catalog).map((m) => m.window));
  const affected = affectedPeriodRange(changed, windows, settings.calendar);
  if (!affected) return null;
  const full = await defaultRange(store, settings.calendar);
  // ISO dates: the later start and the earlier end of the two ranges.
  const from = [affected.from, full.from].sort()[1] as string;
  const to = [affected.to, full.to].sort()[0] as string;
  if (from >= to) return null;
  return computeKpis(store, settings, catalog, {
    from,
    to,
    ...(opts.kpiIds ? { kpiIds: opts.kpiIds } : {}),
    ...(opts.actor ? { actor: opts.actor } : {}),
  });
}
