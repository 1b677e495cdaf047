/** The levels a KPI is computed for. A rep's rows reach the org units of the assignment in force on the row's date. */
import { assertNever } from '../domain/assert-never';

export const NODE_KINDS = ['rep', 'team', 'region', 'division', 'enterprise'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export interface OrgNodeRef {
  kind: NodeKind;
  id: string;
}

/** The column of kpi_rep_org that holds a level's org unit (rep is the fact's own rep). */
export function orgColumn(kind: Exclude<NodeKind, 'rep'>): string {
  switch (kind) {
    case 'team':
      return 'team_id';
    case 'region':
      return 'region_id';
    case 'division':
      return 'division_id';
    case 'enterprise':
      return 'enterprise_id';
    default:
      return assertNever(kind, 'node kind');
  }
}
