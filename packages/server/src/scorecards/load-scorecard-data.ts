/**
 * Everything scoring reads, loaded in a few set-based queries: the org chart
 * and its history, territory potentials, the engine's KPI values (never
 * recomputed here: a region's actual is the engine's value for the region),
 * quotas, overrides and tolerances. The whole company for a full run, or one
 * node (plus what its targets need) for a single scorecard — the same shapes,
 * so both paths score identically.
 */
import type { FiscalCalendar } from '@cairn/core/domain';
import type { KpiCatalog, NodeKind } from '@cairn/core/metrics';
import {
  ActualsTable,
  type Assignment,
  type NodeInfo,
  nodeKey,
  type ScorecardData,
  type ActualsPeriod,
  type ScorecardTemplate,
  type TargetOverride,
  templateKpiIds,
} from '@cairn/core/scorecards';
import { joinSql, param, type SqlFragment, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';

export async function loadScorecardData(
  store: Store,
  calendar: FiscalCalendar,
  catalog: KpiCatalog,
  templates: ScorecardTemplate[],
  only?: { kind: NodeKind; id: string },
): Promise<ScorecardData> {
  const nodes = new Map<string, NodeInfo>();
  const units = await store.query<{ id: string; name: string; kind: NodeKind; parent_id: string | null }>(
    sql`SELECT id, name, kind, parent_id FROM org_unit`,
  );
  for (const u of units)
    nodes.set(nodeKey(u.kind, u.id), {
      kind: u.kind,
      id: u.id,
      name: u.name,
      parentId: u.parent_id,
      role: null,
      style: null,
      hireDate: null,
      trainingCohort: null,
    });
  const reps = await store.query<{
    id: string;
    name: string;
    role: string | null;
    selling_style: string | null;
    hire_date: string | null;
    training_cohort: string | null;
  }>(sql`SELECT id, name, role, selling_style, CAST(hire_date AS VARCHAR) AS hire_date, training_cohort FROM rep`);
  for (const r of reps)
    nodes.set(nodeKey('rep', r.id), {
      kind: 'rep',
      id: r.id,
      name: r.name,
      parentId: null,
      role: r.role,
      style: r.selling_style,
      hireDate: r.hire_date,
      trainingCohort: r.training_cohort,
    });

  const assignments = new Map<string, Assignment[]>();
  const rows = await store.query<{
    rep_id: string;
    org_unit_id: string;
    territory_id: string | null;
    valid_from: string;
    valid_to: string | null;
  }>(
    sql`SELECT rep_id, org_unit_id, territory_id, CAST(valid_from AS VARCHAR) AS valid_from, CAST(valid_to AS VARCHAR) AS valid_to
      FROM rep_assignment ORDER BY rep_id, valid_from`,
  );
  for (const a of rows) {
    const list = assignments.get(a.rep_id) ?? [];
    list.push({ repId: a.rep_id, orgUnitId: a.org_unit_id, territoryId: a.territory_id, validFrom: a.valid_from, validTo: a.valid_to });
    assignments.set(a.rep_id, list);
  }
  const territoryPotential = new Map<string, number>();
  for (const t of await store.query<{ id: string; p: unknown }>(
    sql`SELECT id, market_potential_minor AS p FROM territory WHERE market_potential_minor IS NOT NULL`,
  )) {
    territoryPotential.set(t.id, Number(t.p));
  }

  const actuals = await loadActuals(store, templateKpiIds(templates), only);
  const overrides = new Map<string, TargetOverride>();
  for (const o of await store.query<{
    kpi_id: string;
    node_kind: string;
    node_id: string;
    period_label: string;
    value: unknown;
    reason: string;
    set_by: string;
    set_at: string;
  }>(
    sql`SELECT kpi_id, node_kind, node_id, period_label, value, reason, set_by, CAST(set_at AS VARCHAR) AS set_at FROM kpi_target_override ORDER BY set_at`,
  )) {
    overrides.set(`${o.kpi_id}|${nodeKey(o.node_kind, o.node_id)}|${o.period_label}`, {
      value: Number(o.value),
      reason: o.reason,
      setBy: o.set_by,
      setAt: o.set_at,
    });
  }
  const tolerances = new Map<string, number>();
  for (const t of await store.query<{ region_id: string; kpi_id: string; tolerance_pp: unknown }>(
    sql`SELECT region_id, kpi_id, tolerance_pp FROM scorecard_tolerance ORDER BY set_at`,
  )) {
    tolerances.set(`${t.region_id}|${t.kpi_id}`, Number(t.tolerance_pp));
  }
  return {
    calendar,
    catalog,
    templates,
    nodes,
    assignments,
    territoryPotential,
    actuals,
    overrides,
    tolerances,
    exclusions: new Map(),
  };
}

/**
 * The engine's values of the KPIs the templates read, as a dense table. Nodes
 * and periods are numbered in the database and the values come back as
 * numeric columns: a full run reads millions of values, and an object per
 * row would cost more than the scoring. Both reads share one snapshot, so
 * the numbering cannot move between them. One node's values are few and
 * come as rows, in one scan.
 */
async function loadActuals(store: Store, kpiIds: string[], only?: { kind: NodeKind; id: string }): Promise<ActualsTable> {
  const nodeFilter: SqlFragment = only
    ? sql` AND ((v.node_kind = ${param(only.kind)} AND v.node_id = ${param(only.id)}) OR v.node_kind = ${param('enterprise')})`
    : sql``;
  const scope = sql`FROM kpi_value v WHERE v.breakdown_dimension IS NULL AND v.kpi_id IN (${joinSql(kpiIds.map((k) => param(k)))})${nodeFilter}`;
  if (only) {
    // One node's few hundred values: one scan, read as rows (numbering them in SQL would scan three times).
    const rows = await store.query<{
      kpi_id: string;
      node_kind: string;
      node_id: string;
      grain: ActualsPeriod['grain'];
      period_label: string;
      period_start: string;
      value: number | null;
      numerator: unknown;
      denominator: unknown;
    }>(sql`SELECT v.kpi_id, v.node_kind, v.node_id, v.grain, v.period_label, CAST(v.period_start AS VARCHAR) AS period_start, v.value,
      v.numerator, v.denominator ${scope}`);
    const num = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));
    return ActualsTable.fromEntries(
      rows.map((r) => ({
        nodeKey: nodeKey(r.node_kind, r.node_id),
        period: { grain: r.grain, start: r.period_start, label: r.period_label },
        kpiId: r.kpi_id,
        actual: { value: num(r.value), numerator: num(r.numerator), denominator: num(r.denominator) },
      })),
    );
  }
  // Nodes are numbered from the org chart's own tables (a few thousand rows), not from the values: a value
  // of a node the chart does not hold could never be scored (no template, no parent), so it is not read.
  const nodes = sql`SELECT node_kind, node_id, CAST(ROW_NUMBER() OVER (ORDER BY node_kind, node_id) - 1 AS INTEGER) AS i
    FROM (SELECT CAST(${param('rep')} AS VARCHAR) AS node_kind, id AS node_id FROM rep UNION ALL SELECT kind, id FROM org_unit) d`;
  const periods = sql`SELECT grain, period_start, label, CAST(ROW_NUMBER() OVER (ORDER BY grain, period_start) - 1 AS INTEGER) AS i
    FROM (SELECT v.grain, v.period_start, MIN(v.period_label) AS label ${scope} GROUP BY v.grain, v.period_start) d`;
  const kpiCode = sql`CASE v.kpi_id ${joinSql(
    kpiIds.map((k, i) => sql`WHEN ${param(k)} THEN CAST(${param(i)} AS INTEGER)`),
    ' ',
  )} END`;
  return store.session((s) =>
    s.snapshot(async () => {
      const nodeRows = await s.query<{ node_kind: string; node_id: string; i: number }>(sql`${nodes} ORDER BY i`);
      const periodRows = await s.query<{ grain: ActualsPeriod['grain']; period_start: string; label: string; i: number }>(
        sql`SELECT grain, CAST(period_start AS VARCHAR) AS period_start, label, i FROM (${periods}) p ORDER BY i`,
      );
      // The periods just read go back in as a list (another GROUP BY would scan every value again).
      const periodList =
        periodRows.length === 0
          ? sql`SELECT CAST(NULL AS VARCHAR) AS grain, CAST(NULL AS DATE) AS period_start, CAST(NULL AS INTEGER) AS i WHERE 1 = 0`
          : sql`SELECT * FROM (VALUES ${joinSql(
              periodRows.map((r) => sql`(${param(r.grain)}, CAST(${param(r.period_start)} AS DATE), CAST(${param(r.i)} AS INTEGER))`),
            )}) AS l(grain, period_start, i)`;
      const { rowCount, columns } = await s.numericColumns(sql`WITH n AS (${nodes}), p AS (${periodList})
        SELECT n.i, p.i, ${kpiCode}, v.value, CAST(v.numerator AS DOUBLE PRECISION), CAST(v.denominator AS DOUBLE PRECISION)
        FROM (SELECT v.* ${scope}) v
        JOIN n ON n.node_kind = v.node_kind AND n.node_id = v.node_id
        JOIN p ON p.grain = v.grain AND p.period_start = v.period_start`);
      const [node, period, kpi, value, numerator, denominator] = columns as [
        Float64Array,
        Float64Array,
        Float64Array,
        Float64Array,
        Float64Array,
        Float64Array,
      ];
      return ActualsTable.fromColumns(
        nodeRows.map((r) => nodeKey(r.node_kind, r.node_id)),
        periodRows.map((r) => ({ grain: r.grain, start: r.period_start, label: r.label })),
        kpiIds,
        { node, period, kpi, value, numerator, denominator },
        rowCount,
      );
    }),
  );
}
