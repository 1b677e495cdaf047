/**
 * Turns one source row into the canonical values of one entity, or into the
 * list of everything wrong with it. Values come out as normalised text
 * (ISO dates, integer minor units, '.' decimals) ready for a bulk loader.
 * Checks: ragged rows, required fields, types, enums, ranges, plausible dates,
 * field length, undecodable bytes, spreadsheet-formula text, field order rules.
 */
import { assertNever } from '../domain/assert-never';
import { parseDate, parseTimestamp } from '../domain/civil-date';
import { currencyExponent, isKnownCurrency } from '../domain/currency';
import { type DecimalSeparator, parseScaledDecimal } from '../domain/money';
import { normaliseCompanyName } from '../domain/normalise-company-name';
import type { EntitySpec } from '../model/entity-spec';
import type { ColumnMapping } from './column-mapping';
import type { ColumnPlan, FieldPlan } from './plan-columns';
import type { RowError } from './row-error';

export type RowOutcome = { ok: true; values: (string | null)[] } | { ok: false; errors: RowError[] } | { ok: 'skip' };

const MIN_YEAR = 1970;
const MAX_YEAR = 2100;
/** A leading '-' is allowed only on a plain number or a run of dashes: `-2+3+cmd|' /C calc'!A0` is a formula. */
const FORMULA_START = /^[=+@\t\r]|^-(?!\d+(\.\d+)?$|-*$)/;
const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Columns a validated row fills, in order: the spec's fields, then its computed columns. */
export function stagingColumns(spec: EntitySpec): string[] {
  return [...spec.fields.map((f) => f.column), ...spec.computed.map((c) => c.column)];
}

export type RowValidator = (row: readonly string[], line: number) => RowOutcome;

export function createRowValidator(spec: EntitySpec, mapping: ColumnMapping, plan: ColumnPlan, file: string): RowValidator {
  const decimalSep: DecimalSeparator = mapping.source.decimal_separator;
  const width = plan.header.length;
  const currencyIdx = spec.fields.findIndex((f) => f.kind === 'currency');
  const fieldIndex = new Map(spec.fields.map((f, i) => [f.name, i]));
  const computed = spec.computed.map((c) => ({ ...c, index: fieldIndex.get(c.from) ?? -1 }));
  const orderChecks = spec.orderChecks.map((c) => ({ ...c, a: fieldIndex.get(c.earlier) ?? -1, b: fieldIndex.get(c.later) ?? -1 }));

  // Currency first: money fields are parsed in the row's currency.
  const order: number[] = currencyIdx >= 0 ? [currencyIdx] : [];
  for (let i = 0; i < spec.fields.length; i++) if (i !== currencyIdx) order.push(i);
  const plans = order.map((i) => plan.fields[i] as FieldPlan);
  const columns = plans.map((fp) => fp.sourceName ?? fp.field.name);
  const width0 = spec.fields.length;
  const size = width0 + computed.length;

  // The row function is hot (hundreds of thousands of calls a second): no closures or iterators inside it.
  return function validateRow(row, line) {
    if (row.length !== width) {
      return {
        ok: false,
        errors: [
          {
            file,
            line,
            column: null,
            value: null,
            reason: `has ${row.length} fields where the header has ${width}; check quoting and the delimiter`,
          },
        ],
      };
    }
    for (let r = 0; r < plan.skipRules.length; r++) {
      const rule = plan.skipRules[r] as ColumnPlan['skipRules'][number];
      if (rule.values.has(row[rule.index] ?? '')) return { ok: 'skip' };
    }
    let errors: RowError[] | null = null;
    const values: (string | null)[] = new Array(size);
    for (let k = 0; k < size; k++) values[k] = null;
    for (let k = 0; k < plans.length; k++) {
      const fp = plans[k] as FieldPlan;
      const i = order[k] as number;
      const source = fp.sourceIndex === null ? null : (row[fp.sourceIndex] ?? '');
      let text: string | null = fp.constant ?? source;
      if (text !== null) text = text.trim();
      if (text && fp.values?.has(text)) text = fp.values.get(text) ?? null;
      if ((text === null || text === '') && fp.defaultValue !== null) text = fp.defaultValue;
      let reason: string | null = null;
      if (source?.includes('\uFFFD')) {
        reason = 'contains bytes that are not valid UTF-8; if the file is Latin-1, set source.encoding: latin1 in the mapping';
      } else if (text === null || text === '') {
        if (fp.field.required) reason = `${fp.field.name} is required but empty`;
      } else {
        const out = normalise(fp, text, currencyIdx >= 0 ? (values[currencyIdx] ?? null) : null, decimalSep);
        if (typeof out === 'object') reason = out.reason;
        else values[i] = out;
      }
      if (reason !== null) {
        errors ??= [];
        errors.push({ file, line, column: columns[k] as string, value: source, reason });
      }
    }
    for (let k = 0; k < orderChecks.length; k++) {
      const c = orderChecks[k] as (typeof orderChecks)[number];
      const a = values[c.a];
      const b = values[c.b];
      if (a && b && b < a) {
        const planB = plan.fields[c.b] as FieldPlan;
        errors ??= [];
        errors.push({ file, line, column: planB.sourceName ?? c.later, value: b, reason: `${c.later} ${b} is before ${c.earlier} ${a}` });
      }
    }
    if (errors !== null) return { ok: false, errors };
    for (let k = 0; k < computed.length; k++) {
      const c = computed[k] as (typeof computed)[number];
      const from = values[c.index];
      values[width0 + k] = from == null ? null : normaliseCompanyName(from) || from.toLowerCase();
    }
    return { ok: true, values };
  };
}

