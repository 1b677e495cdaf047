import { formatPValue } from '@cairn/core/scorecards';
import { Badge } from '@mantine/core';
import type { StrategyMap } from '../../api/scorecard-api';
import { type Column, DataTable } from '../../ui/data-table';
import { formatValue, type NumberFormat } from '../../ui/format';

type CheckedLink = StrategyMap['links'][number];

/** Each cause-and-effect link with what the data say about it: ρ, the lag it was found at, p, and the verdict. */
export function LinkTable(props: {
  title: string;
  links: readonly CheckedLink[];
  names: ReadonlyMap<string, string>;
  fmt: NumberFormat;
  fileName: string;
}) {
  const { names, fmt } = props;
  const name = (id: string) => names.get(id) ?? id;
  const rho = (l: CheckedLink) => (l.strength.verdict.rho === null ? '—' : formatValue(l.strength.verdict.rho, 'ratio', fmt));
  const p = (l: CheckedLink) => (l.strength.verdict.pValue === null ? '—' : formatPValue(l.strength.verdict.pValue));
  const lag = (l: CheckedLink) => (l.strength.verdict.lag === null ? '—' : String(l.strength.verdict.lag));
  const columns: Column<CheckedLink>[] = [
    { header: 'From', cell: (l) => name(l.from), exportValue: (l) => name(l.from) },
    { header: 'To', cell: (l) => name(l.to), exportValue: (l) => name(l.to) },
    { header: 'KPIs checked', cell: (l) => `${l.fromKpi} → ${l.toKpi}`, exportValue: (l) => `${l.fromKpi} → ${l.toKpi}` },
    { header: 'ρ', numeric: true, cell: rho, exportValue: rho },
    { header: 'Lag (periods)', numeric: true, cell: lag, exportValue: lag },
    { header: 'p', numeric: true, cell: p, exportValue: p },
    {
      header: 'Supported',
      cell: (l) => (
        <Badge variant="light" color={l.strength.verdict.supported ? 'teal' : 'gray'}>
          {l.strength.verdict.supported ? 'Supported' : 'Not supported'}
        </Badge>
      ),
      exportValue: (l) => (l.strength.verdict.supported ? 'yes' : 'no'),
    },
    { header: 'Verdict', cell: (l) => l.strength.verdict.message, exportValue: (l) => l.strength.verdict.message },
    { header: 'Rationale', cell: (l) => l.rationale, exportValue: (l) => l.rationale },
  ];
  return (
    <DataTable
      title={props.title}
      columns={columns}
      rows={props.links}
      rowKey={(l) => `${l.from}->${l.to}:${l.fromKpi}:${l.toKpi}`}
      fileName={props.fileName}
      emptyText="No links."
    />
  );
}
