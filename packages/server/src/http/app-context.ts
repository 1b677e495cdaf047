/**
 * What routes may call: one function per use case, bound to the running
 * Cairn. Routes never see the store, and reach data only through `as(viewer)`,
 * which enforces what the viewer may do and see.
 */
import type { Viewer } from '@cairn/core/contract';
import type { ScopedApi } from '../access/scoped-api';
import type { AuthContext } from './auth-context';

export interface AppContext {
  /** Sign-in, sessions, API tokens and user administration. */
  auth: AuthContext;
  uploadMaxBytes: number;
  health(): Promise<{ status: 'ok'; store: string; reportingCurrency: string; fiscalYearStartMonth: number }>;
  /**
   * Fills the read caches the first scorecard request would otherwise wait for (the catalog, the org chart,
   * templates and the company-wide outlier exclusions); a server starts it after it listens.
   */
  warm?(): Promise<void>;
  /** Brings what requests share up to date (the KPI catalog with its defined KPIs); awaited before each API request. */
  prepare?(): Promise<void>;
  /** Everything else, through the access layer: the only way a route reaches data. */
  as(viewer: Viewer): ScopedApi;
}
