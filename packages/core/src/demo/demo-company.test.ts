import { beforeAll, describe, expect, it } from 'vitest';
import { dayNumber } from '../domain/civil-date';
import { allEntitySpecs } from '../model/entity-specs';
import { CANONICAL_TABLES_V1 } from '../model/canonical-tables-v1';
import { DEFAULT_STAGES } from '../model/migrations';
import type { ColumnType } from '../sql/column-type';
import { hashCompany, hashRows, options, walk } from './demo-test-support';
import { DEMO_SIZE_SPECS, demoCompany, type DemoCompany } from './index';

/** Columns deriveFacts computes; the generator must leave them empty. */
const DERIVED = new Set([
  'order_line.product_line',
  'order_line.amount_rc_minor',
  'order_line.margin_rc_minor',
  'order_line.is_cross_sell',
  'order_line.is_new_logo',
  'customer.first_booked_at',
  'opportunity.is_closed',
  'opportunity.is_won',
  'opportunity.amount_rc_minor',
]);

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make();
  map.set(key, made);
  return made;
}

function formatOk(type: ColumnType, v: string): boolean {
  switch (type.kind) {
    case 'text':
      return true;
    case 'integer':
    case 'bigint':
      return /^-?\d+$/.test(v) && Number.isSafeInteger(Number(v));
    case 'boolean':
      return v === 'true' || v === 'false';
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(dayNumber(v));
    case 'timestamp':
      return /^\d{4}-\d{2}-\d{2} ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(v);
    case 'double':
      return Number.isFinite(Number(v));
    case 'decimal':
      return new RegExp(`^-?\\d+\\.\\d{${type.scale}}$`).test(v);
  }
}

describe('demo company generator', () => {
  it('yields byte-identical rows for a seed and different rows for another seed', () => {
    expect(hashCompany(options('tiny', 7))).toBe(hashCompany(options('tiny', 7)));
    expect(hashCompany(options('tiny', 8))).not.toBe(hashCompany(options('tiny', 7)));
  });

  it('yields the same rows table by table as pass by pass', () => {
    const company = demoCompany(options('tiny'));
    for (const pass of company.passes) {
      pass.tables.forEach((table, k) => {
        const fromPass = [...pass.batches()].filter((b) => b.table === k).map((b) => b.rows);
        expect(hashRows(fromPass), table.name).toBe(hashRows(table.batches()));
      });
    }
  });

  it('yields the same rows from a pass narrowed to some of its tables', () => {
    const pass = demoCompany(options('tiny')).passes.find((p) => p.tables.some((t) => t.name === 'invoice'));
    if (!pass) throw new Error('no sales pass');
    const narrowed = pass.select(['invoice', 'order_line']);
    expect(narrowed.tables.map((t) => t.name)).toEqual(['invoice', 'order_line']);
    for (const [k, name] of ['invoice', 'order_line'].entries()) {
      const full = pass.tables.findIndex((t) => t.name === name);
      const a = [...pass.batches()].filter((b) => b.table === full).map((b) => b.rows);
      const b = [...narrowed.batches()].filter((x) => x.table === k).map((x) => x.rows);
      expect(hashRows(b), name).toBe(hashRows(a));
    }
  });

  it('fills every canonical table but stage, in an order where references come first', () => {
    const names = demoCompany(options('tiny')).tables.map((t) => t.name);
    expect([...names].sort()).toEqual(
      CANONICAL_TABLES_V1.map((t) => t.name)
        .filter((n) => n !== 'stage')
        .sort(),
    );
    for (const spec of allEntitySpecs()) {
      for (const field of spec.fields) {
        for (const ref of field.references ?? []) {
          if (ref.entity === 'stage' || ref.entity === spec.name) continue;
          expect(names.indexOf(ref.entity), `${spec.name}.${field.name}`).toBeLessThan(names.indexOf(spec.table));
        }
      }
    }
  });

  it.each([
    [1, '2023-01-01', '2026-01-01'],
    [4, '2023-04-01', '2026-04-01'],
    [11, '2023-11-01', '2026-11-01'],
    [12, '2022-12-01', '2025-12-01'],
  ])('covers the three fiscal years complete by 2026-11 (fiscal year starting in month %i)', (month, from, until) => {
    const company = demoCompany(options('tiny', 7, month));
    expect([company.from, company.until]).toEqual([from, until]);
  });
});

