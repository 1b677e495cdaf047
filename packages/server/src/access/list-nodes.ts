/** Org units and reps by name or id, for pickers and search; the caller filters by scope. */
import type { NodeKind } from '@cairn/core/metrics';
import { param, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';

export interface NodeListItem {
  kind: NodeKind;
  id: string;
  name: string;
  parentId: string | null;
}

export async function listNodes(store: Store, q: { search?: string; kind?: NodeKind; limit: number }): Promise<NodeListItem[]> {
  const like = `%${(q.search ?? '').toLowerCase()}%`;
  const rows = await store.query<{ kind: NodeKind; id: string; name: string; parent_id: string | null }>(sql`
    SELECT kind, id, name, parent_id FROM (
      SELECT kind, id, name, parent_id FROM org_unit
      UNION ALL
      SELECT ${param('rep')} AS kind, id, name, CAST(NULL AS VARCHAR) AS parent_id FROM rep
    ) n
    WHERE (LOWER(name) LIKE ${param(like)} OR LOWER(id) LIKE ${param(like)})
      AND (${param(q.kind ?? '')} = '' OR kind = ${param(q.kind ?? '')})
    ORDER BY CASE kind WHEN 'enterprise' THEN 0 WHEN 'division' THEN 1 WHEN 'region' THEN 2 WHEN 'team' THEN 3 ELSE 4 END, name, id
    LIMIT ${param(q.limit)}`);
  return rows.map((r) => ({ kind: r.kind, id: r.id, name: r.name, parentId: r.parent_id }));
}
