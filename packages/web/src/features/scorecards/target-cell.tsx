import { List, Text } from '@mantine/core';
import type { ScoredKpi } from '../../api/scorecard-api';
import { Disclosure } from '../../ui/disclosure';
import { formatValue, type NumberFormat } from '../../ui/format';

type TargetSource = NonNullable<ScoredKpi['target']>['source'];

export const TARGET_SOURCE_LABELS: Record<TargetSource, string> = {
  quota: 'quota',
  baseline_trailing_4q: 'trailing 4 quarters',
  baseline_last_year_growth: 'last year + growth',
  fixed: 'fixed',
  override: 'override',
};

/** The target, with how it was made (quota, baseline, override…) one click or key press away. */
export function TargetCell({ kpi, fmt }: { kpi: ScoredKpi; fmt: NumberFormat }) {
  const target = kpi.target;
  if (!target) return <Text size="sm">—</Text>;
  return (
    <Disclosure
      summary={
        <>
          {formatValue(target.value, kpi.unit, fmt)}{' '}
          <Text span size="xs" c="dimmed">
            ({TARGET_SOURCE_LABELS[target.source]})
          </Text>
        </>
      }
    >
      {target.provenance.length > 0 && (
        <List size="xs" ta="left">
          {target.provenance.map((step) => (
            <List.Item key={step}>{step}</List.Item>
          ))}
        </List>
      )}
      {target.overrideReason && (
        <Text size="xs" ta="left">
          Override reason: {target.overrideReason}
        </Text>
      )}
    </Disclosure>
  );
}

export function targetExportText(kpi: ScoredKpi, fmt: NumberFormat): string {
  return kpi.target ? `${formatValue(kpi.target.value, kpi.unit, fmt)} (${TARGET_SOURCE_LABELS[kpi.target.source]})` : '';
}
