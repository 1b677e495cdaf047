/**
 * Which target policies a KPI can take. Quotas are amounts of money, so only
 * currency KPIs take one, and only for a measure quotas are kept in. A
 * growth baseline needs its growth; a fixed target is a finite number in the
 * KPI's stored unit.
 */
import { assertNever } from '../domain/assert-never';
import type { Diagnostic } from '../domain/domain-error';
import { QUOTA_MEASURES } from '../domain/vocabulary';
import type { KpiDef } from '../metrics/kpi-definition';
import { checkPercentScale } from './check-percent-scale';
import { QUOTA_CARRIERS } from './scorecard-inputs';
import type { TargetPolicy } from './scorecard-types';
import type { TARGET } from './template-schema';
import type { z } from 'zod';

/** The target policy of a template KPI, or null after adding its problems to `diagnostics`. */
export function checkTargetPolicy(def: KpiDef, raw: z.output<typeof TARGET>, path: string, diagnostics: Diagnostic[]): TargetPolicy | null {
  const before = diagnostics.length;
  const say = (at: string, message: string) => diagnostics.push({ path: `${path}.${at}`, message });
  let policy: TargetPolicy | null = null;
  switch (raw.source) {
    case 'quota':
      if (def.unit !== 'currency') say('source', `a quota target needs a currency KPI; \`${def.id}\` is ${def.unit}`);
      if (!(QUOTA_MEASURES as readonly string[]).includes(raw.measure))
        say('measure', `unknown quota measure \`${raw.measure}\` (${QUOTA_MEASURES.join(', ')})`);
      else if (!QUOTA_CARRIERS[raw.measure]) {
        say(
          'measure',
          `${raw.measure} quotas are kept but no KPI reads them yet; quota targets read ${Object.keys(QUOTA_CARRIERS).join(', ')} quotas — use a baseline or fixed target`,
        );
      }
      policy = { source: 'quota', measure: raw.measure };
      break;
    case 'baseline':
      if (raw.method === 'trailing_4q') {
        if (raw.growth_pct !== undefined) say('growth_pct', 'growth_pct has no meaning for trailing_4q');
        policy = { source: 'baseline', method: 'trailing_4q' };
      } else if (raw.growth_pct === undefined) {
        say('growth_pct', 'last_year_growth needs growth_pct (e.g. 10 for last year + 10%)');
      } else {
        if (!(raw.growth_pct > -100)) say('growth_pct', `growth_pct must be above -100, not ${raw.growth_pct}`);
        policy = { source: 'baseline', method: 'last_year_growth', growthPct: raw.growth_pct };
      }
      break;
    case 'fixed': {
      const scale = checkPercentScale(def, raw.value, `${path}.value`);
      if (scale) diagnostics.push(scale);
      policy = { source: 'fixed', value: raw.value };
      break;
    }
    default:
      assertNever(raw, 'target source');
  }
  return diagnostics.length > before ? null : policy;
}
