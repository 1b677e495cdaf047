import type { Viewer } from '@cairn/core/contract';
import { useQuery } from '@tanstack/react-query';
import { fetchNodes } from '../../api/node-api';
import { nodeParam } from '../../ui/node-ref';

/**
 * The node of "my scorecard": a rep's own scorecard; a manager's org unit
 * (looked up by id to learn its kind); anyone else's, the enterprise.
 */
export async function resolveMyNode(viewer: Viewer, signal?: AbortSignal): Promise<string | null> {
  if (viewer.role === 'rep' && viewer.repId) return nodeParam({ kind: 'rep', id: viewer.repId });
  if (viewer.orgUnitId) {
    const unitId = viewer.orgUnitId;
    const found = await fetchNodes({ q: unitId, limit: 50 }, signal);
    const unit = found.items.find((n) => n.id === unitId && n.kind !== 'rep');
    if (unit) return nodeParam(unit);
  }
  if (viewer.repId) return nodeParam({ kind: 'rep', id: viewer.repId });
  const enterprise = await fetchNodes({ kind: 'enterprise', limit: 1 }, signal);
  const first = enterprise.items[0];
  return first ? nodeParam(first) : null;
}

/** Resolved once per signed-in user; pass null to skip (a page that already has its node). */
export function useMyNode(viewer: Viewer | null) {
  return useQuery({
    queryKey: ['my-node', viewer?.userId],
    queryFn: ({ signal }) => (viewer ? resolveMyNode(viewer, signal) : null),
    enabled: viewer !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
