/**
 * Validation of a plain CSV file inside DuckDB, for the common case of a large
 * clean file: DuckDB reads the file's lines with its own parallel reader, splits
 * them on the delimiter and checks every value in SQL, and the good rows go
 * straight into the staging table. Row-level error messages stay with the
 * row-by-row validator (validate-row.ts): the SQL accepts only a strict subset
 * of what that validator accepts, produces the same value for it, and makes the
 * whole statement fail on the first row outside that subset, after which the
 * caller stages the file again row by row and reports every error there.
 *
 * What the subset leaves out (the row-by-row path takes these files): quotes
 * anywhere in the file, a lone carriage return, Latin-1, ',' decimals, value
 * maps, skip rules, computed columns, timestamps, e-mails, dates
 * in a layout other than YYYY-MM-DD, and values with surrounding spaces,
 * control characters, formula-like starts, thousands separators, a '+' sign
 * or leading zeros. DuckDB-only: it reads the file with read_csv.
 */
import { currencyExponent, isKnownCurrency, knownCurrencies } from '../domain/currency';
import type { EntitySpec, FieldSpec } from '../model/entity-spec';
import { ident, joinSql, param, raw, type SqlFragment, sql } from '../sql/sql-fragment';
import type { ColumnMapping } from './column-mapping';
import type { ColumnPlan, FieldPlan } from './plan-columns';
import { stagingColumns } from './validate-row';

const MIN_YEAR = 1970;
const MAX_YEAR = 2100;
/** Integer digits a money or decimal text may have here: 12 plus 3 decimals stays a safe integer in minor units. */
const MAX_INT_DIGITS = 12;
const TRUE_WORDS = ['true', 't', 'yes', 'y', '1'];
const FALSE_WORDS = ['false', 'f', 'no', 'n', '0'];
/** Printable ASCII without surrounding spaces: what a constant from the mapping must be to be checked here like a source value. */
const PLAIN_CONSTANT = /^[!-~]([ -~]*[!-~])?$/;

/**
 * Why this entity, mapping and header cannot be staged in SQL, or null when they can.
 * The file itself is checked by the caller (no quote, no lone carriage return).
 */
export function sqlStagingObstacle(spec: EntitySpec, mapping: ColumnMapping, plan: ColumnPlan): string | null {
  const src = mapping.source;
  if (src.format !== 'csv') return 'the source is not CSV';
  if (src.encoding !== 'utf-8') return 'the source is not UTF-8';
  if (src.decimal_separator !== '.') return "decimals use ','";
  if (spec.computed.length > 0) return `${spec.name} has computed columns`;
  if (plan.skipRules.length > 0) return 'the mapping skips rows';
  for (const fp of plan.fields) {
    const f = fp.field;
    if (absent(fp)) continue;
    if (fp.values !== null) return `${f.name} has a value map`;
    if (fp.constant !== null && !PLAIN_CONSTANT.test(fp.constant)) return `${f.name} has a constant that is not plain ASCII`;
    if (fp.defaultValue !== null && !PLAIN_CONSTANT.test(fp.defaultValue)) return `${f.name} has a default that is not plain ASCII`;
    if (f.kind === 'timestamp' || f.kind === 'email') return `${f.name} is a ${f.kind}`;
    if (f.kind === 'date' && fp.dateFormat !== 'YYYY-MM-DD') return `${f.name} is read as ${fp.dateFormat}`;
  }
  const kinds = new Map(spec.fields.map((f) => [f.name, f.kind]));
  for (const c of spec.orderChecks) {
    if (kinds.get(c.earlier) !== 'date' || kinds.get(c.later) !== 'date')
      return `the order check ${c.earlier} ≤ ${c.later} is not on dates`;
  }
  return null;
}

export interface SqlStagingSource {
  /** The file, read by DuckDB's read_csv. */
  path: string;
  /** The delimiter the header was read with: one of , ; tab |. */
  delimiter: string;
  /** The staging table and its source-line column (filled with 0: rows of a file staged here are never reported). */
  stage: string;
  lineColumn: string;
}

/**
 * A value's text: a mapping constant, or `f[i]` of the split line (empty is NULL) with the mapping's
 * default in place of NULL, or NULL when the field has no source. As validate-row.ts takes them.
 */
