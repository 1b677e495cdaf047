/**
 * Which KPI periods a change of facts can move. A row dated in [from, to)
 * feeds its own month, quarter and year, and through windows periods after it
 * (trailing months, the same period next year, the rest of the fiscal year to
 * date, the next period's prior-period value). A derived fact carries a row's
 * effect further: a booking stays in customer snapshots for 24 months, an open
 * opportunity in every later one (its reach). The answer is a range of whole
 * fiscal years, because that is what compute replaces: every period starting
 * inside it is recomputed, so none is left half-updated.
 */
import { addMonths } from '../domain/civil-date';
import { type FiscalCalendar, periodOf, periodsBetween } from '../domain/fiscal-calendar';
import { KPI_GRAINS, type KpiGrain, windowMonths } from './build-window-rows';
import type { WindowSpec } from './kpi-definition';

/** The longest reach of any window, in months after the changed month (a year's same period last year: 24). */
const MAX_REACH_MONTHS = 36;

/** A measure's window, and how many months after a changed row's date the fact rows it feeds may be dated (null: any later date). */
export interface WindowReach {
  window: WindowSpec;
  reachMonths: number | null;
}

/**
 * The fiscal years [from, to) holding every period whose value any of `reads` takes from a row dated in
 * [from, to); `to` is null when a reach is unbounded (every later year); null when no period is moved.
 */
export function affectedPeriodRange(
  changed: { from: string; to: string },
  reads: readonly WindowReach[],
  cal: FiscalCalendar,
): { from: string; to: string | null } | null {
  if (changed.from >= changed.to || reads.length === 0) return null;
  const unbounded = reads.some((r) => r.reachMonths === null);
  const furthest = Math.max(...reads.map((r) => r.reachMonths ?? 0));
  const first = periodOf(changed.from, 'year', cal).start;
  const last = periodOf(addMonths(changed.to, MAX_REACH_MONTHS + furthest), 'year', cal).end;
  let lo: string | null = null;
  let hi: string | null = null;
  for (const grain of KPI_GRAINS) {
    for (const p of periodsBetween(first, last, grain, cal)) {
      const period = { ...p, grain: grain as KpiGrain };
      const hit = reads.some((r) => {
        const m = windowMonths(period, r.window, cal);
        const reachedUntil = r.reachMonths === null ? null : addMonths(changed.to, r.reachMonths);
        return m.from < m.to && (reachedUntil === null || m.from < reachedUntil) && changed.from < m.to;
      });
      if (!hit) continue;
      if (lo === null || p.start < lo) lo = p.start;
      if (hi === null || p.start > hi) hi = p.start;
    }
  }
  if (lo === null || hi === null) return null;
  return { from: periodOf(lo, 'year', cal).start, to: unbounded ? null : periodOf(hi, 'year', cal).end };
}
