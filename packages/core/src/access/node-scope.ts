/**
 * What a viewer may see of the org tree, decided in one place. Two depths:
 * `detail` (a node's rows — deals, order lines — and its children) and
 * `aggregate` (a node's KPI values and scorecard only). A manager sees the
 * detail of their subtree; a rep sees their own detail plus the aggregates
 * their role is configured to see (by default their team of that time and
 * the enterprise); admins, sales ops, executives, finance and auditors see
 * everything by role. A rep belongs to a subtree through the assignment in
 * force on the day asked about, so a manager never sees a rep's months in
 * another team.
 */
import { assertNever } from '../domain/assert-never';
import type { NodeKind } from '../metrics/org-node';
import type { Viewer } from '../contract/viewer';

export type ScopeDepth = 'detail' | 'aggregate';

export interface AccessConfig {
  /** Which aggregates a rep sees besides their own detail: their team (of that time) and/or the enterprise. */
  repAggregates: readonly ('team' | 'region' | 'division' | 'enterprise')[];
}

export const DEFAULT_ACCESS: AccessConfig = { repAggregates: ['team', 'enterprise'] };

/** The org chart as scope needs it. */
export interface OrgIndex {
  /** The parent of an org unit, or null at the top. */
  parentOf(unitId: string): string | null;
  kindOf(unitId: string): NodeKind | null;
  /** The org unit a rep was assigned to on `date`, or null. */
  repUnitAt(repId: string, date: string): string | null;
}

export interface NodeRef {
  kind: NodeKind;
  id: string;
}

/** The org unit and its ancestors, nearest first. */
export function ancestors(org: OrgIndex, unitId: string): string[] {
  const out: string[] = [];
  for (let u: string | null = unitId; u !== null && out.length < 16; u = org.parentOf(u)) out.push(u);
  return out;
}

/** May the viewer see this node, at this depth, as of `date`? */
export function canSeeNode(
  viewer: Viewer,
  node: NodeRef,
  depth: ScopeDepth,
  org: OrgIndex,
  date: string,
  cfg: AccessConfig = DEFAULT_ACCESS,
): boolean {
  switch (viewer.role) {
    case 'admin':
    case 'sales_ops':
    case 'executive':
    case 'finance':
    case 'auditor':
      return true;
    case 'manager': {
      if (!viewer.orgUnitId) return false;
      const unit = node.kind === 'rep' ? org.repUnitAt(node.id, date) : node.id;
      return unit !== null && ancestors(org, unit).includes(viewer.orgUnitId);
    }
    case 'rep': {
      if (!viewer.repId) return false;
      if (node.kind === 'rep') return node.id === viewer.repId;
      if (depth === 'detail') return false;
      if (!cfg.repAggregates.includes(node.kind as AccessConfig['repAggregates'][number])) return false;
      if (node.kind === 'enterprise') return true;
      const own = org.repUnitAt(viewer.repId, date);
      return own !== null && ancestors(org, own).includes(node.id);
    }
    default:
      return assertNever(viewer.role, 'role');
  }
}