/** One pass over the characters: undecodable bytes, control characters, length and formula-like starts. */
function checkText(text: string, max: number): string | null {
  if (text.length > max) return `is ${text.length.toLocaleString('en')} characters long; the limit is ${max.toLocaleString('en')}`;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) return 'contains bytes that are not valid UTF-8; if the file is Latin-1, set source.encoding: latin1';
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) return 'contains control characters';
  }
  const first = text.charCodeAt(0);
  // = + - @ tab CR
  if ((first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) && FORMULA_START.test(text)) {
    return 'starts like a spreadsheet formula (= + - @); Cairn refuses such text so exports cannot run it';
  }
  return null;
}

function normalise(fp: FieldPlan, text: string, currency: string | null, sep: DecimalSeparator): string | { reason: string } {
  const f = fp.field;
  switch (f.kind) {
    case 'id':
    case 'text': {
      const problem = checkText(text, f.maxLength);
      return problem ? { reason: problem } : text;
    }
    case 'email': {
      const problem = checkText(text, f.maxLength);
      if (problem) return { reason: problem };
      return EMAIL.test(text) ? text.toLowerCase() : { reason: 'is not an e-mail address' };
    }
    case 'enum': {
      const values = f.values ?? [];
      if (values.includes(text)) return text;
      const folded = values.find((v) => v.toLowerCase() === text.toLowerCase());
      if (folded) return folded;
      return { reason: `"${text}" is not one of ${values.join(', ')}; map it under columns.${f.name}.values in the mapping` };
    }
    case 'currency': {
      const code = text.toUpperCase();
      return isKnownCurrency(code) ? code : { reason: `"${text}" is not a known ISO 4217 currency code` };
    }
    case 'money': {
      if (currency === null) return { reason: 'cannot be read without a valid currency for the row' };
      if (!isKnownCurrency(currency)) return { reason: 'cannot be read without a valid currency for the row' };
      const r = parseScaledDecimal(text, currencyExponent(currency), sep);
      if (!r.ok) return { reason: `amount ${r.reason}` };
      if (f.min !== undefined && r.value < f.min) return { reason: 'must not be negative' };
      return String(r.value);
    }
    case 'decimal': {
      const r = parseScaledDecimal(text, f.scale ?? 4, sep);
      if (!r.ok) return { reason: r.reason };
      const scale = 10 ** (f.scale ?? 4);
      const v = r.value / scale;
      if (f.min !== undefined && v < f.min) return { reason: `must be at least ${f.min}` };
      if (f.max !== undefined && v > f.max) return { reason: `must be at most ${f.max}` };
      const neg = r.value < 0 ? '-' : '';
      const digits = String(Math.abs(r.value)).padStart((f.scale ?? 4) + 1, '0');
      return `${neg}${digits.slice(0, -(f.scale ?? 4))}.${digits.slice(-(f.scale ?? 4))}`;
    }
    case 'integer': {
      const r = parseScaledDecimal(text, 0, sep);
      if (!r.ok)
        return { reason: r.reason.replace('where 0 are allowed; Cairn does not round on import', 'where a whole number is expected') };
      if (f.min !== undefined && r.value < f.min) return { reason: `must be at least ${f.min}` };
      if (f.max !== undefined && r.value > f.max) return { reason: `must be at most ${f.max}` };
      return String(r.value);
    }
    case 'boolean': {
      const t = text.toLowerCase();
      if (TRUE_WORDS.has(t)) return 'true';
      if (FALSE_WORDS.has(t)) return 'false';
      return { reason: 'is not a yes/no value (true/false, yes/no, 1/0)' };
    }
    case 'date': {
      const r = parseDate(text, fp.dateFormat);
      if (!r.ok) return { reason: r.reason };
      const y = Number(r.value.slice(0, 4));
      if (y < MIN_YEAR || y > MAX_YEAR) return { reason: `year ${y} is outside ${MIN_YEAR}–${MAX_YEAR}` };
      return r.value;
    }
    case 'timestamp': {
      const r = parseTimestamp(text, fp.dateFormat);
      if (!r.ok) return { reason: r.reason };
      const y = Number(r.value.slice(0, 4));
      if (y < MIN_YEAR || y > MAX_YEAR) return { reason: `year ${y} is outside ${MIN_YEAR}–${MAX_YEAR}` };
      return r.value;
    }
    default:
      return assertNever(f.kind, 'field kind');
  }
}
