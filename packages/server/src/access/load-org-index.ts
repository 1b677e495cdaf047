/**
 * The org chart as scope reads it: every org unit's parent and kind, and
 * every rep's assignment history, in two small queries. A server keeps it in
 * its cache under the data stamp (services/data-stamp), so an import that
 * changes the chart or an assignment applies from the next stamp on.
 */
import type { OrgIndex } from '@cairn/core/access';
import type { NodeKind } from '@cairn/core/metrics';
import { sql } from '@cairn/core/sql';
import type { Store } from '../db/store';

export async function loadOrgIndex(store: Store): Promise<OrgIndex> {
  const units = await store.query<{ id: string; kind: NodeKind; parent_id: string | null }>(sql`SELECT id, kind, parent_id FROM org_unit`);
  const parent = new Map(units.map((u) => [u.id, u.parent_id]));
  const kind = new Map(units.map((u) => [u.id, u.kind]));
  const assignments = await store.query<{ rep_id: string; org_unit_id: string; valid_from: string; valid_to: string | null }>(
    sql`SELECT rep_id, org_unit_id, CAST(valid_from AS VARCHAR) AS valid_from, CAST(valid_to AS VARCHAR) AS valid_to FROM rep_assignment`,
  );
  const byRep = new Map<string, typeof assignments>();
  for (const a of assignments) {
    const list = byRep.get(a.rep_id) ?? [];
    list.push(a);
    byRep.set(a.rep_id, list);
  }
  return {
    parentOf: (u) => parent.get(u) ?? null,
    kindOf: (u) => kind.get(u) ?? null,
    repUnitAt: (rep, date) =>
      byRep.get(rep)?.find((a) => a.valid_from <= date && (a.valid_to === null || date < a.valid_to))?.org_unit_id ?? null,
  };
}