function valueText(fp: FieldPlan): SqlFragment {
  if (fp.constant !== null) return sql`CAST(${param(fp.constant)} AS VARCHAR)`;
  const v = fp.sourceIndex === null ? raw('CAST(NULL AS VARCHAR)') : raw(`v${fp.sourceIndex + 1}`);
  return fp.defaultValue === null ? v : sql`coalesce(${v}, CAST(${param(fp.defaultValue)} AS VARCHAR))`;
}

/** A field with no column, constant or default: NULL. */
function absent(fp: FieldPlan): boolean {
  return fp.sourceIndex === null && fp.constant === null && fp.defaultValue === null;
}

interface Compiled {
  /** The staged value. */
  value: SqlFragment;
  /** True when the text is one the SQL may accept (NULL text is handled by the caller). */
  ok: SqlFragment;
}

function bounds(value: SqlFragment, f: FieldSpec): SqlFragment {
  const parts: SqlFragment[] = [];
  if (f.min !== undefined) parts.push(sql`${value} >= ${param(f.min)}`);
  if (f.max !== undefined) parts.push(sql`${value} <= ${param(f.max)}`);
  return parts.length ? joinSql(parts, ' AND ') : raw('TRUE');
}

/** A plain decimal text: optional '-', 1 to 12 digits, and at most `decimals` (never more than `most`) decimals after a '.'. */
function plainDecimal(v: SqlFragment, decimals: SqlFragment | number, most: number): SqlFragment {
  const allowed = typeof decimals === 'number' ? param(decimals) : decimals;
  return sql`(regexp_full_match(${v}, ${param(`-?[0-9]{1,${MAX_INT_DIGITS}}(\\.[0-9]{1,${most}})?`)})
    AND (strpos(${v}, '.') = 0 OR strlen(${v}) - strpos(${v}, '.') <= ${allowed}))`;
}

function compileField(fp: FieldPlan, v: SqlFragment, exponent: SqlFragment): Compiled {
  const f = fp.field;
  switch (f.kind) {
    case 'id':
    case 'text':
      // Control characters, U+FFFD and spaces at either end are refused for the whole line (see `cleanLine`).
      return { value: v, ok: sql`(strlen(${v}) <= ${param(f.maxLength)} AND ascii(${v}) NOT IN (61, 43, 45, 64))` };
    case 'enum': {
      const values = f.values ?? [];
      const folded = joinSql(
        values.map((x) => sql`WHEN ${param(x.toLowerCase())} THEN ${param(x)}`),
        ' ',
      );
      const value = sql`(CASE WHEN ${v} IN (${joinSql(values.map((x) => param(x)))}) THEN ${v}
        WHEN regexp_full_match(${v}, '[ -~]*') THEN (CASE lower(${v}) ${folded} END) END)`;
      return { value, ok: sql`${value} IS NOT NULL` };
    }
    case 'currency':
      return {
        value: sql`upper(${v})`,
        ok: sql`(regexp_full_match(${v}, '[A-Za-z]{3}') AND upper(${v}) IN (${joinSql(knownCurrencies().map((c) => param(c)))}))`,
      };
    case 'money': {
      const scale = sql`(CASE ${exponent} ${joinSql(
        [...new Set(knownCurrencies().map((c) => currencyExponent(c as never)))].map((e) => sql`WHEN ${param(e)} THEN ${param(10 ** e)}`),
        ' ',
      )} END)`;
      const value = sql`CAST(TRY_CAST(${v} AS DECIMAL(18, 3)) * ${scale} AS BIGINT)`;
      const ok = sql`(${exponent} IS NOT NULL AND ${plainDecimal(v, exponent, 3)} AND ${f.min !== undefined ? sql`${value} >= ${param(f.min)}` : raw('TRUE')})`;
      return { value, ok };
    }
    case 'decimal': {
      const scale = f.scale ?? 4;
      const value = sql`TRY_CAST(${v} AS DECIMAL(18, ${raw(String(scale))}))`;
      return { value, ok: sql`(${plainDecimal(v, scale, scale)} AND ${bounds(value, f)})` };
    }
    case 'integer': {
      const value = sql`TRY_CAST(${v} AS BIGINT)`;
      return { value, ok: sql`(CAST(${value} AS VARCHAR) = ${v} AND ${bounds(value, f)})` };
    }
    case 'boolean':
      return {
        value: sql`(lower(${v}) IN (${joinSql(TRUE_WORDS.map((w) => param(w)))}))`,
        ok: sql`(regexp_full_match(${v}, '[A-Za-z01]{1,5}') AND lower(${v}) IN (${joinSql([...TRUE_WORDS, ...FALSE_WORDS].map((w) => param(w)))}))`,
      };
    case 'date': {
      const value = sql`TRY_CAST(${v} AS DATE)`;
      return {
        value,
        ok: sql`(CAST(${value} AS VARCHAR) = ${v} AND year(${value}) BETWEEN ${param(MIN_YEAR)} AND ${param(MAX_YEAR)})`,
      };
    }
    case 'timestamp':
    case 'email':
      throw new Error(`${f.name}: a ${f.kind} is not staged in SQL (sqlStagingObstacle refuses it)`);
    default:
      throw new Error(`${f.name}: unknown kind`);
  }
}

