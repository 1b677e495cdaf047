/**
 * What every verb shares: global options folded into the configuration, the
 * opened Cairn, and the exit-code contract (0 success, 1 user error with
 * diagnostics printed, 2 unexpected failure).
 */
import type { KpiCatalog } from '@cairn/core/metrics';
import type { ScorecardTemplate } from '@cairn/core/scorecards';
import {
  type Cairn,
  type CairnConfig,
  loadConfig,
  openCairn,
  readEffectiveCatalog,
  readKpiCatalog,
  readScorecardTemplates,
} from '@cairn/server';
import { DomainError } from '@cairn/core/domain';

export interface GlobalOptions {
  db?: string;
  json?: boolean;
}

export function configFrom(opts: GlobalOptions): CairnConfig {
  return loadConfig({ ...process.env, ...(opts.db ? { CAIRN_DB: opts.db } : {}) });
}

export async function withCairn<T>(opts: GlobalOptions, fn: (cairn: Cairn) => Promise<T>): Promise<T> {
  const cairn = await openCairn(configFrom(opts));
  try {
    return await fn(cairn);
  } finally {
    await cairn.close();
  }
}

/** The catalog a verb works with: a --catalog folder as given, or the standard library with the KPIs defined in this store. */
export function cliCatalog(cairn: Cairn, dir?: string): Promise<KpiCatalog> {
  return dir ? Promise.resolve(readKpiCatalog(dir)) : readEffectiveCatalog(cairn.store);
}

/** The store's catalog and the scorecard templates in force with it. */
export async function cliCatalogAndTemplates(cairn: Cairn): Promise<[KpiCatalog, ScorecardTemplate[]]> {
  const catalog = await cliCatalog(cairn);
  return [catalog, await readScorecardTemplates(cairn.store, catalog)];
}

/** Runs a verb's action with the exit-code contract. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | undefined>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      process.exitCode = (await fn(...args)) ?? 0;
    } catch (e) {
      if (e instanceof DomainError) {
        process.stderr.write(`cairn: ${e.message}\n`);
        process.exitCode = 1;
      } else {
        process.stderr.write(`cairn: unexpected failure: ${(e as Error).stack ?? String(e)}\n`);
        process.exitCode = 2;
      }
    }
  };
}
