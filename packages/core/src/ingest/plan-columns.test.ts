import { describe, expect, it } from 'vitest';
import { type EntityName, entitySpec } from '../model';
import { type ColumnMapping, identityMapping, parseColumnMapping } from './column-mapping';
import { type ColumnPlan, planColumns } from './plan-columns';
import type { RowError } from './row-error';

const FILE = 'teams.csv';

function mappingOf(entity: EntityName, yaml: string | null): ColumnMapping {
  if (yaml === null) return identityMapping(entity);
  const parsed = parseColumnMapping(`entity: ${entity}\n${yaml}`, 'test.yaml');
  if ('diagnostics' in parsed) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.mapping;
}

function plan(entity: EntityName, yaml: string | null, header: string[]): { plan: ColumnPlan } | { errors: RowError[] } {
  return planColumns(entitySpec(entity), mappingOf(entity, yaml), header, FILE);
}

/** The plan as field → [source column, source index, constant, default, date format], for fields that get a value. */
function summary(p: ColumnPlan): Record<string, [string | null, number | null, string | null, string | null, string]> {
  return Object.fromEntries(
    p.fields
      .filter((f) => f.sourceIndex !== null || f.constant !== null || f.defaultValue !== null)
      .map((f) => [f.field.name, [f.sourceName, f.sourceIndex, f.constant, f.defaultValue, f.dateFormat]]),
  );
}

const err = (column: string | null, value: string | null, reason: string): RowError => ({ file: FILE, line: 1, column, value, reason });

describe('planColumns accepts', () => {
  it.each<[string, EntityName, string | null, string[], ReturnType<typeof summary>]>([
    [
      'canonical headers without a mapping, in any order, optional ones missing',
      'org_unit',
      null,
      ['name', 'id', 'kind'],
      { id: ['id', 1, null, null, 'YYYY-MM-DD'], name: ['name', 0, null, null, 'YYYY-MM-DD'], kind: ['kind', 2, null, null, 'YYYY-MM-DD'] },
    ],
    [
      'a byte-order mark and blanks around header names',
      'org_unit',
      null,
      ['\uFEFFid', ' name ', 'kind\t'],
      { id: ['id', 0, null, null, 'YYYY-MM-DD'], name: ['name', 1, null, null, 'YYYY-MM-DD'], kind: ['kind', 2, null, null, 'YYYY-MM-DD'] },
    ],
    [
      'renamed columns and constants',
      'org_unit',
      'columns:\n  id: manager\n  name: manager\n  kind: { value: team }\n  parent_id: regional_office',
      ['manager', 'regional_office'],
      {
        id: ['manager', 0, null, null, 'YYYY-MM-DD'],
        name: ['manager', 0, null, null, 'YYYY-MM-DD'], // one column may feed two fields
        kind: [null, null, 'team', null, 'YYYY-MM-DD'],
        parent_id: ['regional_office', 1, null, null, 'YYYY-MM-DD'],
      },
    ],
    [
      'ignored columns, and the _cairn_ columns of a rejects export',
      'org_unit',
      'source:\n  ignore: [Notes]',
      ['id', 'name', 'kind', 'Notes', '_cairn_line', '_cairn_errors'],
      { id: ['id', 0, null, null, 'YYYY-MM-DD'], name: ['name', 1, null, null, 'YYYY-MM-DD'], kind: ['kind', 2, null, null, 'YYYY-MM-DD'] },
    ],
    [
      'any column, when ignore_unmapped is set',
      'org_unit',
      'source:\n  ignore_unmapped: true',
      ['id', 'name', 'kind', 'Anything', 'Else'],
      { id: ['id', 0, null, null, 'YYYY-MM-DD'], name: ['name', 1, null, null, 'YYYY-MM-DD'], kind: ['kind', 2, null, null, 'YYYY-MM-DD'] },
    ],
    [
      'a default currency: a constant without a column, a fallback with one',
      'opportunity',
      'source:\n  default_currency: EUR\ncolumns:\n  owner_rep_id: owner\n  stage: { column: stage, default: prospecting }',
      ['id', 'owner', 'stage'],
      {
        id: ['id', 0, null, null, 'YYYY-MM-DD'],
        owner_rep_id: ['owner', 1, null, null, 'YYYY-MM-DD'],
        currency: [null, null, 'EUR', 'EUR', 'YYYY-MM-DD'],
        stage: ['stage', 2, null, 'prospecting', 'YYYY-MM-DD'],
      },
    ],
    [
      'a currency column backed by the default currency',
      'opportunity',
      'source:\n  default_currency: USD',
      ['id', 'owner_rep_id', 'stage', 'currency'],
      {
        id: ['id', 0, null, null, 'YYYY-MM-DD'],
        owner_rep_id: ['owner_rep_id', 1, null, null, 'YYYY-MM-DD'],
        currency: ['currency', 3, null, 'USD', 'YYYY-MM-DD'],
        stage: ['stage', 2, null, null, 'YYYY-MM-DD'],
      },
    ],
    [
      'a date format for the file, overridden for one field',
      'rep',
      "source:\n  date_format: DD.MM.YYYY\ncolumns:\n  hire_date: { column: hired, date_format: 'MM/DD/YYYY' }",
      ['id', 'name', 'role', 'hired', 'end_date'],
      {
        id: ['id', 0, null, null, 'DD.MM.YYYY'],
        name: ['name', 1, null, null, 'DD.MM.YYYY'],
        role: ['role', 2, null, null, 'DD.MM.YYYY'],
        hire_date: ['hired', 3, null, null, 'MM/DD/YYYY'],
        end_date: ['end_date', 4, null, null, 'DD.MM.YYYY'],
      },
    ],
  ])('%s', (_name, entity, yaml, header, expected) => {
    const r = plan(entity, yaml, header);
    if ('errors' in r) throw new Error(JSON.stringify(r.errors));
    expect(summary(r.plan)).toEqual(expected);
  });

  it('keeps value translations, including to nothing', () => {
    const r = plan('org_unit', "columns:\n  kind:\n    column: Level\n    values: { Squad: team, Root: enterprise, '?': null }", [
      'id',
      'name',
      'Level',
    ]);
    if ('errors' in r) throw new Error(JSON.stringify(r.errors));
    expect(r.plan.fields.find((f) => f.field.name === 'kind')?.values).toEqual(
      new Map([
        ['Squad', 'team'],
        ['Root', 'enterprise'],
        ['?', null],
      ]),
    );
  });

  it('plans rows to skip by a column, which then counts as used', () => {
    const r = plan('org_unit', 'source:\n  skip_rows_where: { Status: [Draft, Deleted] }', ['id', 'name', 'kind', 'Status']);
    if ('errors' in r) throw new Error(JSON.stringify(r.errors));
    expect(r.plan.skipRules).toEqual([{ index: 3, values: new Set(['Draft', 'Deleted']) }]);
    expect(r.plan.header).toEqual(['id', 'name', 'kind', 'Status']);
  });
});

