/**
 * A KPI as SQL over the outputs of its fact scans. Ratios are recomputed at
 * every level from their numerator and denominator, never averaged: the scans
 * already aggregated each level from rows, and this only combines columns of
 * the same (node, period). Money stays exact: numerator and denominator are
 * DECIMAL; only the final value is a DOUBLE.
 */
import { assertNever } from '../domain/assert-never';
import type { Dialect } from '../sql/dialect';
import { dialectHook, ident, joinSql, type SqlFragment, sql } from '../sql/sql-fragment';
import { numberConstant } from './compile-field-expression';
import { type FactScan, measureColumns, planScans } from './compile-fact-scan';
import type { Expr } from './formula-ast';
import { walkExpr } from './formula-ast';
import type { KpiCatalog, KpiDef, MeasureDef } from './kpi-definition';
import { splitRatio } from './split-ratio';

const DOUBLE = dialectHook((d: Dialect) => d.columnType({ kind: 'double' }));
export const EXACT = dialectHook((d: Dialect) => d.columnType({ kind: 'decimal', precision: 38, scale: 6 }));

/** The measures a KPI's (inlined) formula reads. */
export function kpiMeasures(kpi: KpiDef, catalog: KpiCatalog): MeasureDef[] {
  const out = new Map<string, MeasureDef>();
  walkExpr(kpi.formula, (n) => {
    if (n.kind === 'ref') {
      const m = catalog.measures.get(n.name);
      if (m) out.set(m.name, m);
    }
  });
  return [...out.values()];
}

export function kpiScans(kpi: KpiDef, catalog: KpiCatalog): FactScan[] {
  return planScans(kpiMeasures(kpi, catalog));
}

/** The value of a measure for a (node, period) row, reading scan alias `alias`. */
function measureValue(m: MeasureDef, alias: string): SqlFragment {
  const [a, b] = measureColumns(m) as [string, string | undefined];
  const col = sql`${ident(alias)}.${ident(a)}`;
  switch (m.agg) {
    case 'sum':
    case 'count':
    case 'count_distinct':
    case 'top_sum':
      return sql`COALESCE(${col}, 0)`;
    case 'avg':
      return sql`(CASE WHEN COALESCE(${ident(alias)}.${ident(b as string)}, 0) = 0 THEN NULL ELSE CAST(${col} AS ${DOUBLE}) / ${ident(alias)}.${ident(b as string)} END)`;
    case 'min':
    case 'max':
    case 'percentile':
      return col;
    default:
      return assertNever(m.agg, 'measure aggregation');
  }
}

type MeasureSql = (name: string) => SqlFragment;

function compileFormula(e: Expr, measure: MeasureSql): SqlFragment {
  switch (e.kind) {
    case 'number':
      return numberConstant(e.text);
    case 'ref':
      return measure(e.name);
    case 'unary':
      return sql`(-${compileFormula(e.operand, measure)})`;
    case 'binary': {
      const l = compileFormula(e.left, measure);
      const r = compileFormula(e.right, measure);
      switch (e.op) {
        case '+':
          return sql`(${l} + ${r})`;
        case '-':
          return sql`(${l} - ${r})`;
        case '*':
          return sql`(${l} * ${r})`;
        case '/':
          return sql`(CAST(${l} AS ${DOUBLE}) / ${r})`;
        default:
          throw new Error(`operator ${e.op} passed validation in a KPI formula`);
      }
    }
    case 'call': {
      const [a, b] = e.args.map((x) => compileFormula(x, measure)) as [SqlFragment, SqlFragment];
      if (e.name === 'greatest') return sql`GREATEST(CAST(${a} AS ${DOUBLE}), CAST(${b} AS ${DOUBLE}))`;
      return safeDiv(a, b);
    }
    case 'string':
    case 'boolean':
    case 'in':
    case 'is_null':
      throw new Error(`${e.kind} passed validation in a KPI formula`);
    default:
      return assertNever(e, 'expression');
  }
}

function safeDiv(n: SqlFragment, d: SqlFragment): SqlFragment {
  return sql`(CASE WHEN ${d} = 0 THEN NULL ELSE CAST(${n} AS ${DOUBLE}) / CAST(${d} AS ${DOUBLE}) END)`;
}

export interface KpiColumns {
  numerator: SqlFragment | null;
  denominator: SqlFragment | null;
  value: SqlFragment;
}

