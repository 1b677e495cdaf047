/** Small catalogs for the scorecard tests, built through the real catalog loader. */
import type { KpiCatalog } from '../metrics/kpi-definition';
import { loadCatalog } from '../metrics/load-catalog';

const MEASURES = `measures:
  won: { fact: opportunity, agg: count, filter: is_won = true, date: closed_at }
  closed: { fact: opportunity, agg: count, filter: is_closed = true, date: closed_at }
  won_amount: { fact: opportunity, agg: sum, field: amount_rc_minor, filter: is_won = true, date: closed_at }
  cycle: { fact: opportunity, agg: avg, field: 'days_between(created_at, closed_at)', date: closed_at }
  amount: { fact: order_line, agg: sum, field: amount_rc_minor }
  margin: { fact: order_line, agg: sum, field: margin_rc_minor }
  customers: { fact: order_line, agg: count_distinct, field: customer_id }
`;

export interface TestKpi {
  perspective?: string;
  unit?: string;
  direction?: string;
  aggregation?: string;
  status?: string;
  /** Over the measures above: won, closed, won_amount, cycle (opportunity); amount, margin, customers (order_line). */
  formula?: string;
}

/**
 * A catalog of these KPIs; each defaults to financial, currency, higher is
 * better, additive, active, with the formula `amount`.
 */
export function testCatalog(kpis: Record<string, TestKpi>): KpiCatalog {
  const lines = Object.entries(kpis).map(([id, k]) =>
    [
      `  ${id}:`,
      `    name: ${id.replaceAll('_', ' ')}`,
      '    description: d',
      `    perspective: ${k.perspective ?? 'financial'}`,
      `    unit: ${k.unit ?? 'currency'}`,
      `    direction: ${k.direction ?? 'higher_is_better'}`,
      '    indicator: lagging',
      '    frequency: monthly',
      '    owner: o',
      '    rationale: r',
      `    formula: "${k.formula ?? 'amount'}"`,
      `    aggregation: ${k.aggregation ?? 'additive'}`,
      `    status: ${k.status ?? 'active'}`,
      '    version: 1',
      '    effective_from: 2024-01-01',
    ].join('\n'),
  );
  const r = loadCatalog([
    { path: 'kpis/measures.yaml', text: MEASURES },
    { path: 'kpis/test.yaml', text: `kpis:\n${lines.join('\n')}\n` },
  ]);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.path}: ${d.message}`).join('\n'));
  return r.catalog;
}
