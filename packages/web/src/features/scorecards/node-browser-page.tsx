import { Anchor, Group, NativeSelect, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fetchNodes, type NodeKind, type OrgNode } from '../../api/node-api';
import { type Column, DataTable } from '../../ui/data-table';
import { kindLabel, nodeParam } from '../../ui/node-ref';
import { scorecardPath } from '../../ui/paths';
import { QueryState } from '../../ui/states';
import { useUrlParams } from '../../ui/use-url-params';

const KINDS: readonly NodeKind[] = ['enterprise', 'division', 'region', 'team', 'rep'];

/** `/scorecards`: find any node the viewer may see (search and kind kept in the URL) and open its scorecard. */
export function NodeBrowserPage() {
  const [params, set] = useUrlParams();
  const q = params.get('q') ?? '';
  const kind = (KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as NodeKind) : undefined;
  const period = params.get('period');
  const [debouncedQ] = useDebouncedValue(q, 250);
  const nodes = useQuery({
    queryKey: ['nodes', debouncedQ, kind],
    queryFn: ({ signal }) => fetchNodes({ q: debouncedQ || undefined, kind, limit: 200 }, signal),
    placeholderData: keepPreviousData,
  });
  const columns: Column<OrgNode>[] = [
    {
      header: 'Name',
      cell: (n) => (
        <Anchor component={Link} to={scorecardPath(nodeParam(n), period)} size="sm" fw={500}>
          {n.name}
        </Anchor>
      ),
      exportValue: (n) => n.name,
    },
    { header: 'Kind', cell: (n) => kindLabel(n.kind), exportValue: (n) => kindLabel(n.kind) },
    { header: 'Id', cell: (n) => n.id, exportValue: (n) => n.id },
    { header: 'Parent', cell: (n) => n.parentId ?? '—', exportValue: (n) => n.parentId },
  ];
  return (
    <>
      <Title order={1}>Scorecards</Title>
      <Group my="md" align="flex-end" wrap="wrap">
        <TextInput label="Search" placeholder="Name or id" value={q} onChange={(e) => set('q', e.currentTarget.value)} w={280} />
        <NativeSelect
          label="Kind"
          value={kind ?? ''}
          onChange={(e) => set('kind', e.currentTarget.value)}
          data={[{ value: '', label: 'Any kind' }, ...KINDS.map((k) => ({ value: k, label: kindLabel(k) }))]}
        />
      </Group>
      <QueryState query={nodes} label="nodes">
        {(data) => (
          <DataTable
            title="Nodes"
            description="Up to 200 matches; narrow the search to find more."
            columns={columns}
            rows={data.items}
            rowKey={(n) => nodeParam(n)}
            fileName="nodes"
            emptyText={q ? `No node you may see matches “${q}”.` : 'No nodes you may see.'}
          />
        )}
      </QueryState>
    </>
  );
}