describe('the small demo company', () => {
  let company: DemoCompany;
  let counts: Map<string, number>;
  const problems: string[] = [];
  const keys = new Map<string, Set<string>>();
  const refs = new Map<string, { entity: string; values: Set<string> }>();
  const distinct = new Map<string, Set<string>>();
  const npsScores: number[] = [];

  beforeAll(() => {
    company = demoCompany(options('small'));
    const specs = new Map(allEntitySpecs().map((s) => [s.table, s]));
    const defs = new Map(CANONICAL_TABLES_V1.map((t) => [t.name, t]));
    const report = (m: string) => {
      if (problems.length < 20) problems.push(m);
    };
    counts = walk(company, (table, row, column) => {
      const def = defs.get(table);
      const spec = specs.get(table);
      if (!def || !spec) return report(`${table}: not canonical`);
      if (row.length !== def.columns.length) return report(`${table}: ${row.length} values for ${def.columns.length} columns`);
      def.columns.forEach((c, i) => {
        const v = row[i] ?? null;
        const name = `${table}.${c.name}`;
        if (DERIVED.has(name) && v !== null) report(`${name} is derived but was filled: ${v}`);
        if (c.notNull && v === null) report(`${name} is NOT NULL but empty`);
        if (v !== null && !formatOk(c.type, v)) report(`${name}: ${v} is not a ${c.type.kind}`);
      });
      if (row[column('import_id')] !== 'demo') report(`${table}: import_id is not demo`);
      if (table === 'survey_response') npsScores.push(Number(row[column('nps_score')]));
      const key = (def.primaryKey ?? []).map((k) => row[column(k)]).join('|');
      const seen = getOrAdd(keys, table, () => new Set<string>());
      if (seen.has(key)) report(`${table}: duplicate key ${key}`);
      seen.add(key);
      for (const field of spec.fields) {
        const v = row[column(field.column)] ?? null;
        if (v === null) continue;
        if (field.values && !field.values.includes(v)) report(`${table}.${field.name}: ${v} is not in the vocabulary`);
        if (
          field.kind === 'integer' &&
          ((field.min !== undefined && Number(v) < field.min) || (field.max !== undefined && Number(v) > field.max))
        )
          report(`${table}.${field.name}: ${v} is out of range`);
        for (const ref of field.references ?? []) {
          if (ref.when && row[column(ref.when.field)] !== ref.when.equals) continue;
          const id = `${table}.${field.name}->${ref.entity}`;
          getOrAdd(refs, id, () => ({ entity: ref.entity, values: new Set<string>() })).values.add(v);
        }
      }
      for (const check of spec.orderChecks) {
        const a = row[column(check.earlier)];
        const b = row[column(check.later)];
        if (a && b && b < a) report(`${table}: ${check.later} ${b} is before ${check.earlier} ${a}`);
      }
      for (const c of ['role', 'kind']) {
        if (!def.columns.some((d) => d.name === c)) continue;
        const k = `${table}.${c}`;
        getOrAdd(distinct, k, () => new Set<string>()).add(row[column(c)] ?? '');
      }
    });
    keys.set('stage', new Set(DEFAULT_STAGES.map((s) => s.name)));
  });

  it('writes every value in the canonical column order, format and vocabulary, leaving derived columns empty', () => {
    expect(problems).toEqual([]);
  });

  it('answers surveys like a typical B2B customer base: an NPS near 35, target 40 within reach', () => {
    const share = (test: (x: number) => boolean) => npsScores.filter(test).length / npsScores.length;
    const nps = 100 * (share((x) => x >= 9) - share((x) => x <= 6));
    expect(npsScores.length).toBeGreaterThan(2000);
    expect(nps).toBeGreaterThan(25);
    expect(nps).toBeLessThan(45);
    expect(share((x) => x <= 6)).toBeGreaterThan(0.05);
  });

  it('resolves every reference to a generated row', () => {
    const dangling: string[] = [];
    for (const [id, { entity, values }] of refs) {
      const target = keys.get(entity) ?? new Set<string>();
      const missing = [...values].filter((v) => !target.has(v));
      if (missing.length > 0) dangling.push(`${id}: ${missing.length} missing, e.g. ${missing.slice(0, 3).join(', ')}`);
    }
    expect(dangling).toEqual([]);
    expect(refs.size).toBeGreaterThan(30);
  });

  it('has the organisation of the brief: 1 enterprise, 2 divisions, 6 regions, 12 teams, about 80 reps of every role', () => {
    const units = [...(keys.get('org_unit') ?? [])];
    expect(units.filter((u) => u === 'ent')).toHaveLength(1);
    expect(units.filter((u) => u.startsWith('div-'))).toHaveLength(2);
    expect(units.filter((u) => u.startsWith('reg-'))).toHaveLength(6);
    expect(units.filter((u) => u.startsWith('team-'))).toHaveLength(12);
    expect(counts.get('rep')).toBeGreaterThanOrEqual(70);
    expect(counts.get('rep')).toBeLessThanOrEqual(100);
    expect([...(distinct.get('rep.role') ?? [])].sort()).toEqual(['AE', 'AM', 'SDR', 'SE', 'manager']);
    expect(counts.get('rep_assignment')).toBeGreaterThan(counts.get('rep') ?? 0);
  });

  it('lands near the target sizes', () => {
    const near = (table: string, target: number, tolerance = 0.15) => {
      const n = counts.get(table) ?? 0;
      expect(Math.abs(n - target) / target, `${table}: ${n} vs ${target}`).toBeLessThanOrEqual(tolerance);
    };
    near('customer', 3_000, 0);
    near('order_line', DEMO_SIZE_SPECS.small.targets.orderLines);
    near('opportunity', DEMO_SIZE_SPECS.small.targets.opportunities);
    for (const t of company.tables) expect(counts.get(t.name) ?? 0, t.name).toBeGreaterThan(0);
    expect(counts.get('opportunity_history') ?? 0).toBeGreaterThan(3 * (counts.get('opportunity') ?? 0));
    expect(counts.get('revenue_schedule') ?? 0).toBeGreaterThan(counts.get('order_line') ?? 0);
  });
});

describe('the large demo company', () => {
  it('is sized for the benchmark: about 5,000 reps, 1M customers, 20M order lines, 2M opportunities', () => {
    const company = demoCompany(options('large'));
    const estimate = (name: string) => company.tables.find((t) => t.name === name)?.estimateRows() ?? 0;
    expect(estimate('customer')).toBe(1_000_000);
    expect(Math.abs(estimate('rep') - 5_000)).toBeLessThan(500);
    expect(Math.abs(estimate('order_line') - 20_000_000) / 20_000_000).toBeLessThan(0.2);
    expect(Math.abs(estimate('opportunity') - 2_000_000) / 2_000_000).toBeLessThan(0.2);
  });
});
