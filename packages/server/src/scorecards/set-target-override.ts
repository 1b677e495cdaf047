/**
 * Manual target overrides and regional tolerances. Both are append-only: a
 * new row supersedes the old one for its key, and the old rows remain as the
 * record of who changed what, when and why. A reason is required.
 */
import { randomUUID } from 'node:crypto';
import { DomainError, parsePeriod } from '@cairn/core/domain';
import type { KpiCatalog } from '@cairn/core/metrics';
import { param, sql } from '@cairn/core/sql';
import type { CompanySettings } from '../db/company-settings';
import type { Store } from '../db/store';
import { resolveNode } from '../metrics/explain-kpi';

/** To the millisecond: the latest row for a key is the one in force, so two changes in one second must still order. */
const nowMillis = () => new Date().toISOString().replace('T', ' ').replace('Z', '');

export interface TargetOverrideRequest {
  kpiId: string;
  node: string;
  period: string;
  value: number;
  reason: string;
  actor: string;
}

function requireReason(reason: string): string {
  const r = reason.trim();
  if (r.length < 3) throw new DomainError('invalid_input', 'give a reason (--reason): it is recorded with the change');
  return r;
}

export async function setTargetOverride(
  store: Store,
  settings: CompanySettings,
  catalog: KpiCatalog,
  req: TargetOverrideRequest,
): Promise<{ kpiId: string; node: string; period: string; value: number }> {
  if (!catalog.kpis.has(req.kpiId)) throw new DomainError('not_found', `unknown KPI \`${req.kpiId}\``);
  if (!Number.isFinite(req.value)) throw new DomainError('invalid_input', `target value ${req.value} is not a number`);
  const period = parsePeriod(req.period, settings.calendar);
  if (!period.ok) throw new DomainError('invalid_input', period.reason);
  const node = await resolveNode(store, req.node);
  const reason = requireReason(req.reason);
  await store.query(sql`INSERT INTO kpi_target_override (id, kpi_id, node_kind, node_id, period_label, value, reason, set_by, set_at)
    VALUES (${param(randomUUID())}, ${param(req.kpiId)}, ${param(node.kind)}, ${param(node.id)}, ${param(period.value.label)}, ${param(req.value)}, ${param(reason)},
      ${param(req.actor)}, CAST(${param(nowMillis())} AS TIMESTAMP))`);
  return { kpiId: req.kpiId, node: `${node.kind}:${node.id}`, period: period.value.label, value: req.value };
}

export interface ToleranceRequest {
  regionId: string;
  /** A KPI id, or `*` for every KPI of the region. */
  kpiId: string;
  tolerancePp: number;
  reason: string;
  actor: string;
}

export async function setRegionTolerance(store: Store, catalog: KpiCatalog, req: ToleranceRequest): Promise<ToleranceRequest> {
  if (req.kpiId !== '*' && !catalog.kpis.has(req.kpiId)) throw new DomainError('not_found', `unknown KPI \`${req.kpiId}\``);
  if (!Number.isFinite(req.tolerancePp) || Math.abs(req.tolerancePp) > 50) {
    throw new DomainError('invalid_input', `tolerance ${req.tolerancePp} must be a number of percentage points between -50 and 50`);
  }
  const regions = await store.query<{ id: string }>(
    sql`SELECT id FROM org_unit WHERE id = ${param(req.regionId)} AND kind = ${param('region')}`,
  );
  if (regions.length === 0) throw new DomainError('not_found', `no region ${req.regionId}`);
  const reason = requireReason(req.reason);
  await store.query(sql`INSERT INTO scorecard_tolerance (id, region_id, kpi_id, tolerance_pp, reason, set_by, set_at)
    VALUES (${param(randomUUID())}, ${param(req.regionId)}, ${param(req.kpiId)}, ${param(req.tolerancePp)}, ${param(reason)}, ${param(req.actor)},
      CAST(${param(nowMillis())} AS TIMESTAMP))`);
  return { ...req, reason };
}
