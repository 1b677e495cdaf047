import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../api/annotation-api';
import type { TrendPoint } from '../../api/kpi-api';
import { trendChartOption } from './trend-chart-option';

const point = (periodLabel: string, value: number | null, band: TrendPoint['band']): TrendPoint => ({
  periodLabel,
  periodStart: '2025-01-01',
  value,
  numerator: null,
  denominator: null,
  definitionVersion: 1,
  computedAt: '2025-08-01',
  target: 100,
  band,
});

const note = (periodLabel: string, body: string): Annotation => ({
  id: body,
  kpiId: 'win_rate',
  node: { kind: 'team', id: 'T1' },
  grain: 'quarter',
  periodLabel,
  periodStart: '2025-01-01',
  body,
  author: 'mia',
  createdAt: '2025-08-01T00:00:00Z',
});

interface Series {
  name: string;
  data: unknown[];
  markArea?: { data: [{ xAxis: string; itemStyle: { color: string } }, { xAxis: string }][] };
  markPoint?: { data: { name: string; coord: [string, number]; value: number }[]; tooltip: { formatter: (p: { name: string }) => string } };
}

function build(points: TrendPoint[], annotations: Annotation[] = []) {
  const option = trendChartOption({
    kpiName: 'Win rate',
    unit: 'percent',
    points,
    annotations,
    fmt: { currency: 'EUR', locale: 'en-US' },
    description: 'd',
  });
  const series = option.series as Series[];
  const byName = (name: string) => series.find((s) => s.name === name) as Series;
  return { bands: byName('Bands'), target: byName('Target'), value: byName('Value') };
}

describe('trendChartOption', () => {
  it('shades each period by the band the API gave it, and none for no data', () => {
    const { bands } = build([point('Q1', 90, 'amber'), point('Q2', 110, 'green'), point('Q3', null, 'no_data'), point('Q4', 50, null)]);
    expect(bands.markArea?.data.map(([from, to]) => [from.xAxis, to.xAxis])).toEqual([
      ['Q1', 'Q1'],
      ['Q2', 'Q2'],
    ]);
  });

  it('draws the API target as given', () => {
    const { target } = build([point('Q1', 90, 'amber')]);
    expect(target.data).toEqual([100]);
  });

  it('pins annotations on their period and escapes their text in the tooltip', () => {
    const { value } = build(
      [point('Q1', 90, 'amber'), point('Q2', 95, 'amber')],
      [note('Q2', '<img src=x onerror=alert(1)>'), note('Q2', 'second')],
    );
    expect(value.markPoint?.data).toEqual([{ name: 'Q2', coord: ['Q2', 95], value: 2 }]);
    const html = value.markPoint?.tooltip.formatter({ name: 'Q2' }) ?? '';
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });
});
