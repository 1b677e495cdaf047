/**
 * A KPI value for one node and period, broken down by product line, customer
 * segment or territory (core/metrics/kpi-breakdown): one query per slice, each
 * the KPI's own query with its measures restricted to the slice's rows, so
 * every slice's value is recomputed from its own parts. The slices are the
 * dimension's values in the stored data, and "none" for rows without one;
 * a slice with no data is left out, and so is a "none" slice of zero.
 */
import { DomainError, type Period, parsePeriod } from '@cairn/core/domain';
import {
  type BreakdownDimension,
  breakdownRefusal,
  compileKpiQuery,
  KPI_GRAINS,
  type KpiCatalog,
  type KpiGrain,
  type OrgNodeRef,
  sliceCatalog,
} from '@cairn/core/metrics';
import { type SqlFragment, sql } from '@cairn/core/sql';
import type { CompanySettings } from '../db/company-settings';
import type { Store } from '../db/store';
import { resolveNode } from './explain-kpi';
import { refreshCustomerTables } from '../services/customer-derived-tables';

export interface BreakdownSlice {
  /** The dimension's value; null for rows without one. */
  key: string | null;
  label: string;
  value: number | null;
  numerator: string | null;
  denominator: string | null;
}

export interface KpiBreakdown {
  kpi: { id: string; name: string; unit: string; aggregation: string };
  node: OrgNodeRef;
  period: { label: string; grain: KpiGrain; start: string; end: string };
  by: BreakdownDimension;
  total: Omit<BreakdownSlice, 'key' | 'label'>;
  slices: BreakdownSlice[];
}

const VALUES: Record<BreakdownDimension, SqlFragment> = {
  product_line: sql`SELECT product_line AS k, product_line AS label FROM product WHERE product_line IS NOT NULL
    UNION SELECT product_line, product_line FROM order_line WHERE product_line IS NOT NULL
    UNION SELECT product_line, product_line FROM opportunity WHERE product_line IS NOT NULL`,
  segment: sql`SELECT DISTINCT segment AS k, segment AS label FROM customer WHERE segment IS NOT NULL`,
  territory: sql`SELECT id AS k, name AS label FROM territory
    UNION SELECT territory_id, territory_id FROM customer WHERE territory_id IS NOT NULL AND territory_id NOT IN (SELECT id FROM territory)`,
};

type Row = { value: number | null; numerator: string | null; denominator: string | null };

const nothing = (v: string | number | null) => v === null || Number(v) === 0;
/** A slice with no data at all; the "none" slice is also left out when it is only zero. */
const isEmpty = (r: Row | undefined, none: boolean) =>
  !r || ((r.value === null || (none && Number(r.value) === 0)) && nothing(r.numerator) && nothing(r.denominator));

export async function kpiBreakdown(
  store: Store,
  settings: CompanySettings,
  catalog: KpiCatalog,
  req: { kpiId: string; node: string | OrgNodeRef; period: string; by: BreakdownDimension },
): Promise<KpiBreakdown> {
  const kpi = catalog.kpis.get(req.kpiId);
  if (!kpi) throw new DomainError('not_found', `unknown KPI \`${req.kpiId}\``);
  const refusal = breakdownRefusal(kpi, catalog, req.by);
  if (refusal) throw new DomainError('invalid_input', refusal);
  const parsed = parsePeriod(req.period, settings.calendar);
  if (!parsed.ok) throw new DomainError('invalid_input', parsed.reason);
  const period = parsed.value as Period & { grain: KpiGrain };
  if (!KPI_GRAINS.includes(period.grain)) {
    throw new DomainError('invalid_input', `KPIs are computed by ${KPI_GRAINS.join(', ')}, not by ${period.grain}`);
  }
  const node = typeof req.node === 'string' ? await resolveNode(store, req.node) : req.node;
  await refreshCustomerTables(store);
  const opts = { periods: [period], calendar: settings.calendar, node };
  const [total] = await store.query<Row>(compileKpiQuery(kpi, catalog, opts));
  const keys = await store.query<{ k: string; label: string }>(
    sql`SELECT k, MIN(label) AS label FROM (${VALUES[req.by]}) v GROUP BY k ORDER BY k`,
  );
  const slices: BreakdownSlice[] = [];
  for (const { k, label } of [...keys, { k: null, label: 'none' }]) {
    const [row] = await store.query<Row>(compileKpiQuery(kpi, sliceCatalog(kpi, catalog, req.by, k), opts));
    if (isEmpty(row, k === null)) continue;
    slices.push({ key: k, label, value: row?.value ?? null, numerator: row?.numerator ?? null, denominator: row?.denominator ?? null });
  }
  return {
    kpi: { id: kpi.id, name: kpi.name, unit: kpi.unit, aggregation: kpi.aggregation },
    node,
    period: { label: period.label, grain: period.grain, start: period.start, end: period.end },
    by: req.by,
    total: { value: total?.value ?? null, numerator: total?.numerator ?? null, denominator: total?.denominator ?? null },
    slices,
  };
}
