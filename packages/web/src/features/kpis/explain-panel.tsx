import { Anchor, Code, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { type Explain, fetchExplain } from '../../api/kpi-api';
import { type Column, DataTable } from '../../ui/data-table';
import { formatPlain, formatValue, type NumberFormat } from '../../ui/format';
import { Pager } from '../../ui/pager';
import { scorecardPath } from '../../ui/paths';
import { QueryState } from '../../ui/states';
import { AnnotationList } from './annotation-panel';

type Measure = Explain['measures'][number];
type Row = Measure['rows'][number];
const PAGE_SIZE = 50;

/** Explain: the value's inputs (numerator, denominator, formula, the SQL that made it) and, per measure, a paged table of the rows behind it. */
export function ExplainPanel(props: { kpiId: string; node: string; period: string; fmt: NumberFormat }) {
  const { kpiId, node, period, fmt } = props;
  const [page, setPage] = useState(1);
  const explain = useQuery({
    queryKey: ['explain', kpiId, node, period, page],
    queryFn: ({ signal }) => fetchExplain(kpiId, { node, period, page, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <QueryState query={explain} label="explain">
      {(x) => {
        const rowTotal = Math.max(0, ...x.measures.map((m) => m.rowCount));
        return (
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Fact label="Value" value={formatValue(x.value, x.kpi.unit, fmt)} />
              <Fact label="Numerator" value={formatPlain(x.numerator, fmt.locale)} />
              <Fact label="Denominator" value={formatPlain(x.denominator, fmt.locale)} />
            </SimpleGrid>
            <Text size="sm">
              {x.kpi.name} v{x.kpi.version} ({x.kpi.aggregation.replace(/_/g, ' ')}) for {x.node.kind}:{x.node.id}, {x.period.label} (
              {x.period.start} to {x.period.end})
            </Text>
            <div>
              <Text size="sm" fw={600}>
                Formula
              </Text>
              <Code block>{x.kpi.formula}</Code>
            </div>
            <details>
              <summary>
                <Text span size="sm" fw={600}>
                  SQL that computed the value
                </Text>
              </summary>
              <Code block mt="xs">
                {x.sql.text}
              </Code>
              <Text size="sm" mt={4}>
                Parameters: <Code>{JSON.stringify(x.sql.params)}</Code>
              </Text>
            </details>
            {x.measures.map((m) => (
              <MeasureRows
                key={m.name}
                measure={m}
                fmt={fmt}
                period={period}
                fileName={`explain-${kpiId}-${node}-${period}-${m.name}-page-${x.page}`}
              />
            ))}
            {x.measures.length > 0 && (
              <Pager label="Explain rows" page={x.page} pageSize={x.pageSize} total={rowTotal} shown={PAGE_SIZE} onPage={setPage} />
            )}
            <div>
              <Title order={3} size="h5">
                Annotations on {period}
              </Title>
              <AnnotationList annotations={x.annotations} locale={fmt.locale} />
            </div>
          </Stack>
        );
      }}
    </QueryState>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={600}>
        {value}
      </Text>
    </Paper>
  );
}

function MeasureRows({ measure: m, fmt, period, fileName }: { measure: Measure; fmt: NumberFormat; period: string; fileName: string }) {
  const columns: Column<Row>[] = [
    { header: 'Row', cell: (r) => <code>{r.row_id}</code>, exportValue: (r) => r.row_id },
    { header: 'Date', cell: (r) => r.row_date, exportValue: (r) => r.row_date },
    {
      header: 'Rep',
      cell: (r) =>
        r.rep_id ? (
          <Anchor component={Link} to={scorecardPath(`rep:${r.rep_id}`, period)} size="sm">
            {r.rep_id}
          </Anchor>
        ) : (
          '—'
        ),
      exportValue: (r) => r.rep_id,
    },
    { header: 'Team', cell: (r) => r.team_id ?? '—', exportValue: (r) => r.team_id },
    {
      header: 'Contribution',
      numeric: true,
      cell: (r) => formatPlain(r.contribution, fmt.locale),
      exportValue: (r) => (typeof r.contribution === 'number' ? r.contribution : formatPlain(r.contribution, 'en-US')),
    },
  ];
  const what = [
    `${m.aggregation}${m.field ? ` of ${m.field}` : ''} over ${m.fact}`,
    m.filter ? `where ${m.filter}` : null,
    `dated by ${m.date}, window ${m.window}`,
    `${m.rowCount} rows`,
    m.contributionSum !== null
      ? `contributions add up to ${formatPlain(m.contributionSum, fmt.locale)}`
      : `${m.distinctContributions} distinct values`,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <DataTable
      title={`Rows behind ${m.name}`}
      headingOrder={3}
      description={
        <Group gap={4}>
          <span>{what}</span>
        </Group>
      }
      columns={columns}
      rows={m.rows}
      rowKey={(r, i) => `${r.row_id}-${i}`}
      fileName={fileName}
      emptyText="No rows on this page."
    />
  );
}
