import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

export interface CompactColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
}

/** A small labelled table inside a card or panel (no export: the page's main tables carry the same rows). */
export function CompactTable<T>(props: {
  label: string;
  columns: readonly CompactColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
}) {
  const align = (c: CompactColumn<T>) => (c.numeric ? { textAlign: 'right' as const } : undefined);
  return (
    <Table fz="sm" mt="xs" verticalSpacing={4} aria-label={props.label}>
      <Table.Thead>
        <Table.Tr>
          {props.columns.map((c) => (
            <Table.Th key={c.header} scope="col" style={align(c)}>
              {c.header}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.rows.map((row) => (
          <Table.Tr key={props.rowKey(row)}>
            {props.columns.map((c) => (
              <Table.Td key={c.header} style={align(c)}>
                {c.cell(row)}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