describe('planColumns refuses', () => {
  it.each<[string, EntityName, string | null, string[], RowError[]]>([
    [
      'a blank header',
      'org_unit',
      null,
      ['id', 'name', '', 'kind'],
      [err(null, null, 'header column 3 is blank; every column needs a name')],
    ],
    [
      'a header that appears twice',
      'org_unit',
      null,
      ['id', 'name', 'kind', 'name'],
      [err('name', 'name', 'header "name" appears twice (columns 2 and 4); rename one')],
    ],
    [
      'a required field with no column',
      'org_unit',
      null,
      ['id', 'kind'],
      [err('name', null, 'required field "name" has no column: add a "name" column or map one in the mapping')],
    ],
    [
      'a mapped column that is not in the file (renamed upstream)',
      'org_unit',
      'columns:\n  name: Team Name',
      ['id', 'Team', 'kind'],
      [
        err('Team Name', null, 'column "Team Name" (mapped to field name) is not in the header; was it renamed? Header: id, Team, kind'),
        err('Team', null, 'column "Team" is not mapped to any org_unit field; map it, or list it under source.ignore'),
      ],
    ],
    [
      'a column nobody mapped',
      'org_unit',
      null,
      ['id', 'name', 'kind', 'Notes'],
      [err('Notes', null, 'column "Notes" is not mapped to any org_unit field; map it, or list it under source.ignore')],
    ],
    [
      'a mapping field the entity does not have',
      'org_unit',
      'columns:\n  colour: Colour',
      ['id', 'name', 'kind', 'Colour'],
      [
        err(null, 'colour', 'the mapping names field "colour", which org_unit does not have (fields: id, name, kind, parent_id)'),
        err('Colour', null, 'column "Colour" is not mapped to any org_unit field; map it, or list it under source.ignore'),
      ],
    ],
    [
      'a skip rule on a column that is not there',
      'org_unit',
      'source:\n  skip_rows_where: { Status: [Draft] }',
      ['id', 'name', 'kind'],
      [err('Status', null, 'column "Status" in source.skip_rows_where is not in the header')],
    ],
    [
      'a currency-less opportunity file without a default currency',
      'opportunity',
      null,
      ['id', 'owner_rep_id', 'stage'],
      [err('currency', null, 'required field "currency" has no column: add a "currency" column or map one in the mapping')],
    ],
    [
      'everything wrong at once',
      'org_unit',
      'columns:\n  kind: Type',
      ['id', '', 'id', 'Extra'],
      [
        err(null, null, 'header column 2 is blank; every column needs a name'),
        err('id', 'id', 'header "id" appears twice (columns 1 and 3); rename one'),
        err('name', null, 'required field "name" has no column: add a "name" column or map one in the mapping'),
        err('Type', null, 'column "Type" (mapped to field kind) is not in the header; was it renamed? Header: id, , id, Extra'),
        err('Extra', null, 'column "Extra" is not mapped to any org_unit field; map it, or list it under source.ignore'),
      ],
    ],
  ])('%s', (_name, entity, yaml, header, expected) => {
    expect(plan(entity, yaml, header)).toEqual({ errors: expected });
  });
});
