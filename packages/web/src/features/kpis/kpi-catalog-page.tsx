import { PERSPECTIVES, STATUSES } from '@cairn/core/metrics';
import { Anchor, Badge, Group, NativeSelect, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fetchKpiList, type KpiList } from '../../api/kpi-api';
import { type Column, DataTable } from '../../ui/data-table';
import { humanize, perspectiveName } from '../../ui/format';
import { Pager } from '../../ui/pager';
import { kpiPath } from '../../ui/paths';
import { QueryState } from '../../ui/states';
import { useUrlParams } from '../../ui/use-url-params';

type KpiDefinition = KpiList['items'][number];
const PAGE_SIZE = 50;

/** `/kpis`: the searchable KPI catalog; search, filters and page live in the URL. */
export function KpiCatalogPage() {
  const [params, set] = useUrlParams();
  const q = params.get('q') ?? '';
  const perspective = params.get('perspective') ?? '';
  const status = params.get('status') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [debouncedQ] = useDebouncedValue(q, 250);
  const list = useQuery({
    queryKey: ['kpis', debouncedQ, perspective, status, page],
    queryFn: ({ signal }) =>
      fetchKpiList(
        {
          q: debouncedQ || undefined,
          perspective: perspective || undefined,
          status: status || undefined,
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const columns: Column<KpiDefinition>[] = [
    {
      header: 'KPI',
      cell: (k) => (
        <Anchor component={Link} to={kpiPath(k.id, null, null)} size="sm" fw={500}>
          {k.name}
        </Anchor>
      ),
      exportValue: (k) => k.name,
    },
    { header: 'Id', cell: (k) => <code>{k.id}</code>, exportValue: (k) => k.id },
    { header: 'Perspective', cell: (k) => perspectiveName(k.perspective), exportValue: (k) => perspectiveName(k.perspective) },
    { header: 'Unit', cell: (k) => k.unit, exportValue: (k) => k.unit },
    { header: 'Direction', cell: (k) => humanize(k.direction), exportValue: (k) => humanize(k.direction) },
    {
      header: 'Status',
      cell: (k) => (
        <Badge variant="light" color={k.status === 'active' ? 'teal' : k.status === 'pilot' ? 'blue' : 'gray'}>
          {k.status}
        </Badge>
      ),
      exportValue: (k) => k.status,
    },
    { header: 'Version', numeric: true, cell: (k) => k.version, exportValue: (k) => k.version },
    { header: 'Owner', cell: (k) => k.owner, exportValue: (k) => k.owner },
    { header: 'Description', cell: (k) => k.description, exportValue: (k) => k.description },
  ];
  return (
    <>
      <Title order={1}>KPI catalog</Title>
      <Group my="md" align="flex-end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Name, id or description"
          value={q}
          onChange={(e) => set('q', e.currentTarget.value)}
          w={280}
        />
        <NativeSelect
          label="Perspective"
          value={perspective}
          onChange={(e) => set('perspective', e.currentTarget.value)}
          data={[{ value: '', label: 'All perspectives' }, ...PERSPECTIVES.map((p) => ({ value: p, label: perspectiveName(p) }))]}
        />
        <NativeSelect
          label="Status"
          value={status}
          onChange={(e) => set('status', e.currentTarget.value)}
          data={[{ value: '', label: 'Any status' }, ...STATUSES.map((s) => ({ value: s, label: s }))]}
        />
      </Group>
      <QueryState query={list} label="the KPI catalog">
        {(data) => (
          <DataTable
            title="KPI definitions"
            columns={columns}
            rows={data.items}
            rowKey={(k) => k.id}
            fileName="kpi-catalog"
            emptyText="No KPI matches these filters."
            footer={
              <Pager
                label="KPI catalog"
                page={page}
                pageSize={PAGE_SIZE}
                total={data.total}
                shown={data.items.length}
                onPage={(p) => set('page', String(p))}
              />
            }
          />
        )}
      </QueryState>
    </>
  );
}
