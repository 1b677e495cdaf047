/**
 * Explains one KPI value: its definition and version, the SQL that computes
 * it (as this store's dialect prints it, with parameters), numerator,
 * denominator and value, and for every measure a page of the rows that add
 * up to it. Nothing here reads kpi_value: the explanation is recomputed from
 * facts, so it also shows whether a stored value is stale.
 */
import { DomainError, parsePeriod, type Period } from '@cairn/core/domain';
import {
  buildWindowRows,
  compileContributingRows,
  compileContributingTotals,
  displayKey,
  compileKpiQuery,
  KPI_GRAINS,
  type KpiCatalog,
  type KpiGrain,
  kpiMeasures,
  NODE_KINDS,
  type NodeKind,
  type OrgNodeRef,
  windowKey,
} from '@cairn/core/metrics';
import { param, type RenderedSql, renderSql, sql } from '@cairn/core/sql';
import type { CompanySettings } from '../db/company-settings';
import type { Store } from '../db/store';
import { refreshCustomerTables } from '../services/customer-derived-tables';

export interface ExplainKpiRequest {
  kpiId: string;
  /** `team:T1`, or a bare id looked up among reps and org units. */
  node: string;
  period: string;
  page?: number;
  pageSize?: number;
}

export interface ContributingRow {
  row_id: string;
  row_date: string;
  rep_id: string | null;
  team_id: string | null;
  contribution: unknown;
}

export interface MeasureExplanation {
  name: string;
  fact: string;
  aggregation: string;
  date: string;
  window: string;
  field: string | null;
  filter: string | null;
  rowCount: number;
  /** Sum of the contributions (null for a distinct count, whose rows' distinct values are counted). */
  contributionSum: string | null;
  distinctContributions: number;
  rows: ContributingRow[];
}

export interface KpiExplanation {
  kpi: {
    id: string;
    name: string;
    version: number;
    formula: string;
    unit: string;
    aggregation: string;
    status: string;
    description: string;
  };
  node: OrgNodeRef;
  period: { label: string; grain: KpiGrain; start: string; end: string };
  sql: RenderedSql;
  value: number | null;
  numerator: string | null;
  denominator: string | null;
  measures: MeasureExplanation[];
  page: number;
  pageSize: number;
}

export async function resolveNode(store: Store, text: string): Promise<OrgNodeRef> {
  const colon = text.indexOf(':');
  if (colon > 0) {
    const kind = text.slice(0, colon) as NodeKind;
    if (!NODE_KINDS.includes(kind)) throw new DomainError('invalid_input', `unknown node kind ${kind} (${NODE_KINDS.join(', ')})`);
    const id = text.slice(colon + 1);
    const found =
      kind === 'rep'
        ? await store.query(sql`SELECT 1 AS one FROM rep WHERE id = ${param(id)}`)
        : await store.query(sql`SELECT 1 AS one FROM org_unit WHERE id = ${param(id)} AND kind = ${param(kind)}`);
    if (found.length === 0) throw new DomainError('not_found', `no ${kind} ${id}; the node list (GET /api/v1/nodes) has every id`);
    return { kind, id };
  }
  const reps = await store.query<{ id: string }>(sql`SELECT id FROM rep WHERE id = ${param(text)}`);
  if (reps.length > 0) return { kind: 'rep', id: text };
  const units = await store.query<{ kind: string }>(sql`SELECT kind FROM org_unit WHERE id = ${param(text)}`);
  const kind = units[0]?.kind as NodeKind | undefined;
  if (kind && NODE_KINDS.includes(kind)) return { kind, id: text };
  throw new DomainError('not_found', `no rep or org unit ${text}; write kind:id (for example team:T1)`);
}

export async function explainKpi(
  store: Store,
  settings: CompanySettings,
  catalog: KpiCatalog,
  req: ExplainKpiRequest,
): Promise<KpiExplanation> {
  const kpi = catalog.kpis.get(req.kpiId);
  if (!kpi) throw new DomainError('not_found', `unknown KPI \`${req.kpiId}\``);
  const parsed = parsePeriod(req.period, settings.calendar);
  if (!parsed.ok) throw new DomainError('invalid_input', parsed.reason);
  const period = parsed.value as Period & { grain: KpiGrain };
  if (!KPI_GRAINS.includes(period.grain))
    throw new DomainError('invalid_input', `KPIs are computed by ${KPI_GRAINS.join(', ')}, not by ${period.grain}`);
  const node = await resolveNode(store, req.node);
  await refreshCustomerTables(store);
  const page = Math.max(1, req.page ?? 1);
  const pageSize = Math.min(1000, Math.max(1, req.pageSize ?? 50));

  const query = compileKpiQuery(kpi, catalog, { periods: [period], calendar: settings.calendar, node });
  const [row] = await store.query<{ value: number | null; numerator: string | null; denominator: string | null; grain: string }>(query);
  const measures: MeasureExplanation[] = [];
  for (const m of kpiMeasures(kpi, catalog)) {
    const windowRows = buildWindowRows([period], [m.window], settings.calendar);
    const [totals] = await store.query<{ row_count: string; contribution_sum: string | number | null; distinct_contributions: string }>(
      compileContributingTotals(m, node, windowRows, settings.calendar),
    );
    const rows = (
      await store.query<ContributingRow>(
        compileContributingRows(m, node, windowRows, { limit: pageSize, offset: (page - 1) * pageSize }, settings.calendar),
      )
    ).map((r) => (typeof r.contribution === 'string' ? { ...r, contribution: displayKey(r.contribution) } : r));
    measures.push({
      name: m.name,
      fact: m.fact,
      aggregation: m.agg,
      date: m.date,
      window: windowKey(m.window),
      field: m.fieldText,
      filter: m.filterText,
      rowCount: Number(totals?.row_count ?? 0),
      contributionSum: totals?.contribution_sum == null ? null : String(totals.contribution_sum),
      distinctContributions: Number(totals?.distinct_contributions ?? 0),
      rows,
    });
  }
  return {
    kpi: {
      id: kpi.id,
      name: kpi.name,
      version: kpi.version,
      formula: kpi.formulaText,
      unit: kpi.unit,
      aggregation: kpi.aggregation,
      status: kpi.status,
      description: kpi.description,
    },
    node,
    period: { label: period.label, grain: period.grain, start: period.start, end: period.end },
    sql: renderSql(query, store.dialect),
    value: row?.value ?? null,
    numerator: row?.numerator ?? null,
    denominator: row?.denominator ?? null,
    measures,
    page,
    pageSize,
  };
}
