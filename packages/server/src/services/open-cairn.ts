/**
 * Opens the store named by the configuration, brings its schema up to date and
 * reads the company settings: what every entry point (server, CLI verb, test)
 * does first.
 */
import type { CairnConfig } from '../config/load-config';
import { type CompanySettings, ensureCompanySettings } from '../db/company-settings';
import { migrate } from '../db/migrate';
import { openStore } from '../db/open-store';
import type { Store } from '../db/store';

export interface Cairn {
  store: Store;
  settings: CompanySettings;
  config: CairnConfig;
  close(): Promise<void>;
}

export async function openCairn(config: CairnConfig): Promise<Cairn> {
  const store = await openStore(config.db, { memoryLimit: config.duckdbMemoryLimit });
  try {
    await migrate(store);
    const settings = await ensureCompanySettings(store, {
      reportingCurrency: config.reportingCurrency,
      calendar: { startMonth: config.fiscalYearStartMonth },
      crossSellWindowMonths: config.crossSellWindowMonths,
    });
    return { store, settings, config, close: () => store.close() };
  } catch (e) {
    await store.close();
    throw e;
  }
}
