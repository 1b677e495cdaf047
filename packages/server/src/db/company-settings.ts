/**
 * Company-wide settings live in the store, so that the server, the CLI and
 * every process behind a load balancer agree on them. The first start writes
 * them from the configuration; later starts read them.
 */
import { DomainError, type FiscalCalendar } from '@cairn/core/domain';
import { param, sql } from '@cairn/core/sql';
import type { Store } from './store';

export interface CompanySettings {
  reportingCurrency: string;
  calendar: FiscalCalendar;
  crossSellWindowMonths: number;
}

const KEYS = {
  reportingCurrency: 'reporting_currency',
  fiscalStart: 'fiscal_year_start_month',
  window: 'cross_sell_window_months',
} as const;

export async function ensureCompanySettings(store: Store, defaults: CompanySettings): Promise<CompanySettings> {
  const initial: [string, string][] = [
    [KEYS.reportingCurrency, defaults.reportingCurrency],
    [KEYS.fiscalStart, String(defaults.calendar.startMonth)],
    [KEYS.window, String(defaults.crossSellWindowMonths)],
  ];
  for (const [key, value] of initial) {
    await store.query(
      sql`INSERT INTO company_setting (key, value) SELECT ${param(key)}, ${param(value)} WHERE NOT EXISTS (SELECT 1 FROM company_setting WHERE key = ${param(key)})`,
    );
  }
  return readCompanySettings(store);
}

export async function readCompanySettings(store: Store): Promise<CompanySettings> {
  const rows = await store.query<{ key: string; value: string }>(sql`SELECT key, value FROM company_setting`);
  const m = new Map(rows.map((r) => [r.key, r.value]));
  const get = (k: string) => {
    const v = m.get(k);
    if (v === undefined) throw new DomainError('not_found', `company setting ${k} is missing; run \`cairn migrate\` first`);
    return v;
  };
  return {
    reportingCurrency: get(KEYS.reportingCurrency),
    calendar: { startMonth: Number(get(KEYS.fiscalStart)) },
    crossSellWindowMonths: Number(get(KEYS.window)),
  };
}
