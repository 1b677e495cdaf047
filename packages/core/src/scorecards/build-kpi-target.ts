/**
 * One KPI's target for one node and period, following the template's policy,
 * with every step written down: the source (quota, baseline or fixed), the
 * seasonality index, the territory factor and any manual override. Currency
 * targets are rounded once, at the end, to whole minor units (half away from
 * zero); nothing else is rounded.
 */
import type { Aggregation, KpiUnit } from '../metrics/kpi-definition';
import { fmt, lastYearGrowthBaseline, type TrailingSums, trailingFourQuarterBaseline } from './baseline-target';
import type { KpiActual, KpiTarget, TargetPolicy } from './scorecard-types';

export interface TargetOverride {
  value: number;
  reason: string;
  setBy: string;
  setAt: string;
}

export interface TargetInputs {
  policy: TargetPolicy;
  unit: KpiUnit;
  aggregation: Aggregation;
  grain: 'month' | 'quarter' | 'year';
  /** The quota for the node and period, when the policy reads quotas. */
  quota?: number | null;
  /**
   * The node's values at the period's grain over the 12 months before it (12 months, 4 quarters or 1 year),
   * oldest first, or the same already folded (a full run folds them from the actuals table).
   */
  trailingPeriods?: readonly (KpiActual | undefined)[] | TrailingSums;
  sameLastYear?: KpiActual;
  /** The seasonality index for the period, when the template asks for it. */
  seasonality?: { index: number; step: string } | null;
  territory?: { factor: number; step: string } | { factor: null; reason: string } | null;
  override?: TargetOverride | null;
  /**
   * Write the steps down (the default). A full scoring run stores only values and scores and says nothing,
   * so it skips the words; the value is the same either way.
   */
  explain?: boolean;
}

export type TargetResult = { ok: true; target: KpiTarget } | { ok: false; reason: string };

export function buildKpiTarget(input: TargetInputs): TargetResult {
  const explain = input.explain ?? true;
  const base = baseOf(input, explain);
  if (input.override) {
    const was =
      explain && base.ok ? ` (the ${base.source.replaceAll('_', ' ')} target was ${fmt(finalValue(base.value, input.unit))})` : '';
    return {
      ok: true,
      target: {
        kpiId: '',
        value: input.override.value,
        source: 'override',
        provenance: explain
          ? [`set by ${input.override.setBy} on ${input.override.setAt.slice(0, 10)}: ${input.override.reason}${was}`]
          : [],
        overrideReason: input.override.reason,
      },
    };
  }
  if (!base.ok) return base;
  // No closure for the words: a full run builds millions of targets.
  const steps = explain ? [...base.steps] : [];
  let value = base.value;
  const { seasonality, territory } = input;
  if (seasonality && base.source === 'baseline_trailing_4q' && input.aggregation === 'additive') {
    value *= seasonality.index;
    if (explain) steps.push(seasonality.step);
  }
  if (territory) {
    if (territory.factor === null) {
      if (explain) steps.push(`no territory adjustment: ${territory.reason}`);
    } else {
      value *= territory.factor;
      if (explain) steps.push(territory.step);
    }
  }
  const final = finalValue(value, input.unit);
  if (final !== value && explain) steps.push(`rounded to whole minor units: ${fmt(final)}`);
  return { ok: true, target: { kpiId: '', value: final, source: base.source, provenance: steps, overrideReason: null } };
}

type Base = { ok: true; value: number; source: KpiTarget['source']; steps: string[] } | { ok: false; reason: string };

function baseOf(input: TargetInputs, explain: boolean): Base {
  const p = input.policy;
  switch (p.source) {
    case 'quota':
      if (input.quota === null || input.quota === undefined) return { ok: false, reason: `no ${p.measure} quota for this node and period` };
      return { ok: true, value: input.quota, source: 'quota', steps: explain ? [`${p.measure} quota: ${fmt(input.quota)}`] : [] };
    case 'fixed':
      return { ok: true, value: p.value, source: 'fixed', steps: explain ? [`fixed by the template: ${fmt(p.value)}`] : [] };
    case 'baseline': {
      if (p.method === 'trailing_4q') {
        const b = trailingFourQuarterBaseline(input.trailingPeriods ?? [], input.aggregation, input.grain, explain);
        return b.value === null
          ? { ok: false, reason: b.reason }
          : { ok: true, value: b.value, source: 'baseline_trailing_4q', steps: explain ? [b.step] : [] };
      }
      const b = lastYearGrowthBaseline(input.sameLastYear, p.growthPct, explain);
      return b.value === null
        ? { ok: false, reason: b.reason }
        : { ok: true, value: b.value, source: 'baseline_last_year_growth', steps: explain ? [b.step] : [] };
    }
    default: {
      const never: never = p;
      throw new Error(`unknown target source ${JSON.stringify(never)}`);
    }
  }
}

/** Currency values are whole minor units: round half away from zero. */
function finalValue(value: number, unit: KpiUnit): number {
  if (unit !== 'currency') return value;
  return Math.sign(value) * Math.round(Math.abs(value));
}
