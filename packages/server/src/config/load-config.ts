/**
 * The server's configuration, parsed once from the environment (and CLI flags
 * folded into it by the caller). Every bad variable is named.
 */
import { z } from 'zod';
import { DomainError } from '@cairn/core/domain';

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
});

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
}

export function loadConfig(env: Record<string, string | undefined>): CairnConfig {
  const r = schema.safeParse(env);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new DomainError('invalid_input', `bad configuration:\n  ${lines.join('\n  ')}`, lines);
  }
  const e = r.data;
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
  };
}
