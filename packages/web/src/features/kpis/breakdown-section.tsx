import { NativeSelect, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { type Breakdown, type BreakdownDimension, fetchBreakdown } from '../../api/kpi-api';
import { type Column, DataTable } from '../../ui/data-table';
import { formatPlain, formatValue, type NumberFormat } from '../../ui/format';
import { QueryState } from '../../ui/states';

type Slice = Breakdown['slices'][number];

const LABELS: Record<BreakdownDimension, string> = {
  product_line: 'Product line',
  segment: 'Customer segment',
  territory: 'Territory',
};

/** The period's value split by product line, segment or territory; each slice recomputed by the server from its own rows. */
export function BreakdownSection(props: {
  kpiId: string;
  unit: string;
  node: string;
  period: string;
  dimensions: readonly BreakdownDimension[];
  fmt: NumberFormat;
}) {
  const { kpiId, unit, node, period, dimensions, fmt } = props;
  const headingId = useId();
  const [by, setBy] = useState<BreakdownDimension | null>(dimensions[0] ?? null);
  const breakdown = useQuery({
    queryKey: ['breakdown', kpiId, node, period, by],
    queryFn: ({ signal }) => fetchBreakdown(kpiId, { node, period, by: by as BreakdownDimension }, signal),
    enabled: by !== null,
    placeholderData: keepPreviousData,
  });
  if (by === null) {
    return (
      <section aria-labelledby={headingId}>
        <Title order={2} size="h4" id={headingId}>
          Breakdown
        </Title>
        <Text size="sm" c="dimmed">
          This KPI reads data that carries no product line, segment or territory, so it has no breakdown.
        </Text>
      </section>
    );
  }
  const columns: Column<Slice>[] = [
    { header: LABELS[by], cell: (s) => s.label, exportValue: (s) => s.label },
    { header: 'Value', cell: (s) => formatValue(s.value, unit, fmt), exportValue: (s) => s.value, numeric: true },
    { header: 'Numerator', cell: (s) => formatPlain(s.numerator, fmt.locale), exportValue: (s) => s.numerator, numeric: true },
    { header: 'Denominator', cell: (s) => formatPlain(s.denominator, fmt.locale), exportValue: (s) => s.denominator, numeric: true },
  ];
  return (
    <section aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={headingId}>
          Breakdown {period}
        </Title>
        <NativeSelect
          label="Break down by"
          size="sm"
          w={240}
          value={by}
          onChange={(e) => setBy(e.currentTarget.value as BreakdownDimension)}
          data={dimensions.map((d) => ({ value: d, label: LABELS[d] }))}
        />
        <QueryState query={breakdown} label="the breakdown">
          {(b) => (
            <DataTable
              title={`By ${LABELS[b.by].toLowerCase()}`}
              description={`Each row is recomputed from its own rows; total ${formatValue(b.total.value, unit, fmt)}.`}
              columns={columns}
              rows={b.slices}
              rowKey={(s) => s.key ?? '(none)'}
              fileName={`${kpiId}-${b.by}-${period}`}
              emptyText="Nothing in this period."
              headingOrder={3}
            />
          )}
        </QueryState>
      </Stack>
    </section>
  );
}
