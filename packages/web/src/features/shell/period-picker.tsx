import { Group, NativeSelect } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Grain } from '../../api/kpi-api';
import { defaultPeriod, GRAIN_LABELS, GRAINS, grainOfPeriod, usePeriodOptions } from './use-periods';

/**
 * Grain and period, kept in the URL's `period`. Choosing another grain moves
 * to that grain's default period (the latest complete one with data).
 */
export function PeriodPicker({ node, period }: { node: string; period: string }) {
  const [, setParams] = useSearchParams();
  const periodGrain = grainOfPeriod(period);
  const [grain, setGrain] = useState<Grain>(periodGrain ?? 'quarter');
  useEffect(() => {
    if (periodGrain) setGrain(periodGrain);
  }, [periodGrain]);
  const options = usePeriodOptions(node, grain);

  const setPeriod = (label: string) =>
    setParams((p) => {
      p.set('period', label);
      // A chart grain in the URL follows the period's grain once the period changes.
      p.delete('grain');
      return p;
    });

  const wanted = grain !== periodGrain && options.data ? defaultPeriod(options.data) : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: setPeriod only wraps the stable setParams
  useEffect(() => {
    if (wanted) setPeriod(wanted);
  }, [wanted]);

  const labels = options.data?.map((o) => o.label) ?? [];
  const sameGrain = periodGrain === grain;
  if (sameGrain && !labels.includes(period)) labels.unshift(period);
  const placeholder = options.isPending ? 'Loading periods…' : labels.length > 0 ? 'Choose a period' : 'No periods with data';
  const periodData = sameGrain ? labels : [{ value: '', label: placeholder }, ...labels];
  return (
    <Group gap="sm" align="flex-end">
      <NativeSelect
        label="Grain"
        size="sm"
        value={grain}
        onChange={(e) => setGrain(e.currentTarget.value as Grain)}
        data={GRAINS.map((g) => ({ value: g, label: GRAIN_LABELS[g] }))}
      />
      <NativeSelect
        label="Period"
        size="sm"
        value={sameGrain ? period : ''}
        onChange={(e) => e.currentTarget.value && setPeriod(e.currentTarget.value)}
        data={periodData}
        error={options.isError ? 'Could not load the periods' : undefined}
      />
    </Group>
  );
}
