/**
 * Which bands a KPI can take. An absolute band compares the actual itself, so
 * it is refused for currency and count KPIs, whose size depends on the node
 * (a team's bookings are not an enterprise's). An in_band KPI is judged by
 * its distance from the target and an in_band band judges nothing else.
 * Thresholds must be ordered so that green is the better side.
 */
import { assertNever } from '../domain/assert-never';
import type { Diagnostic } from '../domain/domain-error';
import type { KpiDef } from '../metrics/kpi-definition';
import { checkPercentScale } from './check-percent-scale';
import type { BandSpec } from './scorecard-types';

/** Every problem with `band` on `def`, with paths under `path` (the band's). */
export function checkBandSpec(def: KpiDef, band: BandSpec, path: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const say = (at: string, message: string) => problems.push({ path: at, message });
  if (def.direction === 'in_band' && band.type !== 'in_band') {
    say(`${path}.type`, `\`${def.id}\` is an in_band KPI: it needs an in_band band, not ${band.type}`);
  }
  switch (band.type) {
    case 'relative':
      if (!(band.greenAtPct > 0)) say(`${path}.green_at`, `green_at must be greater than 0, not ${band.greenAtPct}`);
      if (band.redBelowPct < 0) say(`${path}.red_below`, `red_below must not be negative, not ${band.redBelowPct}`);
      if (!(band.redBelowPct < band.greenAtPct))
        say(`${path}.red_below`, `red_below (${band.redBelowPct}) must be below green_at (${band.greenAtPct})`);
      break;
    case 'absolute':
      if (def.unit === 'currency' || def.unit === 'count') {
        say(
          `${path}.type`,
          `an absolute band is refused for \`${def.id}\` (unit ${def.unit}): its size depends on the node; use a relative band`,
        );
      }
      if (def.direction === 'higher_is_better' && !(band.red < band.green))
        say(`${path}.red`, `\`${def.id}\` is higher_is_better: red (${band.red}) must be below green (${band.green})`);
      if (def.direction === 'lower_is_better' && !(band.red > band.green))
        say(`${path}.red`, `\`${def.id}\` is lower_is_better: red (${band.red}) must be above green (${band.green})`);
      for (const key of ['green', 'red'] as const) {
        const scale = checkPercentScale(def, band[key], `${path}.${key}`);
        if (scale) problems.push(scale);
      }
      break;
    case 'in_band':
      if (def.direction !== 'in_band') {
        say(`${path}.type`, `an in_band band is only for KPIs whose direction is in_band; \`${def.id}\` is ${def.direction}`);
      }
      if (band.tolerancePct < 0) say(`${path}.tolerance_pct`, `tolerance_pct must not be negative, not ${band.tolerancePct}`);
      if (!(band.tolerancePct < band.redBeyondPct))
        say(`${path}.red_beyond_pct`, `red_beyond_pct (${band.redBeyondPct}) must be above tolerance_pct (${band.tolerancePct})`);
      if (band.redBeyondPct > 100) say(`${path}.red_beyond_pct`, `red_beyond_pct must be at most 100, not ${band.redBeyondPct}`);
      break;
    default:
      assertNever(band, 'band');
  }
  return problems;
}
