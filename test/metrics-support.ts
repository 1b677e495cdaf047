/** Loads fixtures/company-kpi (its README works every number out by hand) through importFile(). */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type KpiCatalog, loadCatalog } from '@cairn/core/metrics';
import type { EntityName } from '@cairn/core/model';
import { type CompanySettings, importFile, type Store } from '@cairn/server';
import { STANDARD_KPI_DIR } from '../packages/server/src/metrics/read-kpi-catalog';

export const KPI_FIXTURE = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/company-kpi');
export const KPI_SETTINGS: CompanySettings = { reportingCurrency: 'USD', calendar: { startMonth: 1 }, crossSellWindowMonths: 24 };
const FILES: readonly EntityName[] = [
  'fx_rate',
  'org_unit',
  'rep',
  'rep_assignment',
  'product',
  'customer',
  'opportunity',
  'opportunity_history',
  'order_line',
  'revenue_schedule',
  'quota',
];

export async function importFixture(store: Store, dir: string = KPI_FIXTURE, settings: CompanySettings = KPI_SETTINGS): Promise<void> {
  for (const entity of FILES) {
    const r = await importFile(store, settings, { entity, path: join(dir, `${entity}.csv`), mode: 'atomic', actor: 'test' });
    if (r.status !== 'committed') throw new Error(`${entity}.csv was rejected: ${JSON.stringify(r.errors.slice(0, 5))}`);
  }
}

/** A top-2 variant of customer concentration: with at most four active customers a node's top ten are all of them. */
const TOP2_SHARE = `measures:
  top2_customers_net_t12:
    fact: customer_month
    agg: top_sum
    top: 2
    field: net_t12_minor
    filter: is_active = true
    window: period_end
kpis:
  top2_share:
    name: Top-2 share
    description: Trailing-12-month net bookings of the node's two largest active customers over all its active customers'.
    perspective: financial
    unit: percent
    direction: lower_is_better
    indicator: leading
    frequency: quarterly
    owner: Test
    rationale: Holds the ranking of top_sum to hand-worked values.
    formula: safe_div(top2_customers_net_t12, active_customers_net_t12)
    aggregation: not_aggregable
    status: pilot
    version: 1
    effective_from: 2024-01-01
`;

/** The standard library plus top2_share. */
export function catalogWithTop2Share(): KpiCatalog {
  const files = readdirSync(STANDARD_KPI_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ path: f, text: readFileSync(join(STANDARD_KPI_DIR, f), 'utf8') }));
  const loaded = loadCatalog([...files, { path: 'top2-share.yaml', text: TOP2_SHARE }]);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.catalog;
}
