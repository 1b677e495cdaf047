/**
 * Annotations on KPI values: anyone who may see a KPI value at a node and
 * period may comment on it (the access layer checks that first). Comments are
 * never edited or deleted here; they are the record of what people said.
 */
import { randomUUID } from 'node:crypto';
import { DomainError, parsePeriod } from '@cairn/core/domain';
import type { KpiCatalog, NodeKind, OrgNodeRef } from '@cairn/core/metrics';
import { param, sql } from '@cairn/core/sql';
import type { CompanySettings } from '../db/company-settings';
import type { Store } from '../db/store';
import { nowTimestamp } from '../metrics/store-kpi-definitions';

export interface AnnotationItem {
  id: string;
  kpiId: string;
  node: { kind: NodeKind; id: string };
  grain: string;
  periodLabel: string;
  periodStart: string;
  body: string;
  author: string;
  createdAt: string;
}

export const ANNOTATION_MAX_CHARS = 2000;

export async function addAnnotation(
  store: Store,
  settings: CompanySettings,
  catalog: KpiCatalog,
  req: { kpiId: string; node: OrgNodeRef; period: string; body: string; authorUserId: string; authorEmail: string },
): Promise<AnnotationItem> {
  if (!catalog.kpis.has(req.kpiId)) throw new DomainError('not_found', `no KPI \`${req.kpiId}\``);
  const body = req.body.trim();
  if (body.length === 0) throw new DomainError('invalid_input', 'an annotation needs some text');
  if (body.length > ANNOTATION_MAX_CHARS)
    throw new DomainError('invalid_input', `an annotation is at most ${ANNOTATION_MAX_CHARS} characters`);
  const p = parsePeriod(req.period, settings.calendar);
  if (!p.ok) throw new DomainError('invalid_input', p.reason);
  const item: AnnotationItem = {
    id: randomUUID(),
    kpiId: req.kpiId,
    node: { kind: req.node.kind, id: req.node.id },
    grain: p.value.grain,
    periodLabel: p.value.label,
    periodStart: p.value.start,
    body,
    author: req.authorEmail,
    createdAt: nowTimestamp(),
  };
  await store.query(sql`INSERT INTO kpi_annotation (id, kpi_id, node_kind, node_id, grain, period_label, period_start, body, author_user_id, author_email, created_at)
    VALUES (${param(item.id)}, ${param(item.kpiId)}, ${param(item.node.kind)}, ${param(item.node.id)}, ${param(item.grain)}, ${param(item.periodLabel)},
      CAST(${param(item.periodStart)} AS DATE), ${param(body)}, ${param(req.authorUserId)}, ${param(req.authorEmail)}, CAST(${param(item.createdAt)} AS TIMESTAMP))`);
  return item;
}

export async function listAnnotations(
  store: Store,
  q: { kpiId: string; node: OrgNodeRef; grain?: string; periodLabel?: string; limit: number },
): Promise<AnnotationItem[]> {
  const rows = await store.query<{
    id: string;
    kpi_id: string;
    node_kind: NodeKind;
    node_id: string;
    grain: string;
    period_label: string;
    period_start: string;
    body: string;
    author_email: string;
    created_at: string;
  }>(sql`SELECT id, kpi_id, node_kind, node_id, grain, period_label, CAST(period_start AS VARCHAR) AS period_start, body, author_email,
      CAST(created_at AS VARCHAR) AS created_at
    FROM kpi_annotation
    WHERE kpi_id = ${param(q.kpiId)} AND node_kind = ${param(q.node.kind)} AND node_id = ${param(q.node.id)}
      AND (${param(q.grain ?? '')} = '' OR grain = ${param(q.grain ?? '')})
      AND (${param(q.periodLabel ?? '')} = '' OR period_label = ${param(q.periodLabel ?? '')})
    ORDER BY period_start, created_at, id LIMIT ${param(q.limit)}`);
  return rows.map((r) => ({
    id: r.id,
    kpiId: r.kpi_id,
    node: { kind: r.node_kind, id: r.node_id },
    grain: r.grain,
    periodLabel: r.period_label,
    periodStart: r.period_start,
    body: r.body,
    author: r.author_email,
    createdAt: r.created_at,
  }));
}
