/** Loads fixtures/company-kpi (its README works every number out by hand) through importFile(). */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EntityName } from '@cairn/core/model';
import { type CompanySettings, importFile, type Store } from '@cairn/server';

export const KPI_FIXTURE = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/company-kpi');
export const KPI_SETTINGS: CompanySettings = { reportingCurrency: 'USD', calendar: { startMonth: 1 }, crossSellWindowMonths: 24 };
const FILES: readonly EntityName[] = ['org_unit', 'rep', 'rep_assignment', 'product', 'customer', 'opportunity', 'order_line'];

export async function importFixture(store: Store, dir: string = KPI_FIXTURE, settings: CompanySettings = KPI_SETTINGS): Promise<void> {
  for (const entity of FILES) {
    const r = await importFile(store, settings, { entity, path: join(dir, `${entity}.csv`), mode: 'atomic', actor: 'test' });
    if (r.status !== 'committed') throw new Error(`${entity}.csv was rejected: ${JSON.stringify(r.errors.slice(0, 5))}`);
  }
}
