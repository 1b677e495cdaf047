/**
 * One KPI entry of a template, checked against the catalog: the KPI exists,
 * is not retired and sits in its own perspective; its band fits its unit and
 * direction; its target policy fits its unit; seasonality and territory
 * adjustment scale an amount, so they apply only to additive KPIs.
 */
import { assertNever } from '../domain/assert-never';
import type { Diagnostic } from '../domain/domain-error';
import type { KpiCatalog, Perspective } from '../metrics/kpi-definition';
import { checkBandSpec } from './check-band-spec';
import { checkTargetPolicy } from './check-target-policy';
import { defaultBand } from './default-band';
import type { BandSpec, TemplateKpi } from './scorecard-types';
import { type BAND, KPI_ENTRY, parseAt } from './template-schema';
import type { z } from 'zod';

/** A template KPI, or null after adding its problems to `diagnostics`; `weight` is parsed by the caller (null when invalid). */
export function checkTemplateKpi(
  kpiId: string,
  raw: unknown,
  weight: number | null,
  perspective: Perspective,
  path: string,
  catalog: KpiCatalog,
  diagnostics: Diagnostic[],
): TemplateKpi | null {
  const before = diagnostics.length;
  const def = catalog.kpis.get(kpiId);
  if (def === undefined) diagnostics.push({ path, message: `unknown KPI \`${kpiId}\`` });
  else if (def.status === 'retired') diagnostics.push({ path, message: `KPI \`${kpiId}\` is retired` });
  else if (def.perspective !== perspective) {
    diagnostics.push({ path, message: `\`${kpiId}\` belongs to the ${def.perspective} perspective (${def.source}), not ${perspective}` });
  }
  const entry = parseAt(KPI_ENTRY, raw, path, diagnostics);
  if (def === undefined || entry === null) return null;

  const band = entry.band === undefined ? defaultBand(def.direction) : toBandSpec(entry.band);
  diagnostics.push(...checkBandSpec(def, band, `${path}.band`));
  const target = checkTargetPolicy(def, entry.target ?? { source: 'baseline', method: 'trailing_4q' }, `${path}.target`, diagnostics);
  for (const [key, on] of [
    ['seasonal', entry.seasonal],
    ['territory_adjusted', entry.territory_adjusted],
  ] as const) {
    if (on && def.aggregation !== 'additive') {
      diagnostics.push({
        path: `${path}.${key}`,
        message: `${key} scales an amount, so it applies only to additive KPIs; \`${kpiId}\` is ${def.aggregation}`,
      });
    }
  }
  if (diagnostics.length > before || weight === null || target === null) return null;
  return { kpiId, weight, band, target, seasonal: entry.seasonal, territoryAdjusted: entry.territory_adjusted };
}

function toBandSpec(raw: z.output<typeof BAND>): BandSpec {
  switch (raw.type) {
    case 'relative':
      return { type: 'relative', greenAtPct: raw.green_at, redBelowPct: raw.red_below };
    case 'absolute':
      return { type: 'absolute', green: raw.green, red: raw.red };
    case 'in_band':
      return { type: 'in_band', tolerancePct: raw.tolerance_pct, redBeyondPct: raw.red_beyond_pct };
    default:
      return assertNever(raw, 'band type');
  }
}
