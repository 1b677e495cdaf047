/**
 * Which periods a node can be looked at for, and which one a page opens on.
 * The API names fiscal periods itself (the web app does not know the fiscal
 * calendar's start month), so the list comes from the node's values of one
 * reference KPI at the chosen grain: the periods that have data.
 *
 * Default period: the latest *complete* fiscal quarter with data — a quarter
 * is complete once the quarter after it has started — which is last quarter
 * whenever last quarter has data; if no complete quarter has data, the latest
 * quarter that does.
 */
import { addMonths } from '@cairn/core/domain';
import { useQuery } from '@tanstack/react-query';
import { fetchKpiValues, type Grain } from '../../api/kpi-api';

/** Net bookings is computed for every node and month; its values say which periods have data. */
export const REFERENCE_KPI = 'net_bookings';
export const GRAINS: readonly Grain[] = ['month', 'quarter', 'year'];
export const GRAIN_LABELS: Record<Grain, string> = { month: 'Month', quarter: 'Quarter', year: 'Year' };

export interface PeriodOption {
  label: string;
  start: string;
  complete: boolean;
}

const GRAIN_MONTHS: Record<Grain, number> = { month: 1, quarter: 3, year: 12 };

export function grainOfPeriod(label: string | null): Grain | null {
  if (!label) return null;
  if (/^FY\d{4}$/.test(label)) return 'year';
  if (/^(FY)?\d{4}-Q[1-4]$/.test(label)) return 'quarter';
  if (/^\d{4}-\d{2}$/.test(label)) return 'month';
  return null;
}

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Periods with data, newest first. */
export async function fetchPeriodOptions(node: string, grain: Grain, signal?: AbortSignal): Promise<PeriodOption[]> {
  const values = await fetchKpiValues(REFERENCE_KPI, node, grain, signal);
  const today = todayIso();
  return values.points
    .filter((p) => p.value !== null)
    .map((p) => ({ label: p.periodLabel, start: p.periodStart, complete: addMonths(p.periodStart, GRAIN_MONTHS[grain]) <= today }))
    .sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
}

export function defaultPeriod(options: readonly PeriodOption[]): string | null {
  return (options.find((o) => o.complete) ?? options[0])?.label ?? null;
}

export function usePeriodOptions(node: string | null, grain: Grain, enabled = true) {
  return useQuery({
    queryKey: ['periods', node, grain],
    queryFn: ({ signal }) => fetchPeriodOptions(node ?? '', grain, signal),
    enabled: enabled && node !== null,
    staleTime: 5 * 60_000,
  });
}
