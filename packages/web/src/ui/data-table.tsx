/**
 * Every table in the app: a named region (so a reader and a test can find
 * "the KPIs table"), a caption, export buttons, and an empty row that says so.
 * Cells render; `exportValue` is the same value as text (or a plain number)
 * for CSV and XLSX.
 */
import { Group, Table, Text, Title } from '@mantine/core';
import { type ReactNode, useId } from 'react';
import { ExportButtons } from './export-buttons';
import type { ExportCell, ExportData } from './export-table';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  exportValue: (row: T) => ExportCell;
  numeric?: boolean;
}

export interface DataTableProps<T> {
  title: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  fileName: string;
  description?: ReactNode;
  emptyText?: string;
  /** All rows for the export when the table shows one page of many; the shown rows otherwise. */
  exportRows?: () => Promise<readonly T[]>;
  footer?: ReactNode;
  headingOrder?: 2 | 3 | 4;
}

export function DataTable<T>(props: DataTableProps<T>) {
  const headingId = useId();
  const { columns, rows } = props;
  const exportData = async (): Promise<ExportData> => {
    const all = props.exportRows ? await props.exportRows() : rows;
    return { header: columns.map((c) => c.header), rows: all.map((r) => columns.map((c) => c.exportValue(r))) };
  };
  return (
    <section aria-labelledby={headingId} style={{ marginBlock: 'var(--mantine-spacing-md)' }}>
      <Group justify="space-between" align="flex-end" mb="xs" wrap="wrap">
        <div>
          <Title order={props.headingOrder ?? 2} size="h4" id={headingId}>
            {props.title}
          </Title>
          {props.description && (
            <Text size="sm" c="dimmed" component="div">
              {props.description}
            </Text>
          )}
        </div>
        <ExportButtons fileName={props.fileName} data={exportData} />
      </Group>
      <Table.ScrollContainer minWidth={480}>
        <Table striped highlightOnHover withTableBorder verticalSpacing="xs" aria-labelledby={headingId}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.header} scope="col" style={c.numeric ? { textAlign: 'right' } : undefined}>
                  {c.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={columns.length}>
                  <Text c="dimmed" size="sm">
                    {props.emptyText ?? 'No rows.'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              rows.map((row, i) => (
                <Table.Tr key={props.rowKey(row, i)}>
                  {columns.map((c) => (
                    <Table.Td key={c.header} style={c.numeric ? { textAlign: 'right', whiteSpace: 'nowrap' } : undefined}>
                      {c.cell(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {props.footer}
    </section>
  );
}
