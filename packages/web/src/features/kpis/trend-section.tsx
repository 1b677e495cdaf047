import { Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import type { Annotation } from '../../api/annotation-api';
import type { KpiTrend, TrendPoint } from '../../api/kpi-api';
import { BandBadge, bandLabel } from '../../ui/band-badge';
import { type Column, DataTable } from '../../ui/data-table';
import { EChart } from '../../ui/e-chart';
import { formatValue, type NumberFormat } from '../../ui/format';
import { groupAnnotations, trendChartOption } from './trend-chart-option';

/** The trend chart and, for readers who cannot see it (and for export), the same values as a table. */
export function TrendSection(props: {
  kpiId: string;
  kpiName: string;
  unit: string;
  trend: KpiTrend;
  annotations: readonly Annotation[];
  fmt: NumberFormat;
  grain: string;
}) {
  const { kpiName, unit, trend, annotations, fmt, grain } = props;
  const description = `Trend of ${kpiName} for ${trend.node.kind} ${trend.node.id} by ${grain}, with the target as a dashed line and each period's band as its background. The table below lists the same values.`;
  const option = useMemo(
    () => trendChartOption({ kpiName, unit, points: trend.points, annotations, fmt, description }),
    [kpiName, unit, trend.points, annotations, fmt, description],
  );
  const notes = groupAnnotations(annotations);
  const noteText = (p: TrendPoint) => (notes.get(p.periodLabel) ?? []).map((a) => a.body).join(' | ');
  const columns: Column<TrendPoint>[] = [
    { header: 'Period', cell: (p) => p.periodLabel, exportValue: (p) => p.periodLabel },
    { header: 'Value', numeric: true, cell: (p) => formatValue(p.value, unit, fmt), exportValue: (p) => formatValue(p.value, unit, fmt) },
    {
      header: 'Target',
      numeric: true,
      cell: (p) => formatValue(p.target, unit, fmt),
      exportValue: (p) => formatValue(p.target, unit, fmt),
    },
    { header: 'Band', cell: (p) => <BandBadge band={p.band} />, exportValue: (p) => bandLabel(p.band) },
    { header: 'Annotations', cell: (p) => noteText(p) || '—', exportValue: noteText },
  ];
  return (
    <section aria-labelledby="trend-heading">
      <Title order={2} size="h4" id="trend-heading">
        Trend
      </Title>
      {trend.points.length === 0 ? (
        <Text c="dimmed" size="sm">
          No values for this node yet.
        </Text>
      ) : (
        <figure style={{ margin: 0 }}>
          <EChart option={option} />
          <Text component="figcaption" size="xs" c="dimmed">
            Points and backgrounds are coloured by the band the stored scorecard gave each period (green, amber, red; grey for no data); the
            dashed line is the target; pins mark annotations.
          </Text>
        </figure>
      )}
      <DataTable
        title="Values"
        headingOrder={3}
        columns={columns}
        rows={trend.points}
        rowKey={(p) => p.periodLabel}
        fileName={`values-${props.kpiId}-${trend.node.kind}-${trend.node.id}-${grain}`}
        emptyText="No values."
      />
    </section>
  );
}
