import { describe, expect, it } from 'vitest';
import { type EntityName, entitySpec } from '../model';
import { type ColumnMapping, identityMapping, parseColumnMapping } from './column-mapping';
import { planColumns } from './plan-columns';
import { createRowValidator, type RowOutcome, stagingColumns } from './validate-row';

const FILE = 'in.csv';
const LINE = 7;

function mappingOf(entity: EntityName, yaml: string | null): ColumnMapping {
  if (yaml === null) return identityMapping(entity);
  const parsed = parseColumnMapping(`entity: ${entity}\n${yaml}`, 'test.yaml');
  if ('diagnostics' in parsed) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.mapping;
}

type Outcome = Record<string, string | null> | [column: string | null, value: string | null, reason: string][] | 'skip';

/** Validates one row; returns the non-empty staged values by column, the errors, or 'skip'. */
function validate(entity: EntityName, header: string[], row: string[], yaml: string | null = null): Outcome {
  const spec = entitySpec(entity);
  const mapping = mappingOf(entity, yaml);
  const planned = planColumns(spec, mapping, header, FILE);
  if ('errors' in planned) throw new Error(JSON.stringify(planned.errors));
  const outcome: RowOutcome = createRowValidator(spec, mapping, planned.plan, FILE)(row, LINE);
  if (outcome.ok === 'skip') return 'skip';
  if (outcome.ok === false) {
    for (const e of outcome.errors) expect([e.file, e.line]).toEqual([FILE, LINE]);
    return outcome.errors.map((e): [string | null, string | null, string] => [e.column, e.value, e.reason]);
  }
  const columns = stagingColumns(spec);
  expect(outcome.values).toHaveLength(columns.length);
  return Object.fromEntries(columns.map((c, i) => [c, outcome.values[i] ?? null]).filter(([, v]) => v !== null));
}

const ORG = ['id', 'name', 'kind', 'parent_id'];
const REP = ['id', 'name', 'email', 'role', 'hire_date', 'end_date'];
const LINE_DEFAULTS: Record<string, string> = {
  id: 'L1',
  order_id: 'O1',
  customer_id: 'C1',
  rep_id: 'R1',
  product_id: 'P1',
  booked_at: '2024-05-17',
  quantity: '2',
  amount: '100.00',
  currency: 'USD',
  status: 'active',
};
const LINE_HEADER = Object.keys(LINE_DEFAULTS);
const orderLine = (over: Record<string, string>) => LINE_HEADER.map((h) => over[h] ?? LINE_DEFAULTS[h] ?? '');
const LINE_OK = {
  id: 'L1',
  order_id: 'O1',
  customer_id: 'C1',
  rep_id: 'R1',
  product_id: 'P1',
  booked_at: '2024-05-17',
  quantity: '2',
  status: 'active',
};

const FORMULA = 'starts like a spreadsheet formula (= + - @); Cairn refuses such text so exports cannot run it';

