/**
 * Which KPI periods a change of facts can move. A row dated in [from, to)
 * feeds its own month, quarter and year, and through windows periods after it
 * (trailing months, the same period next year, the rest of the fiscal year to
 * date, the next period's prior-period value). The answer is a range of whole
 * fiscal years, because that is what compute replaces: every period starting
 * inside it is recomputed, so none is left half-updated.
 */
import { addMonths } from '../domain/civil-date';
import { type FiscalCalendar, periodOf, periodsBetween } from '../domain/fiscal-calendar';
import { KPI_GRAINS, type KpiGrain, windowMonths } from './build-window-rows';
import type { WindowSpec } from './kpi-definition';

/** The longest reach of any window, in months after the changed month (a year's same period last year: 24). */
const MAX_REACH_MONTHS = 36;

/** The fiscal years [from, to) holding every period whose value any of `windows` reads from a row dated in [from, to); null when none. */
export function affectedPeriodRange(
  changed: { from: string; to: string },
  windows: readonly WindowSpec[],
  cal: FiscalCalendar,
): { from: string; to: string } | null {
  if (changed.from >= changed.to || windows.length === 0) return null;
  const first = periodOf(changed.from, 'year', cal).start;
  const last = periodOf(addMonths(changed.to, MAX_REACH_MONTHS), 'year', cal).end;
  let lo: string | null = null;
  let hi: string | null = null;
  for (const grain of KPI_GRAINS) {
    for (const p of periodsBetween(first, last, grain, cal)) {
      const period = { ...p, grain: grain as KpiGrain };
      const hit = windows.some((w) => {
        const m = windowMonths(period, w, cal);
        return m.from < changed.to && changed.from < m.to;
      });
      if (!hit) continue;
      if (lo === null || p.start < lo) lo = p.start;
      if (hi === null || p.start > hi) hi = p.start;
    }
  }
  if (lo === null || hi === null) return null;
  return { from: periodOf(lo, 'year', cal).start, to: periodOf(hi, 'year', cal).end };
}
