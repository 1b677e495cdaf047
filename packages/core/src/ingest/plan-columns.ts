/**
 * Matches a file's header against a mapping and an entity spec, before any row
 * is read. Every header problem is reported at once: a mapped column that is
 * missing (renamed upstream), a required field with no source, a duplicated or
 * blank header, and a column nobody mapped.
 */
import type { DateFormat } from '../domain/civil-date';
import type { EntitySpec, FieldSpec } from '../model/entity-spec';
import type { ColumnMapping } from './column-mapping';
import type { RowError } from './row-error';

export interface FieldPlan {
  field: FieldSpec;
  sourceIndex: number | null;
  sourceName: string | null;
  constant: string | null;
  values: Map<string, string | null> | null;
  defaultValue: string | null;
  dateFormat: DateFormat;
}

export interface ColumnPlan {
  fields: FieldPlan[];
  header: string[];
  skipRules: { index: number; values: Set<string> }[];
}

function asText(v: string | number | boolean): string {
  return typeof v === 'string' ? v : String(v);
}

export function planColumns(
  spec: EntitySpec,
  mapping: ColumnMapping,
  rawHeader: string[],
  file: string,
): { plan: ColumnPlan } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const err = (column: string | null, value: string | null, reason: string) => errors.push({ file, line: 1, column, value, reason });
  const header = rawHeader.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  const indexOf = new Map<string, number>();
  header.forEach((h, i) => {
    if (h === '') {
      err(null, null, `header column ${i + 1} is blank; every column needs a name`);
      return;
    }
    const seen = indexOf.get(h);
    if (seen !== undefined) err(h, h, `header "${h}" appears twice (columns ${seen + 1} and ${i + 1}); rename one`);
    else indexOf.set(h, i);
  });
  const fieldNames = new Set(spec.fields.map((f) => f.name));
  for (const name of Object.keys(mapping.columns)) {
    if (!fieldNames.has(name))
      err(null, name, `the mapping names field "${name}", which ${spec.name} does not have (fields: ${[...fieldNames].join(', ')})`);
  }
  const used = new Set<number>();
  const fields: FieldPlan[] = [];
  for (const field of spec.fields) {
    const source = mapping.columns[field.name];
    const plan: FieldPlan = {
      field,
      sourceIndex: null,
      sourceName: null,
      constant: null,
      values: null,
      defaultValue: null,
      dateFormat: mapping.source.date_format,
    };
    let columnName: string | null = null;
    if (source === undefined) {
      if (indexOf.has(field.name)) columnName = field.name;
      else if (field.kind === 'currency' && mapping.source.default_currency) plan.constant = mapping.source.default_currency;
      else if (field.required)
        err(field.name, null, `required field "${field.name}" has no column: add a "${field.name}" column or map one in the mapping`);
    } else if (typeof source === 'string') {
      columnName = source;
    } else {
      if (source.column !== undefined) columnName = source.column;
      if (source.value !== undefined) plan.constant = asText(source.value);
      if (source.values) plan.values = new Map(Object.entries(source.values).map(([k, v]) => [k, v === null ? null : asText(v)]));
      if (source.default !== undefined) plan.defaultValue = asText(source.default);
      if (source.date_format) plan.dateFormat = source.date_format;
    }
    if (field.kind === 'currency' && plan.defaultValue === null && mapping.source.default_currency)
      plan.defaultValue = mapping.source.default_currency;
    if (columnName !== null) {
      const idx = indexOf.get(columnName);
      if (idx === undefined) {
        err(
          columnName,
          null,
          `column "${columnName}" (mapped to field ${field.name}) is not in the header; was it renamed? Header: ${header.join(', ')}`,
        );
      } else {
        plan.sourceIndex = idx;
        plan.sourceName = columnName;
        used.add(idx);
      }
    }
    fields.push(plan);
  }
  const skipRules: ColumnPlan['skipRules'] = [];
  for (const [column, values] of Object.entries(mapping.source.skip_rows_where)) {
    const idx = indexOf.get(column);
    if (idx === undefined) err(column, null, `column "${column}" in source.skip_rows_where is not in the header`);
    else {
      skipRules.push({ index: idx, values: new Set(values) });
      used.add(idx);
    }
  }
  const ignored = new Set(mapping.source.ignore);
  if (!mapping.source.ignore_unmapped) {
    header.forEach((h, i) => {
      if (h !== '' && !h.startsWith('_cairn_') && !used.has(i) && !ignored.has(h) && indexOf.get(h) === i) {
        err(h, null, `column "${h}" is not mapped to any ${spec.name} field; map it, or list it under source.ignore`);
      }
    });
  }
  return errors.length > 0 ? { errors } : { plan: { fields, header, skipRules } };
}
