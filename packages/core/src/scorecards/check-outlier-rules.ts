/**
 * The outlier-deal exceptions of a template. Leaving a deal out means
 * recomputing a KPI from its parts without that deal's contribution, so a
 * listed KPI must be additive or a ratio of sums, every measure in it must
 * count opportunities (the deals the rule finds), and it must be on the
 * scorecard (a rule for a KPI the card does not show is a mistake).
 */
import type { Diagnostic } from '../domain/domain-error';
import { walkExpr } from '../metrics/formula-ast';
import type { KpiCatalog, KpiDef } from '../metrics/kpi-definition';
import type { OutlierRule } from './scorecard-types';
import { OUTLIER_RULE, parseAt, pathOf } from './template-schema';

const OUTLIER_FACT = 'opportunity';

/** The rules when all are valid, else null after adding every problem to `diagnostics`. */
export function checkOutlierRules(
  raw: readonly unknown[],
  templateKpis: ReadonlySet<string>,
  catalog: KpiCatalog,
  base: string,
  diagnostics: Diagnostic[],
): OutlierRule[] | null {
  const before = diagnostics.length;
  const rules: OutlierRule[] = [];
  const covered = new Map<string, string>();
  raw.forEach((value, i) => {
    const rule = parseAt(OUTLIER_RULE, value, pathOf(base, i), diagnostics);
    if (rule === null) return;
    rule.kpis.forEach((kpiId, j) => {
      const path = pathOf(base, i, 'kpis', j);
      const problem = kpiProblem(kpiId, catalog.kpis.get(kpiId), catalog, templateKpis);
      if (problem !== null) diagnostics.push({ path, message: problem });
      const other = covered.get(kpiId);
      if (other !== undefined) diagnostics.push({ path, message: `\`${kpiId}\` is already listed at ${other}` });
      covered.set(kpiId, path);
    });
    rules.push({ rule: rule.rule, multiple: rule.multiple, kpis: rule.kpis });
  });
  return diagnostics.length > before ? null : rules;
}

function kpiProblem(kpiId: string, def: KpiDef | undefined, catalog: KpiCatalog, templateKpis: ReadonlySet<string>): string | null {
  if (def === undefined) return `unknown KPI \`${kpiId}\``;
  if (def.status === 'retired') return `KPI \`${kpiId}\` is retired`;
  if (def.aggregation !== 'additive' && def.aggregation !== 'ratio_of_sums') {
    return `the outlier rule recomputes a KPI from its parts, so it needs an additive or ratio_of_sums KPI; \`${kpiId}\` is ${def.aggregation}`;
  }
  const elsewhere = measuresOf(def, catalog).filter((m) => catalog.measures.get(m)?.fact !== OUTLIER_FACT);
  if (elsewhere.length > 0) {
    const facts = elsewhere.map((m) => `\`${m}\` is on ${catalog.measures.get(m)?.fact}`).join(', ');
    return `the outlier rule leaves out deals, so every measure of \`${kpiId}\` must be on the ${OUTLIER_FACT} fact; ${facts}`;
  }
  if (!templateKpis.has(kpiId)) return `\`${kpiId}\` is not on this scorecard`;
  return null;
}

function measuresOf(def: KpiDef, catalog: KpiCatalog): string[] {
  const names = new Set<string>();
  walkExpr(def.formula, (e) => {
    if (e.kind === 'ref' && catalog.measures.has(e.name)) names.add(e.name);
  });
  return [...names];
}