/** Numerator, denominator and value of a KPI, as SQL over its scans' columns. */
export function compileKpiColumns(kpi: KpiDef, catalog: KpiCatalog, measure: MeasureSql): KpiColumns {
  switch (kpi.aggregation) {
    case 'ratio_of_sums': {
      const parts = splitRatio(kpi.formula);
      if (!parts) throw new Error(`${kpi.id} passed validation without a ratio`);
      const n = compileFormula(parts.numerator, measure);
      const d = compileFormula(parts.denominator, measure);
      const ratio = safeDiv(n, d);
      return {
        numerator: sql`CAST(${n} AS ${EXACT})`,
        denominator: sql`CAST(${d} AS ${EXACT})`,
        value: parts.scale ? sql`(${ratio} * CAST(${compileFormula(parts.scale, measure)} AS ${DOUBLE}))` : ratio,
      };
    }
    case 'additive':
    case 'distinct_count': {
      const v = compileFormula(kpi.formula, measure);
      return { numerator: sql`CAST(${v} AS ${EXACT})`, denominator: null, value: sql`CAST(${v} AS ${DOUBLE})` };
    }
    case 'mean_of_entities': {
      if (kpi.formula.kind !== 'ref') throw new Error(`${kpi.id} passed validation without a single measure`);
      const m = catalog.measures.get(kpi.formula.name) as MeasureDef;
      return {
        numerator: sql`CAST(COALESCE(${measureSumColumn(m, measure)}, 0) AS ${EXACT})`,
        denominator: sql`CAST(COALESCE(${measureCountColumn(m, measure)}, 0) AS ${EXACT})`,
        value: compileFormula(kpi.formula, measure),
      };
    }
    case 'not_aggregable':
      return { numerator: null, denominator: null, value: sql`CAST(${compileFormula(kpi.formula, measure)} AS ${DOUBLE})` };
    default:
      return assertNever(kpi.aggregation, 'aggregation');
  }
}

// An average's parts are addressed through the same resolver with a suffix marker.
function measureSumColumn(m: MeasureDef, measure: MeasureSql): SqlFragment {
  return measure(`${m.name}#sum`);
}
function measureCountColumn(m: MeasureDef, measure: MeasureSql): SqlFragment {
  return measure(`${m.name}#n`);
}

const KEY_COLUMNS = ['grain', 'period_start', 'period_label', 'node_kind', 'node_id'] as const;

/**
 * SELECT grain, period_start, period_label, node_kind, node_id, numerator, denominator, value
 * for a KPI, reading its scans from tables or CTEs named by `scanName`. `where` narrows the rows.
 */
export function compileKpiSelect(kpi: KpiDef, catalog: KpiCatalog, scanName: (scan: FactScan) => string, where?: SqlFragment): SqlFragment {
  const scans = kpiScans(kpi, catalog);
  const aliasOf = new Map<string, string>();
  // One scan: its rows are the keys (one per node and period), so it is read as k without a join.
  const single = scans.length === 1;
  scans.forEach((s, i) => {
    for (const m of s.measures) aliasOf.set(m.name, single ? 'k' : `s${i}`);
  });
  const resolve: MeasureSql = (name) => {
    const [base, part] = name.split('#') as [string, string | undefined];
    const m = catalog.measures.get(base);
    const alias = aliasOf.get(base);
    if (!m || !alias) throw new Error(`measure ${base} is not in a scan`);
    if (part === 'sum') return sql`${ident(alias)}.${ident(measureColumns(m)[0] as string)}`;
    if (part === 'n') return sql`${ident(alias)}.${ident(measureColumns(m)[1] as string)}`;
    return measureValue(m, alias);
  };
  const cols = compileKpiColumns(kpi, catalog, resolve);
  const keys = joinSql(
    scans.map((s) => sql`SELECT ${joinSql(KEY_COLUMNS.map((c) => ident(c)))} FROM ${ident(scanName(s))}`),
    ' UNION ',
  );
  const from = single ? ident(scanName(scans[0] as FactScan)) : sql`(${keys})`;
  const joins = (single ? [] : scans).map((s, i) => {
    const a = ident(`s${i}`);
    return sql`LEFT JOIN ${ident(scanName(s))} ${a} ON ${joinSql(
      KEY_COLUMNS.filter((c) => c !== 'period_label').map((c) => sql`${a}.${ident(c)} = k.${ident(c)}`),
      ' AND ',
    )}`;
  });
  const nullDecimal = sql`CAST(NULL AS ${EXACT})`;
  return sql`SELECT k.grain, k.period_start, k.period_label, k.node_kind, k.node_id,
    ${cols.numerator ?? nullDecimal} AS numerator, ${cols.denominator ?? nullDecimal} AS denominator, ${cols.value} AS value
  FROM ${from} k
  ${joinSql(joins, '\n  ')}${where ? sql`\n  WHERE ${where}` : sql``}`;
}
