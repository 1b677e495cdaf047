/**
 * Recomputes only the KPI periods a change can have moved: the change says
 * which table's rows changed and which dates they carry, every measure's fact
 * says how far a row of that table reaches (tableReach) and its window which
 * later periods read it, and compute replaces those fiscal years, clipped to
 * the years a full compute covers, so the result is the same as a full
 * compute's for every period. A table a KPI reads as a dimension (the org, a
 * customer's owner, a stage) or rows without dates move every period: those
 * are recomputed in full.
 */
import { affectedPeriodRange, FACTS, type KpiCatalog, kpiMeasures, tableReach, type WindowReach, widestReach } from '@cairn/core/metrics';
import type { CompanySettings } from '../db/company-settings';
import type { Store } from '../db/store';
import { type ComputeKpisResult, computeKpis, defaultRange } from './compute-kpis';

export interface ChangedDates {
  /** First date any changed row carries (any of its dates: booked, cancelled, closed, …), 'YYYY-MM-DD'; null when they carry none. */
  from: string | null;
  /** The day after the last such date; null when they carry none. */
  to: string | null;
  /** The table of the changed rows; without it, rows of every table the KPIs read as rows are assumed. */
  table?: string;
}

type Plan = { kind: 'none' } | { kind: 'full' } | { kind: 'reads'; reads: WindowReach[] };

function plan(catalog: KpiCatalog, kpiIds: readonly string[] | undefined, changed: ChangedDates): Plan {
  const kpis = [...catalog.kpis.values()].filter((k) => (kpiIds ? kpiIds.includes(k.id) : k.status !== 'retired'));
  const reads: WindowReach[] = [];
  for (const m of kpis.flatMap((k) => kpiMeasures(k, catalog))) {
    const fact = FACTS.get(m.fact);
    if (!fact) throw new Error(`measure ${m.name} names unknown fact ${m.fact}`);
    if (changed.table === undefined) {
      reads.push({ window: m.window, reachMonths: widestReach(fact) });
      continue;
    }
    const reach = tableReach(fact, changed.table);
    if (reach.kind === 'dimension') return { kind: 'full' };
    if (reach.kind === 'rows') reads.push({ window: m.window, reachMonths: reach.months });
  }
  if (reads.length === 0) return { kind: 'none' };
  return changed.from === null || changed.to === null ? { kind: 'full' } : { kind: 'reads', reads };
}

/** Recomputes the periods the changed rows feed; null when they feed none of the computed years. */
export async function computeAffectedPeriods(
  store: Store,
  settings: CompanySettings,
  catalog: KpiCatalog,
  changed: ChangedDates,
  opts: { kpiIds?: readonly string[]; actor?: string } = {},
): Promise<ComputeKpisResult | null> {
  const p = plan(catalog, opts.kpiIds, changed);
  if (p.kind === 'none') return null;
  const full = await defaultRange(store, settings.calendar);
  let { from, to } = full;
  if (p.kind === 'reads') {
    const affected = affectedPeriodRange({ from: changed.from as string, to: changed.to as string }, p.reads, settings.calendar);
    if (!affected) return null;
    // ISO dates: the later start and the earlier end of the two ranges.
    from = [affected.from, full.from].sort()[1] as string;
    to = affected.to === null ? full.to : ([affected.to, full.to].sort()[0] as string);
  }
  if (from >= to) return null;
  return computeKpis(store, settings, catalog, {
    from,
    to,
    ...(opts.kpiIds ? { kpiIds: opts.kpiIds } : {}),
    ...(opts.actor ? { actor: opts.actor } : {}),
  });
}
