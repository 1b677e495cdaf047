/**
 * Opens the store named by the configuration, brings its schema up to date,
 * reads the company settings and rebuilds a derived table built by older rules:
 * what every entry point (server, CLI verb, test) does first.
 */
import type { CairnConfig } from '../config/load-config';
import { type CompanySettings, ensureCompanySettings } from '../db/company-settings';
import { migrate } from '../db/migrate';
import { openStore } from '../db/open-store';
import type { Store } from '../db/store';
import { refreshStaleDerivedTables } from './customer-month';

export interface Cairn {
  store: Store;
  settings: CompanySettings;
  config: CairnConfig;
  close(): Promise<void>;
}

export interface OpenCairnOptions {
  /** Told of long work done before the store is ready (a derived table rebuilt after an upgrade). */
  onNotice?: (message: string) => void;
}

export async function openCairn(config: CairnConfig, opts: OpenCairnOptions = {}): Promise<Cairn> {
  const store = await openStore(config.db, { memoryLimit: config.duckdbMemoryLimit });
  try {
    await migrate(store);
    const settings = await ensureCompanySettings(store, {
      reportingCurrency: config.reportingCurrency,
      calendar: { startMonth: config.fiscalYearStartMonth },
      crossSellWindowMonths: config.crossSellWindowMonths,
    });
    await refreshStaleDerivedTables(store, (table) =>
      opts.onNotice?.(`rebuilding ${table} from the stored order lines (its rules changed, or the store predates it)…`),
    );
    return { store, settings, config, close: () => store.close() };
  } catch (e) {
    await store.close();
    throw e;
  }
}
