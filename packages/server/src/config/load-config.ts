/**
 * The server's configuration, parsed once from the environment (and CLI flags
 * folded into it by the caller). Every bad variable is named.
 */
import { z } from 'zod';
import { DomainError } from '@cairn/core/domain';
import type { AuthPolicy } from '../auth/auth-policy';

const schema = z.object({
  CAIRN_DB: z.string().min(1).default('./data/cairn.duckdb'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  CAIRN_REPORTING_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO currency code')
    .default('USD'),
  CAIRN_FISCAL_YEAR_START_MONTH: z.coerce.number().int().min(1).max(12).default(1),
  CAIRN_CROSS_SELL_WINDOW_MONTHS: z.coerce.number().int().min(1).max(120).default(24),
  CAIRN_DUCKDB_MEMORY_LIMIT: z
    .string()
    .regex(/^\d+(\.\d+)?\s?(MB|GB|MiB|GiB)$/)
    .default('4GB'),
  CAIRN_ACTOR: z.string().min(1).optional(),
  CAIRN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CAIRN_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  CAIRN_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  CAIRN_SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  CAIRN_SIGN_IN_MAX_FAILURES_PER_CLIENT: z.coerce.number().int().min(1).max(100_000).default(20),
  CAIRN_SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  CAIRN_TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|[0-9A-Fa-f.:/]+(\s*,\s*[0-9A-Fa-f.:/]+)*)$/,
      'must be true, false, or a comma-separated list of proxy addresses or CIDRs',
    )
    .default('false'),
});

/** Fastify's trustProxy: which X-Forwarded-* headers to believe (client address, https). */
export type TrustProxy = boolean | string[];

function trustProxyOf(v: string): TrustProxy {
  if (v === 'true' || v === 'false') return v === 'true';
  return v.split(',').map((a) => a.trim());
}

export interface CairnConfig {
  db: string;
  port: number;
  host: string;
  reportingCurrency: string;
  fiscalYearStartMonth: number;
  crossSellWindowMonths: number;
  duckdbMemoryLimit: string;
  actor: string;
  logLevel: z.infer<typeof schema>['CAIRN_LOG_LEVEL'];
  auth: AuthPolicy;
  trustProxy: TrustProxy;
}

export function loadConfig(env: Record<string, string | undefined>): CairnConfig {
  const r = schema.safeParse(env);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new DomainError('invalid_input', `bad configuration:\n  ${lines.join('\n  ')}`, lines);
  }
  const e = r.data;
  if (e.CAIRN_SESSION_IDLE_MINUTES > e.CAIRN_SESSION_MAX_HOURS * 60) {
    const line = 'CAIRN_SESSION_IDLE_MINUTES: must not exceed CAIRN_SESSION_MAX_HOURS';
    throw new DomainError('invalid_input', `bad configuration:\n  ${line}`, [line]);
  }
  return {
    db: e.CAIRN_DB,
    port: e.PORT,
    host: e.HOST,
    reportingCurrency: e.CAIRN_REPORTING_CURRENCY,
    fiscalYearStartMonth: e.CAIRN_FISCAL_YEAR_START_MONTH,
    crossSellWindowMonths: e.CAIRN_CROSS_SELL_WINDOW_MONTHS,
    duckdbMemoryLimit: e.CAIRN_DUCKDB_MEMORY_LIMIT,
    actor: e.CAIRN_ACTOR ?? env.USER ?? 'cairn',
    logLevel: e.CAIRN_LOG_LEVEL,
    auth: {
      sessionIdleMinutes: e.CAIRN_SESSION_IDLE_MINUTES,
      sessionMaxHours: e.CAIRN_SESSION_MAX_HOURS,
      maxFailuresPerEmail: e.CAIRN_SIGN_IN_MAX_FAILURES,
      maxFailuresPerClient: e.CAIRN_SIGN_IN_MAX_FAILURES_PER_CLIENT,
      failureWindowMinutes: e.CAIRN_SIGN_IN_WINDOW_MINUTES,
    },
    trustProxy: trustProxyOf(e.CAIRN_TRUST_PROXY),
  };
}
