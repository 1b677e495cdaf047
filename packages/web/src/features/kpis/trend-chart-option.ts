/**
 * The trend chart's ECharts option, from the API's points alone: each point is
 * coloured by the band the stored scorecard gave it, each period's background
 * by that band too, the target is the API's target — nothing is judged here.
 * Annotations are pins on their period's point, with their text in the tooltip.
 */
import { escapeXml } from '@cairn/core/scorecards';
import type { EChartsCoreOption } from 'echarts/core';
import type { Annotation } from '../../api/annotation-api';
import type { TrendPoint } from '../../api/kpi-api';
import { bandLabel } from '../../ui/band-badge';
import { formatValue, type NumberFormat } from '../../ui/format';

const POINT_COLOUR: Record<string, string> = { green: '#15803d', amber: '#b45309', red: '#b91c1c', no_data: '#6b7280' };
const AREA_COLOUR: Record<string, string> = {
  green: 'rgba(34, 197, 94, 0.13)',
  amber: 'rgba(245, 158, 11, 0.18)',
  red: 'rgba(239, 68, 68, 0.15)',
};

export function groupAnnotations(annotations: readonly Annotation[]): Map<string, Annotation[]> {
  const byPeriod = new Map<string, Annotation[]>();
  for (const a of annotations) byPeriod.set(a.periodLabel, [...(byPeriod.get(a.periodLabel) ?? []), a]);
  return byPeriod;
}

function annotationHtml(notes: readonly Annotation[]): string {
  return notes
    .map((a) => `<div style="max-width:320px;white-space:normal">✎ ${escapeXml(a.body)} <i>— ${escapeXml(a.author)}</i></div>`)
    .join('');
}

export interface TrendChartInput {
  kpiName: string;
  unit: string;
  points: readonly TrendPoint[];
  annotations: readonly Annotation[];
  fmt: NumberFormat;
  description: string;
}

export function trendChartOption(input: TrendChartInput): EChartsCoreOption {
  const { points, unit, fmt } = input;
  const labels = points.map((p) => p.periodLabel);
  const notes = groupAnnotations(input.annotations);
  const format = (v: number | null | undefined) => formatValue(v, unit, fmt);
  return {
    aria: { enabled: true, label: { description: input.description } },
    animation: false,
    grid: { left: 16, right: 24, top: 40, bottom: 24, containLabel: true },
    legend: { data: ['Value', 'Target'], top: 0 },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const index = Array.isArray(params) ? (params[0] as { dataIndex?: number } | undefined)?.dataIndex : undefined;
        const p = index === undefined ? undefined : points[index];
        if (!p) return '';
        return [
          `<b>${escapeXml(p.periodLabel)}</b>`,
          `Value: ${escapeXml(format(p.value))}`,
          `Target: ${escapeXml(format(p.target))}`,
          `Band: ${escapeXml(bandLabel(p.band))}`,
          annotationHtml(notes.get(p.periodLabel) ?? []),
        ].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: labels, axisTick: { alignWithLabel: false } },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => formatValue(v, unit, fmt, true) } },
    series: [
      {
        // Hosts the band backgrounds: a bar series places a mark area over whole category slots.
        name: 'Bands',
        type: 'bar',
        data: labels.map(() => null),
        silent: true,
        tooltip: { show: false },
        markArea: {
          silent: true,
          data: points
            .filter((p) => p.band && p.band in AREA_COLOUR)
            .map((p) => [{ xAxis: p.periodLabel, itemStyle: { color: AREA_COLOUR[p.band ?? ''] } }, { xAxis: p.periodLabel }]),
        },
      },
      {
        name: 'Target',
        type: 'line',
        data: points.map((p) => p.target ?? null),
        symbol: 'none',
        lineStyle: { type: 'dashed', width: 2, color: '#1d4ed8' },
        itemStyle: { color: '#1d4ed8' },
      },
      {
        name: 'Value',
        type: 'line',
        data: points.map((p) => ({ value: p.value, itemStyle: { color: POINT_COLOUR[p.band ?? 'no_data'] } })),
        symbol: 'circle',
        symbolSize: 9,
        lineStyle: { width: 2, color: '#334155' },
        itemStyle: { color: '#334155' },
        markPoint: {
          symbol: 'pin',
          symbolSize: 38,
          itemStyle: { color: '#7c3aed' },
          label: { color: '#fff', fontWeight: 'bold' },
          tooltip: {
            trigger: 'item',
            formatter: (param: { name?: string }) =>
              `<b>${escapeXml(param.name ?? '')}</b>${annotationHtml(notes.get(param.name ?? '') ?? [])}`,
          },
          data: points
            .filter((p) => p.value !== null && notes.has(p.periodLabel))
            .map((p) => ({ name: p.periodLabel, coord: [p.periodLabel, p.value], value: notes.get(p.periodLabel)?.length ?? 0 })),
        },
      },
    ],
  };
}
