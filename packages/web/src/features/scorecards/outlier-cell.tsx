import { Table, Text } from '@mantine/core';
import type { ScoredKpi } from '../../api/scorecard-api';
import { Disclosure } from '../../ui/disclosure';
import { formatValue, type NumberFormat } from '../../ui/format';

/** The deals left out of a KPI by the outlier rule, each with its amount and its segment's median won deal. */
export function OutlierCell({ kpi, fmt }: { kpi: ScoredKpi; fmt: NumberFormat }) {
  const n = kpi.excluded.length;
  if (n === 0) return null;
  return (
    <Disclosure
      summary={
        <Text span size="sm" c="orange.9" fw={500}>
          {n} outlier deal{n === 1 ? '' : 's'} excluded
        </Text>
      }
    >
      <Table fz="xs" verticalSpacing={2} aria-label={`Outlier deals left out of ${kpi.name}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Deal</Table.Th>
            <Table.Th scope="col">Amount</Table.Th>
            <Table.Th scope="col">Segment</Table.Th>
            <Table.Th scope="col">Segment median</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {kpi.excluded.map((d) => (
            <Table.Tr key={d.opportunityId}>
              <Table.Td>{d.opportunityId}</Table.Td>
              <Table.Td>{formatValue(d.amountMinor, 'currency', fmt)}</Table.Td>
              <Table.Td>{d.segment}</Table.Td>
              <Table.Td>{formatValue(d.segmentMedianMinor, 'currency', fmt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Disclosure>
  );
}

export function outlierExportText(kpi: ScoredKpi): string {
  return kpi.excluded.length ? `excluded outliers: ${kpi.excluded.map((d) => d.opportunityId).join(', ')}` : '';
}
