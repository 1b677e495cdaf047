/**
 * Checks a KPI formula whose references to other KPIs are already inlined:
 * only measures, numbers, + - *, division by a non-zero constant,
 * safe_div(a, b) (a zero guard) and greatest(a, b) (a floor) are allowed; units must agree; the declared
 * aggregation must be one the formula can honour at every level.
 */
import { assertNever } from '../domain/assert-never';
import { isNonZeroConstant } from './check-field-expression';
import type { Expr } from './formula-ast';
import type { Aggregation, KpiUnit, MeasureDef } from './kpi-definition';
import { splitRatio } from './split-ratio';

export type InferredUnit = 'currency' | 'count' | 'days' | 'number' | 'ratio' | 'constant';
export type MeasureUnit = 'currency' | 'count' | 'days' | 'number';

export interface FormulaProblem {
  at: number;
  message: string;
}

const ACCEPTS: Record<KpiUnit, readonly InferredUnit[]> = {
  currency: ['currency'],
  count: ['count', 'number', 'constant'],
  days: ['days'],
  percent: ['ratio', 'number'],
  ratio: ['ratio', 'number'],
  score: ['ratio', 'number', 'count'],
};

/** The unit of a measure's values, from its aggregation and its field's type. */
export function measureUnit(m: MeasureDef, fieldType: 'money' | 'number' | 'days' | 'text' | 'boolean' | 'date' | null): MeasureUnit {
  if (m.agg === 'count' || m.agg === 'count_distinct') return 'count';
  if (fieldType === 'money') return 'currency';
  if (fieldType === 'days') return 'days';
  return 'number';
}

/** `broken` names measures that exist but failed their own checks: reported there, not again here. */
function unitOf(
  e: Expr,
  units: ReadonlyMap<string, MeasureUnit>,
  problems: FormulaProblem[],
  broken: ReadonlySet<string>,
): InferredUnit | null {
  const fail = (message: string): null => {
    problems.push({ at: e.at, message });
    return null;
  };
  switch (e.kind) {
    case 'number':
      return 'constant';
    case 'string':
    case 'boolean':
      return fail('a KPI formula works on numbers only; put conditions in a measure filter');
    case 'ref':
      if (e.member !== null) return fail(`\`${e.name}.${e.member}\`: a KPI formula names measures, not fields`);
      return units.get(e.name) ?? (broken.has(e.name) ? null : fail(`unknown measure \`${e.name}\``));
    case 'unary':
      if (e.op === 'not') return fail("'not' has no meaning in a KPI formula");
      return unitOf(e.operand, units, problems, broken);
    case 'binary': {
      if (!['+', '-', '*', '/'].includes(e.op))
        return fail(`'${e.op}' has no meaning in a KPI formula; put conditions in a measure filter`);
      const l = unitOf(e.left, units, problems, broken);
      const r = unitOf(e.right, units, problems, broken);
      if (l === null || r === null) return null;
      switch (e.op) {
        case '+':
        case '-':
          if (l === r || r === 'constant') return l;
          if (l === 'constant') return r;
          if ((l === 'number' || r === 'number') && l !== 'currency' && r !== 'currency' && l !== 'days' && r !== 'days') return 'number';
          return fail(`unit mismatch: ${l} ${e.op} ${r}`);
        case '*':
          if (l === 'constant') return r;
          if (r === 'constant') return l;
          if (l === 'number' || l === 'ratio') return r;
          if (r === 'number' || r === 'ratio') return l;
          return fail(`unit mismatch: ${l} * ${r}`);
        case '/':
          if (!isNonZeroConstant(e.right)) return fail('division without zero guard: use safe_div(numerator, denominator)');
          return l;
        default:
          return fail(`'${e.op}' has no meaning in a KPI formula`);
      }
    }
    case 'call': {
      if (e.name !== 'safe_div' && e.name !== 'greatest')
        return fail(`unknown function \`${e.name}\` (a KPI formula may call safe_div and greatest)`);
      if (e.args.length !== 2) return fail(`${e.name} takes two arguments`);
      const [a, b] = e.args.map((x) => unitOf(x, units, problems, broken));
      if (a == null || b == null) return null;
      if (e.name === 'greatest') {
        if (a === b || b === 'constant') return a;
        if (a === 'constant') return b;
        return fail(`unit mismatch: greatest(${a}, ${b})`);
      }
      if (a === b) return a === 'constant' ? 'constant' : 'ratio';
      if (b === 'count' || b === 'number' || b === 'constant') return a === 'count' || a === 'constant' ? 'ratio' : a;
      return 'number';
    }
    case 'in':
    case 'is_null':
      return fail('conditions belong in a measure filter, not a KPI formula');
    default:
      return assertNever(e, 'expression');
  }
}