/**
 * The statement that stages a file in SQL: INSERT INTO the staging table the
 * validated values of every data line, or fail (DuckDB's `error()`) on the first
 * line the row-by-row validator must see. Call only when sqlStagingObstacle is null.
 */
export function compileSqlStaging(spec: EntitySpec, plan: ColumnPlan, source: SqlStagingSource): SqlFragment {
  const width = plan.header.length;
  const d = source.delimiter;
  const currencyPlan = plan.fields.find((fp) => fp.field.kind === 'currency');
  const currencyText = currencyPlan ? valueText(currencyPlan) : raw('CAST(NULL AS VARCHAR)');
  const exponent = raw('e');
  const byName = new Map<string, SqlFragment>();
  const checks: SqlFragment[] = [sql`width = ${param(width)}`, raw('clean')];
  for (const fp of plan.fields) {
    const v = valueText(fp);
    if (absent(fp)) {
      byName.set(fp.field.name, raw('NULL'));
      if (fp.field.required) checks.push(raw('FALSE'));
      continue;
    }
    const c = compileField(fp, v, exponent);
    byName.set(fp.field.name, c.value);
    checks.push(fp.field.required ? sql`(${v} IS NOT NULL AND ${c.ok})` : sql`(${v} IS NULL OR ${c.ok})`);
  }
  for (const c of spec.orderChecks) {
    const a = byName.get(c.earlier) ?? raw('NULL');
    const b = byName.get(c.later) ?? raw('NULL');
    checks.push(sql`(${a} IS NULL OR ${b} IS NULL OR ${b} >= ${a})`);
  }
  const columns = stagingColumns(spec);
  const values = spec.fields.map((f) => byName.get(f.name) ?? raw('NULL'));
  const exponents = joinSql(
    knownCurrencies()
      .filter(isKnownCurrency)
      .map((c) => sql`WHEN ${param(c)} THEN ${param(currencyExponent(c))}`),
    ' ',
  );
  // Control characters (but the delimiter), U+FFFD, and a space (any Unicode space, or a BOM) at either end of a field.
  const control = d === '\t' ? '[\\x00-\\x08\\x0A-\\x1F\\x7F\\x{FFFD}]' : '[\\x00-\\x1F\\x7F\\x{FFFD}]';
  const delim = d === '|' ? '\\|' : d === '\t' ? '\\t' : d;
  const cleanLine = `${control}|(^|${delim})[\\pZ\\x{FEFF}]|[\\pZ\\x{FEFF}](${delim}|$)`;
  const fieldsOf = joinSql(
    Array.from({ length: width }, (_, i) => raw(`nullif(f[${i + 1}], '') AS v${i + 1}`)),
    ', ',
  );
  return sql`INSERT INTO ${ident(source.stage)} (${joinSql([...columns, source.lineColumn].map((c) => ident(c)))})
SELECT ${joinSql(values)}, CASE WHEN ${joinSql(checks, ' AND ')} THEN 0
  ELSE error('a line needs the row-by-row validation') END
FROM (SELECT *, (CASE upper(${currencyText}) ${exponents} END) AS e
  FROM (SELECT len(f) AS width, NOT regexp_matches(raw, ${param(cleanLine)}) AS clean, ${fieldsOf}
    FROM (SELECT raw, string_split(raw, ${param(d)}) AS f
      FROM (SELECT CASE WHEN suffix(raw, chr(13)) THEN raw[1:-2] ELSE raw END AS raw
        FROM read_csv(${param(source.path)}, header = false, skip = 1, columns = {'raw': 'VARCHAR'}, delim = chr(1), quote = '',
          escape = '', auto_detect = false, strict_mode = true))
      WHERE raw IS NOT NULL AND NOT regexp_full_match(raw, '[ \\t\\f\\x0B]*'))))`;
}