describe('validating a row', () => {
  it.each<[string, EntityName, string[], string[], string | null, Outcome]>([
    // ids, text, enums
    ['a plain row', 'org_unit', ORG, ['ACME', 'Acme', 'enterprise', ''], null, { id: 'ACME', name: 'Acme', kind: 'enterprise' }],
    [
      'blanks around values',
      'org_unit',
      ORG,
      [' T1 ', ' Team One ', ' team ', ' ACME '],
      null,
      { id: 'T1', name: 'Team One', kind: 'team', parent_id: 'ACME' },
    ],
    ['an enum in another case', 'org_unit', ORG, ['T1', 'Team', 'Team', ''], null, { id: 'T1', name: 'Team', kind: 'team' }],
    [
      'an unknown enum value',
      'org_unit',
      ORG,
      ['T1', 'Team', 'squad', ''],
      null,
      [['kind', 'squad', '"squad" is not one of enterprise, division, region, team; map it under columns.kind.values in the mapping']],
    ],
    ['an empty required field', 'org_unit', ORG, ['T1', '  ', 'team', ''], null, [['name', '  ', 'name is required but empty']]],
    [
      'a ragged row',
      'org_unit',
      ORG,
      ['T1', 'Team', 'team'],
      null,
      [[null, null, 'has 3 fields where the header has 4; check quoting and the delimiter']],
    ],
    [
      'an id over 200 characters',
      'org_unit',
      ORG,
      ['x'.repeat(201), 'Team', 'team', ''],
      null,
      [['id', 'x'.repeat(201), 'is 201 characters long; the limit is 200']],
    ],
    [
      'a formula with =',
      'org_unit',
      ORG,
      ['T1', '=HYPERLINK("http://x")', 'team', ''],
      null,
      [['name', '=HYPERLINK("http://x")', FORMULA]],
    ],
    ['a formula with +', 'org_unit', ORG, ['T1', '+1+1', 'team', ''], null, [['name', '+1+1', FORMULA]]],
    ['a formula with @', 'org_unit', ORG, ['T1', '@SUM(A1)', 'team', ''], null, [['name', '@SUM(A1)', FORMULA]]],
    ['a formula with -', 'org_unit', ORG, ['T1', '-cmd', 'team', ''], null, [['name', '-cmd', FORMULA]]],
    ['a negative number as text', 'org_unit', ORG, ['T1', '-12', 'team', ''], null, { id: 'T1', name: '-12', kind: 'team' }],
    [
      'control characters',
      'org_unit',
      ORG,
      ['T1', 'Team\u0007', 'team', ''],
      null,
      [['name', 'Team\u0007', 'contains control characters']],
    ],
    // U+0001 joins the parts of a formula's key(); no stored value may hold it (compile-field-expression.ts).
    ['U+0001 in an id', 'org_unit', ORG, ['T\u00011', 'Team 1', 'team', ''], null, [['id', 'T\u00011', 'contains control characters']]],
    [
      'undecodable bytes',
      'org_unit',
      ORG,
      ['T1', 'M\uFFFDller', 'team', ''],
      null,
      [
        [
          'name',
          'M\uFFFDller',
          'contains bytes that are not valid UTF-8; if the file is Latin-1, set source.encoding: latin1 in the mapping',
        ],
      ],
    ],
    // e-mail and dates, and an order rule between two fields
    [
      'a rep, e-mail lower-cased',
      'rep',
      REP,
      ['R1', 'Alice', 'Alice@Example.COM', 'AE', '2019-03-01', ''],
      null,
      { id: 'R1', name: 'Alice', email: 'alice@example.com', role: 'AE', hire_date: '2019-03-01' },
    ],
    [
      'a bad e-mail',
      'rep',
      REP,
      ['R1', 'Alice', 'alice(at)example.com', 'AE', '', ''],
      null,
      [['email', 'alice(at)example.com', 'is not an e-mail address']],
    ],
    [
      'an impossible date',
      'rep',
      REP,
      ['R1', 'Alice', '', 'AE', '2023-02-29', ''],
      null,
      [['hire_date', '2023-02-29', 'is not a real calendar date (YYYY-MM-DD)']],
    ],
    [
      'a date before 1970',
      'rep',
      REP,
      ['R1', 'Alice', '', 'AE', '1969-12-31', ''],
      null,
      [['hire_date', '1969-12-31', 'year 1969 is outside 1970–2100']],
    ],
    [
      'a date after 2100',
      'rep',
      REP,
      ['R1', 'Alice', '', 'AE', '2101-01-01', ''],
      null,
      [['hire_date', '2101-01-01', 'year 2101 is outside 1970–2100']],
    ],
    [
      'an end before the start',
      'rep',
      REP,
      ['R1', 'Alice', '', 'AE', '2024-05-01', '2024-04-30'],
      null,
      [['end_date', '2024-04-30', 'end_date 2024-04-30 is before hire_date 2024-05-01']],
    ],
    [
      'an end on the start day',
      'rep',
      REP,
      ['R1', 'Alice', '', 'AE', '2024-05-01', '2024-05-01'],
      null,
      { id: 'R1', name: 'Alice', role: 'AE', hire_date: '2024-05-01', end_date: '2024-05-01' },
    ],
    [
      'dates in the mapping layout',
      'rep',
      REP,
      ['R1', 'Alice', '', 'AE', '12/31/2019', '1/2/2024'],
      "source:\n  date_format: 'MM/DD/YYYY'",
      { id: 'R1', name: 'Alice', role: 'AE', hire_date: '2019-12-31', end_date: '2024-01-02' },
    ],
    // money, integers and currencies
    [
      'an order line',
      'order_line',
      LINE_HEADER,
      orderLine({ amount: '1,234.50' }),
      null,
      { ...LINE_OK, amount_minor: '123450', currency: 'USD' },
    ],
    [
      'a lower-case currency',
      'order_line',
      LINE_HEADER,
      orderLine({ currency: 'eur' }),
      null,
      { ...LINE_OK, amount_minor: '10000', currency: 'EUR' },
    ],
    [
      'a negative amount (a credit line)',
      'order_line',
      LINE_HEADER,
      orderLine({ amount: '-12.30' }),
      null,
      { ...LINE_OK, amount_minor: '-1230', currency: 'USD' },
    ],
    [
      'yen without decimals',
      'order_line',
      LINE_HEADER,
      orderLine({ amount: '1234', currency: 'JPY' }),
      null,
      { ...LINE_OK, amount_minor: '1234', currency: 'JPY' },
    ],
    [
      'yen with decimals',
      'order_line',
      LINE_HEADER,
      orderLine({ amount: '12.5', currency: 'JPY' }),
      null,
      [['amount', '12.5', 'amount has 1 decimals where 0 are allowed; Cairn does not round on import']],
    ],
    [
      'an unknown currency: the amount cannot be read either',
      'order_line',
      LINE_HEADER,
      orderLine({ currency: 'XYZ' }),
      null,
      [
        ['currency', 'XYZ', '"XYZ" is not a known ISO 4217 currency code'],
        ['amount', '100.00', 'cannot be read without a valid currency for the row'],
      ],
    ],
    [
      'European decimals',
      'order_line',
      LINE_HEADER,
      orderLine({ amount: '1.234,50' }),
      "source:\n  decimal_separator: ','",
      { ...LINE_OK, amount_minor: '123450', currency: 'USD' },
    ],
    [
      'European decimals without saying so',
      'order_line',
      LINE_HEADER,
      orderLine({ amount: '1.234,50' }),
      null,
      [['amount', '1.234,50', "amount uses ',' where '.' is the decimal separator; set decimal_separator in the mapping"]],
    ],
    [
      'a whole quantity written 2.0',
      'order_line',
      LINE_HEADER,
      orderLine({ quantity: '2.0' }),
      null,
      { ...LINE_OK, amount_minor: '10000', currency: 'USD' },
    ],
    [
      'a fractional quantity',
      'order_line',
      LINE_HEADER,
      orderLine({ quantity: '2.5' }),
      null,
      [['quantity', '2.5', 'has 1 decimals where a whole number is expected']],
    ],
    [
      'a quantity out of range',
      'order_line',
      LINE_HEADER,
      orderLine({ quantity: '1000001' }),
      null,
      [['quantity', '1000001', 'must be at most 1000000']],
    ],
    [
      'several problems in one row, all reported',
      'order_line',
      LINE_HEADER,
      orderLine({ booked_at: '2024-13-01', quantity: 'two', status: 'open', customer_id: '' }),
      null,
      [
        ['customer_id', '', 'customer_id is required but empty'],
        ['booked_at', '2024-13-01', 'is not a real calendar date (YYYY-MM-DD)'],
        ['quantity', 'two', 'is not a number'],
        ['status', 'open', '"open" is not one of active, cancelled, returned; map it under columns.status.values in the mapping'],
      ],
    ],
    [
      'a negative opportunity amount',
      'opportunity',
      ['id', 'owner_rep_id', 'stage', 'amount', 'currency'],
      ['OP1', 'R1', 'proposal', '-5', 'USD'],
      null,
      [['amount', '-5', 'must not be negative']],
    ],
    // decimals
    [
      'a share',
      'credit_split',
      ['order_line_id', 'rep_id', 'share', 'reason'],
      ['L1', 'R1', '.5', 'owner'],
      null,
      { order_line_id: 'L1', rep_id: 'R1', share: '0.5000', reason: 'owner' },
    ],
    [
      'a share above 1',
      'credit_split',
      ['order_line_id', 'rep_id', 'share', 'reason'],
      ['L1', 'R1', '1.5', 'owner'],
      null,
      [['share', '1.5', 'must be at most 1']],
    ],
    [
      'a share with too many decimals',
      'credit_split',
      ['order_line_id', 'rep_id', 'share', 'reason'],
      ['L1', 'R1', '0.33333', 'owner'],
      null,
      [['share', '0.33333', 'has 5 decimals where 4 are allowed; Cairn does not round on import']],
    ],
    [
      'a negative margin percentage',
      'product',
      ['id', 'name', 'product_line', 'standard_margin_pct'],
      ['P1', 'Widget', 'W', '-0.05'],
      null,
      { id: 'P1', name: 'Widget', product_line: 'W', standard_margin_pct: '-0.0500' },
    ],
    [
      'an fx rate with eight decimals',
      'fx_rate',
      ['currency', 'rate_date', 'rate'],
      ['EUR', '2023-11-01', '1.08123457'],
      null,
      { currency: 'EUR', rate_date: '2023-11-01', rate: '1.08123457' },
    ],
    [
      'a negative fx rate',
      'fx_rate',
      ['currency', 'rate_date', 'rate'],
      ['EUR', '2023-11-01', '-1.08'],
      null,
      [['rate', '-1.08', 'must be at least 0']],
    ],
    // booleans, timestamps, computed columns
    [
      'yes/no words',
      'support_case',
      ['id', 'customer_id', 'opened_at', 'escalated'],
      ['S1', 'C1', '2024-01-02', 'Y'],
      null,
      { id: 'S1', customer_id: 'C1', opened_at: '2024-01-02', escalated: 'true' },
    ],
    [
      '0 as no',
      'support_case',
      ['id', 'customer_id', 'opened_at', 'escalated'],
      ['S1', 'C1', '2024-01-02', '0'],
      null,
      { id: 'S1', customer_id: 'C1', opened_at: '2024-01-02', escalated: 'false' },
    ],
    [
      'not a yes/no',
      'support_case',
      ['id', 'customer_id', 'opened_at', 'escalated'],
      ['S1', 'C1', '2024-01-02', 'maybe'],
      null,
      [['escalated', 'maybe', 'is not a yes/no value (true/false, yes/no, 1/0)']],
    ],
    [
      'a timestamp with an offset, stored in UTC',
      'activity',
      ['id', 'rep_id', 'kind', 'at'],
      ['A1', 'R1', 'call', '2022-04-12T23:30:00-05:00'],
      null,
      { id: 'A1', rep_id: 'R1', kind: 'call', at: '2022-04-13 04:30:00' },
    ],
    [
      'a customer gets its normalised name',
      'customer',
      ['id', 'name'],
      ['C1', 'Northwind Manufacturing, Inc.'],
      null,
      { id: 'C1', name: 'Northwind Manufacturing, Inc.', normalised_name: 'northwind manufacturing' },
    ],
    // mapping translations, constants, defaults, skips
    [
      'a translated value',
      'opportunity',
      ['id', 'owner', 'deal_stage'],
      ['OP1', 'R1', 'Won'],
      'source:\n  default_currency: USD\ncolumns:\n  owner_rep_id: owner\n  stage: { column: deal_stage, values: { Won: closed_won, Lost: closed_lost } }',
      { id: 'OP1', owner_rep_id: 'R1', currency: 'USD', stage: 'closed_won' },
    ],
    [
      'a value translated to nothing, then defaulted',
      'opportunity',
      ['id', 'owner_rep_id', 'stage', 'currency', 'fc'],
      ['OP1', 'R1', 'proposal', '', 'n/a'],
      "source:\n  default_currency: GBP\ncolumns:\n  forecast_category: { column: fc, values: { 'n/a': null }, default: pipeline }",
      { id: 'OP1', owner_rep_id: 'R1', currency: 'GBP', stage: 'proposal', forecast_category: 'pipeline' },
    ],
    [
      'a required value translated to nothing',
      'org_unit',
      ['id', 'name', 'Level'],
      ['T1', 'Team', '?'],
      "columns:\n  kind: { column: Level, values: { '?': null } }",
      [['Level', '?', 'kind is required but empty']],
    ],
    [
      'a constant',
      'org_unit',
      ['id', 'name'],
      ['T1', 'Team'],
      'columns:\n  kind: { value: team }',
      { id: 'T1', name: 'Team', kind: 'team' },
    ],
    [
      'a row to skip',
      'org_unit',
      ['id', 'name', 'kind', 'Status'],
      ['T1', '', 'nonsense', 'Draft'],
      'source:\n  skip_rows_where: { Status: [Draft] }',
      'skip',
    ],
    [
      'a row not to skip',
      'org_unit',
      ['id', 'name', 'kind', 'Status'],
      ['T1', 'Team', 'team', 'Live'],
      'source:\n  skip_rows_where: { Status: [Draft] }',
      { id: 'T1', name: 'Team', kind: 'team' },
    ],
  ])('%s', (_name, entity, header, row, yaml, expected) => {
    expect(validate(entity, header, row, yaml)).toEqual(expected);
  });
});
