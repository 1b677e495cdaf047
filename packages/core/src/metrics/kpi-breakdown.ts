/**
 * A KPI broken down by product line, customer segment or territory: the same
 * definition, computed once per slice with every measure it reads restricted
 * to the slice's rows (an extra filter on the fact, its value a bound
 * parameter), so a ratio is recomputed from the slice's own numerator and
 * denominator, a distinct count counts within the slice, and a top-N ranks
 * within it — never a share of the total spread by some weight.
 *
 * A breakdown makes sense only when every fact the KPI reads carries the
 * dimension: product line on order lines, opportunities and recognised
 * revenue; segment and territory on whatever is the customer's (its own row or
 * through its customer). Otherwise it is refused with the fact that lacks it.
 */
import { resolveField } from './check-field-expression';
import { FACTS } from './fact-schemas';
import type { Expr } from './formula-ast';
import type { KpiCatalog, KpiDef, MeasureDef } from './kpi-definition';
import { kpiMeasures } from './compile-kpi-select';

export const BREAKDOWN_DIMENSIONS = ['product_line', 'segment', 'territory'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/** The fields that carry a dimension, in order of preference: the fact's own column, then its customer's. */
const CANDIDATES: Record<BreakdownDimension, readonly (readonly [string, string | null])[]> = {
  product_line: [['product_line', null]],
  segment: [
    ['segment', null],
    ['customer', 'segment'],
  ],
  territory: [
    ['territory_id', null],
    ['customer', 'territory_id'],
  ],
};

const LABELS: Record<BreakdownDimension, string> = {
  product_line: 'product line',
  segment: 'customer segment',
  territory: 'territory',
};

function dimensionRef(factName: string, dim: BreakdownDimension): Expr | null {
  const fact = FACTS.get(factName);
  if (!fact) return null;
  for (const [name, member] of CANDIDATES[dim]) {
    if (resolveField(fact, name, member) !== null) return { kind: 'ref', name, member, at: 0 };
  }
  return null;
}

function lackingFacts(kpi: KpiDef, catalog: KpiCatalog, dim: BreakdownDimension): string[] {
  return [...new Set(kpiMeasures(kpi, catalog).flatMap((m) => (dimensionRef(m.fact, dim) === null ? [m.fact] : [])))];
}

/** The dimensions a KPI can be broken down by. */
export function breakdownDimensions(kpi: KpiDef, catalog: KpiCatalog): BreakdownDimension[] {
  return BREAKDOWN_DIMENSIONS.filter((d) => lackingFacts(kpi, catalog, d).length === 0);
}

/** Why a KPI cannot be broken down by a dimension, or null when it can. */
export function breakdownRefusal(kpi: KpiDef, catalog: KpiCatalog, dim: BreakdownDimension): string | null {
  const lacking = lackingFacts(kpi, catalog, dim);
  if (lacking.length === 0) return null;
  const others = breakdownDimensions(kpi, catalog);
  const which = lacking.length === 1 ? 'has' : 'have';
  const instead = others.length > 0 ? `break it down by ${others.join(' or ')}` : 'it has no breakdown';
  return `\`${kpi.id}\` reads ${lacking.join(', ')}, which ${which} no ${LABELS[dim]}; ${instead}`;
}

/** The KPI and a catalog in which each measure it reads keeps only the rows of one slice (`value` null: rows without one). */
export function sliceCatalog(kpi: KpiDef, catalog: KpiCatalog, dim: BreakdownDimension, value: string | null): KpiCatalog {
  const measures = new Map(catalog.measures);
  for (const m of kpiMeasures(kpi, catalog)) {
    const ref = dimensionRef(m.fact, dim);
    if (!ref) throw new Error(`${m.fact} has no ${dim}`);
    const slice: Expr =
      value === null
        ? { kind: 'is_null', operand: ref, negated: false, at: 0 }
        : { kind: 'binary', op: '=', left: ref, right: { kind: 'string', value, at: 0 }, at: 0 };
    const filter: Expr = m.filter ? { kind: 'binary', op: 'and', left: m.filter, right: slice, at: 0 } : slice;
    measures.set(m.name, { ...m, filter } satisfies MeasureDef);
  }
  return { measures, kpis: catalog.kpis };
}
