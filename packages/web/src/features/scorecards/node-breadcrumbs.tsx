import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fetchNodes } from '../../api/node-api';
import { kindLabel, type NodeRef, nodeParam } from '../../ui/node-ref';
import { scorecardPath } from '../../ui/paths';

interface Crumb extends NodeRef {
  name: string;
  /** Whether the viewer may open it: ancestors outside a manager's subtree are shown as text. */
  visible: boolean;
}

/** Walks up from the scorecard's parent through the node list (at most five levels: rep → enterprise). */
async function fetchAncestors(parent: Crumb | null, signal: AbortSignal): Promise<Crumb[]> {
  const chain: Crumb[] = [];
  let current: { id: string; kind: string | null; name: string } | null = parent;
  for (let level = 0; current && level < 5; level++) {
    const { id, kind } = current;
    const items = await fetchNodes({ q: id, limit: 50 }, signal).then(
      (r) => r.items,
      () => [],
    );
    const found = items.find((n) => n.id === id && (kind === null ? n.kind !== 'rep' : n.kind === kind));
    if (!found) {
      if (kind !== null) chain.unshift({ kind, id, name: current.name, visible: false });
      break;
    }
    chain.unshift({ kind: found.kind, id: found.id, name: found.name, visible: true });
    current = found.parentId ? { id: found.parentId, kind: null, name: found.parentId } : null;
  }
  return chain;
}

export function NodeBreadcrumbs(props: { node: NodeRef & { name: string }; parent: (NodeRef & { name: string }) | null; period: string }) {
  const { node, parent, period } = props;
  const ancestors = useQuery({
    queryKey: ['ancestors', nodeParam(node)],
    queryFn: ({ signal }) => fetchAncestors(parent ? { ...parent, visible: true } : null, signal),
    staleTime: 10 * 60_000,
  });
  const chain = ancestors.data ?? (parent ? [{ ...parent, visible: false }] : []);
  return (
    <nav aria-label="Breadcrumb">
      <Breadcrumbs separator="›" separatorMargin={6} styles={{ root: { flexWrap: 'wrap' } }}>
        {chain.map((c) =>
          c.visible ? (
            <Anchor key={nodeParam(c)} component={Link} to={scorecardPath(nodeParam(c), period)} size="sm">
              {c.name}{' '}
              <Text span size="xs" c="dimmed">
                ({kindLabel(c.kind)})
              </Text>
            </Anchor>
          ) : (
            <Text key={nodeParam(c)} size="sm" c="dimmed">
              {c.name} ({kindLabel(c.kind)})
            </Text>
          ),
        )}
        <Text size="sm" fw={600} aria-current="page">
          {node.name}{' '}
          <Text span size="xs" c="dimmed">
            ({kindLabel(node.kind)})
          </Text>
        </Text>
      </Breadcrumbs>
    </nav>
  );
}
