import { describe, expect, it } from 'vitest';
import { type EntityName, entitySpec } from '../model';
import { DuckDbDialect, renderSql } from '../sql';
import { type ColumnMapping, identityMapping, parseColumnMapping } from './column-mapping';
import { planColumns } from './plan-columns';
import { compileSqlStaging, sqlStagingObstacle } from './sql-staging';

function mappingOf(entity: EntityName, yaml: string | null): ColumnMapping {
  if (yaml === null) return identityMapping(entity);
  const parsed = parseColumnMapping(`entity: ${entity}\n${yaml}`, 'test.yaml');
  if ('diagnostics' in parsed) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.mapping;
}

const LINES = 'id,order_id,customer_id,rep_id,product_id,booked_at,quantity,amount,currency,status'.split(',');

function obstacle(entity: EntityName, header: string[], yaml: string | null = null): string | null {
  const spec = entitySpec(entity);
  const mapping = mappingOf(entity, yaml);
  const planned = planColumns(spec, mapping, header, 'in.csv');
  if ('errors' in planned) throw new Error(JSON.stringify(planned.errors));
  return sqlStagingObstacle(spec, mapping, planned.plan);
}

describe('sqlStagingObstacle', () => {
  it('lets a plain order-line file through', () => {
    expect(obstacle('order_line', LINES)).toBeNull();
    expect(
      obstacle(
        'order_line',
        LINES.filter((h) => h !== 'currency'),
        'source:\n  default_currency: EUR\n',
      ),
    ).toBeNull();
  });

  it('names what only the row-by-row validation handles', () => {
    expect(obstacle('order_line', LINES, 'source:\n  encoding: latin1\n')).toBe('the source is not UTF-8');
    expect(obstacle('order_line', LINES, "source:\n  decimal_separator: ','\n")).toBe("decimals use ','");
    expect(obstacle('order_line', LINES, 'source:\n  date_format: DD/MM/YYYY\n')).toBe('booked_at is read as DD/MM/YYYY');
    expect(obstacle('order_line', LINES, 'columns:\n  status:\n    column: status\n    values:\n      Open: active\n')).toBe(
      'status has a value map',
    );
    expect(obstacle('order_line', LINES, 'source:\n  skip_rows_where:\n    status: [void]\n')).toBe('the mapping skips rows');
    expect(obstacle('customer', ['id', 'name'])).toBe('customer has computed columns');
    expect(obstacle('opportunity_history', ['opportunity_id', 'changed_at', 'stage', 'amount', 'currency'])).toBe(
      'changed_at is a timestamp',
    );
  });
});

describe('compileSqlStaging', () => {
  it('binds the path, the delimiter and every value it compares with; it pastes none', () => {
    const spec = entitySpec('order_line');
    const mapping = identityMapping('order_line');
    const planned = planColumns(spec, mapping, LINES, 'in.csv');
    if ('errors' in planned) throw new Error('plan');
    const path = "/tmp/it's; DROP TABLE order_line; --.csv";
    const r = renderSql(
      compileSqlStaging(spec, planned.plan, { path, delimiter: ';', stage: 'import_stage', lineColumn: 'source_line' }),
      DuckDbDialect,
    );
    expect(r.text).not.toContain('DROP TABLE');
    expect(r.params).toContain(path);
    expect(r.params).toContain(';');
    expect(r.params).toEqual(expect.arrayContaining(['active', 'cancelled', 'USD', 'JPY']));
    // One placeholder per parameter.
    expect(r.text.match(/\$\d+/g)?.length).toBe(r.params.length);
    expect(r.text).toMatch(/^INSERT INTO "import_stage" \(/);
  });
});