/** True when the expression is a sum or difference of sums and counts, scaled by constants. */
export function isLinear(e: Expr, measures: ReadonlyMap<string, MeasureDef>): boolean {
  switch (e.kind) {
    case 'number':
      return true;
    case 'ref': {
      const m = measures.get(e.name);
      return m !== undefined && (m.agg === 'sum' || m.agg === 'count');
    }
    case 'unary':
      return e.op === '-' && isLinear(e.operand, measures);
    case 'binary':
      if (e.op === '+' || e.op === '-') return isLinear(e.left, measures) && isLinear(e.right, measures);
      if (e.op === '*')
        return (e.left.kind === 'number' || e.right.kind === 'number') && isLinear(e.left, measures) && isLinear(e.right, measures);
      if (e.op === '/') return isNonZeroConstant(e.right) && isLinear(e.left, measures);
      return false;
    default:
      return false;
  }
}

function checkAggregation(e: Expr, aggregation: Aggregation, measures: ReadonlyMap<string, MeasureDef>): string | null {
  const single = e.kind === 'ref' ? measures.get(e.name) : undefined;
  switch (aggregation) {
    case 'additive':
      return isLinear(e, measures)
        ? null
        : 'aggregation additive needs sums and counts combined with + and - only (a distinct count, an average or a ratio does not add up)';
    case 'ratio_of_sums': {
      const parts = splitRatio(e);
      if (parts === null)
        return 'aggregation ratio_of_sums needs the formula safe_div(numerator, denominator), optionally times a constant';
      if (!isLinear(parts.numerator, measures) || !isLinear(parts.denominator, measures)) {
        return 'aggregation ratio_of_sums needs a numerator and a denominator made of sums and counts';
      }
      return null;
    }
    case 'distinct_count':
      return single?.agg === 'count_distinct' ? null : 'aggregation distinct_count needs the formula to be one count_distinct measure';
    case 'mean_of_entities':
      return single?.agg === 'avg' ? null : 'aggregation mean_of_entities needs the formula to be one avg measure';
    case 'not_aggregable':
      return null;
    default:
      return assertNever(aggregation, 'aggregation');
  }
}

/** Every problem of an inlined formula against its declared unit and aggregation. */
export function checkKpiFormula(
  e: Expr,
  declared: { unit: KpiUnit; aggregation: Aggregation },
  measures: ReadonlyMap<string, MeasureDef>,
  units: ReadonlyMap<string, MeasureUnit>,
  broken: ReadonlySet<string> = new Set(),
): { problems: FormulaProblem[]; unit: InferredUnit | null } {
  const problems: FormulaProblem[] = [];
  const unit = unitOf(e, units, problems, broken);
  if (problems.length > 0 || unit === null) return { problems, unit };
  if (unit !== null && !ACCEPTS[declared.unit].includes(unit)) {
    problems.push({ at: 0, message: `unit mismatch: the formula gives ${unit} but the KPI declares ${declared.unit}` });
  }
  const agg = checkAggregation(e, declared.aggregation, measures);
  if (agg !== null) problems.push({ at: 0, message: agg });
  return { problems, unit };
}
