import { Code, SimpleGrid, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { KpiDetail } from '../../api/kpi-api';
import { type Column, DataTable } from '../../ui/data-table';
import { formatDateTime, humanize, perspectiveName } from '../../ui/format';

type Version = KpiDetail['versions'][number];

/** The KPI's definition as it stands, and every stored version of it. */
export function KpiDefinitionSection({ detail, locale }: { detail: KpiDetail; locale: string }) {
  const d = detail.definition;
  const facts: [string, ReactNode][] = [
    ['Formula', <Code key="f">{d.formula}</Code>],
    ['Perspective', perspectiveName(d.perspective)],
    ['Unit', d.unit],
    ['Direction', humanize(d.direction)],
    ['Indicator', d.indicator],
    ['Aggregation', humanize(d.aggregation)],
    ['Frequency', d.frequency],
    ['Owner', d.owner],
    ['Status', d.status],
    ['Version', `${d.version} (effective from ${d.effectiveFrom})`],
  ];
  const columns: Column<Version>[] = [
    { header: 'Version', numeric: true, cell: (v) => v.version, exportValue: (v) => v.version },
    { header: 'Status', cell: (v) => v.status, exportValue: (v) => v.status },
    { header: 'Effective from', cell: (v) => v.effective_from, exportValue: (v) => v.effective_from },
    { header: 'Stored at', cell: (v) => formatDateTime(v.stored_at, locale), exportValue: (v) => v.stored_at },
    { header: 'Stored by', cell: (v) => v.stored_by, exportValue: (v) => v.stored_by },
    {
      header: 'Definition SHA-256',
      cell: (v) => <code title={v.definition_sha256}>{v.definition_sha256.slice(0, 12)}…</code>,
      exportValue: (v) => v.definition_sha256,
    },
  ];
  return (
    <section aria-labelledby="definition-heading">
      <Title order={2} size="h4" id="definition-heading">
        Definition
      </Title>
      <Text size="sm" my="xs">
        {d.description}
      </Text>
      {d.rationale && (
        <Text size="sm" c="dimmed" mb="xs">
          Why it matters: {d.rationale}
        </Text>
      )}
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing={4} verticalSpacing={4} className="fact-list">
        {facts.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="sm" fw={600} span>
              {label}:{' '}
            </Text>
            <Text component="dd" size="sm" span>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <DataTable
        title="Version history"
        headingOrder={3}
        columns={columns}
        rows={detail.versions}
        rowKey={(v) => String(v.version)}
        fileName={`kpi-${d.id}-versions`}
        emptyText="No stored versions."
      />
    </section>
  );
}
