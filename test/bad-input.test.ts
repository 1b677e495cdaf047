/**
 * Bad input is refused with a clear error naming the file, line, column and
 * reason, and in atomic mode leaves every table exactly as it was (row counts
 * and checksums), on both engines. The cases are the table in
 * fixtures/bad-input/cases.ts. Every case runs in-process through importFile,
 * the service `cairn import` calls; the cases marked `cli` also run through
 * the real command in a child process, for its exit code, its printed errors
 * and its --report CSV. Quarantine mode is checked on one mixed file, through
 * export, correction and a resolving re-import.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeSpreadsheetCell } from '@cairn/core/domain';
import type { RowError } from '@cairn/core/ingest';
import { param, sql } from '@cairn/core/sql';
import { type Cairn, exportRejects, type ImportRequest, importFile, listRejects, loadConfig, openCairn } from '@cairn/server';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_INPUT_CASES, BASE_COMPANY, type BadInputCase, type ExpectedError, QUARANTINE_CASE } from '../fixtures/bad-input/cases';
import { createTestLocation, testEngines } from '../test-support/test-stores';
import { REPO_ROOT, runCli } from './support/run-cli';
import { type StoreSnapshot, snapshotStore, snapshotTableNames } from './support/table-snapshot';

const FIXTURES = join(REPO_ROOT, 'fixtures/bad-input');
let scratch = '';

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'cairn-bad-input-'));
  for (const c of BAD_INPUT_CASES) if (c.generate) writeFileSync(join(scratch, c.file), c.generate());
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function pathOf(c: Pick<BadInputCase, 'file' | 'generate'>): string {
  return c.generate ? join(scratch, c.file) : join(FIXTURES, c.file);
}

function mappingOf(c: BadInputCase): ImportRequest['mapping'] {
  return c.mapping ? { name: c.mapping, text: readFileSync(join(FIXTURES, c.mapping), 'utf8') } : undefined;
}

/** The errors, in order and complete: one per expectation, each with its line, column and reason. */
function expectErrors(actual: readonly RowError[], expected: readonly ExpectedError[], file: string): void {
  expect(actual.map((e) => ({ file: e.file, line: e.line, column: e.column, value: e.value, reason: e.reason }))).toMatchObject(
    expected.map((x) => ({
      file,
      line: x.line,
      column: x.column,
      reason: expect.stringContaining(x.reason),
      ...(x.value === undefined ? {} : { value: x.value }),
    })),
  );
}

/** How the CLI prints an error's position: `file:line [column]`. */
function printedAt(file: string, e: ExpectedError): string {
  return `${file}:${e.line}${e.column ? ` [${e.column}]` : ''}`;
}

describe.each(testEngines())('bad input on %s', (engine) => {
  let location = '';
  let drop: () => Promise<void> = async () => undefined;
  let cairn: Cairn | null = null;
  let baseline: StoreSnapshot = {};

  const open = async (): Promise<Cairn> => {
    cairn ??= await openCairn(loadConfig({ CAIRN_DB: location, CAIRN_DUCKDB_MEMORY_LIMIT: '1GB', CAIRN_ACTOR: 'bad-input-test' }));
    return cairn;
  };
  /** DuckDB allows one process per file: the test lets go of it while a CLI child runs. */
  const release = async (): Promise<void> => {
    if (engine !== 'duckdb' || !cairn) return;
    await cairn.close();
    cairn = null;
  };
  const rejectedLogEntries = async (): Promise<number> => {
    const c = await open();
    const [row] = await c.store.query<{ n: string }>(sql`SELECT COUNT(*) AS n FROM import_log WHERE status = 'rejected'`);
    return Number(row?.n);
  };

  beforeAll(async () => {
    ({ location, drop } = await createTestLocation(engine));
    const c = await open();
    for (const b of BASE_COMPANY) {
      const r = await importFile(c.store, c.settings, { entity: b.entity, path: join(FIXTURES, b.file), mode: 'atomic', actor: 'setup' });
      expect(r.errors).toEqual([]);
    }
    baseline = await snapshotStore(c.store);
  });
  afterAll(async () => {
    await cairn?.close();
    await drop();
  });

  it('starts from a base company in every table the cases touch', () => {
    for (const table of ['org_unit', 'rep', 'customer', 'product', 'opportunity', 'order_line', 'stage', 'company_setting'])
      expect(baseline[table]?.rows, table).toBeGreaterThan(0);
    expect(Object.keys(baseline).sort()).toEqual(snapshotTableNames().sort());
  });

  it.each(BAD_INPUT_CASES)('$category: $name ($file)', async (c) => {
    const { store, settings } = await open();
    const mapping = mappingOf(c);
    const rejectedBefore = await rejectedLogEntries();
    const r = await importFile(store, settings, {
      entity: c.entity,
      path: pathOf(c),
      ...(mapping ? { mapping } : {}),
      mode: 'atomic',
      actor: 'bad-input-test',
    });
    expect(r.status).toBe('rejected');
    expect(r.inserted + r.updated).toBe(0);
    expectErrors(r.errors, c.errors, c.file);
    expect(r.rejectedRows).toBe(new Set(c.errors.map((e) => e.line)).size);
    expect(await snapshotStore(store)).toEqual(baseline);
    expect(await rejectedLogEntries()).toBe(rejectedBefore + 1);
  });

  it.each(BAD_INPUT_CASES.filter((c) => c.cli))('cairn import exits 1 and prints and reports every error: $file', async (c) => {
    const report = join(scratch, `${engine}-${c.file}.errors.csv`);
    await release();
    const result = await runCli([
      '--db',
      location,
      'import',
      c.entity,
      pathOf(c),
      ...(c.mapping ? ['--mapping', join(FIXTURES, c.mapping)] : []),
      '--report',
      report,
    ]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain(`REJECTED ${c.file} (${c.entity}, atomic): ${c.errors.length} error(s)`);
    expect(result.stdout).toContain('Nothing was written.');
    const printed = result.stdout.split('\n').map((l) => l.trim());
    for (const e of c.errors) {
      const at = printedAt(c.file, e);
      const line = printed.find((l) => l.startsWith(at) && /^[: ]/.test(l.slice(at.length)) && l.includes(e.reason));
      expect(line, `stdout names ${at}: …${e.reason}…\n${result.stdout}`).toBeDefined();
    }
    const csv = Papa.parse<Record<string, string>>(readFileSync(report, 'utf8'), { header: true, skipEmptyLines: true });
    expect(csv.meta.fields).toEqual(['file', 'line', 'column', 'value', 'reason']);
    expect(csv.data).toMatchObject(
      c.errors.map((e) => ({
        file: c.file,
        line: String(e.line),
        column: e.column ?? '',
        reason: expect.stringContaining(e.reason),
        ...(e.value === undefined ? {} : { value: escapeSpreadsheetCell(e.value) }),
      })),
    );
    const { store } = await open();
    expect(await snapshotStore(store)).toEqual(baseline);
  });

  it('quarantine: good rows commit, bad rows are kept with reasons, exported, corrected and resolved', async () => {
    const q = QUARANTINE_CASE;
    const { store, settings } = await open();
    const before = await snapshotStore(store);
    const first = await importFile(store, settings, { entity: q.entity, path: join(FIXTURES, q.file), mode: 'quarantine', actor: 'test' });
    expect(first.status).toBe('committed');
    expect({ inserted: first.inserted, updated: first.updated, rejectedRows: first.rejectedRows }).toEqual({
      inserted: q.committedIds.length,
      updated: 0,
      rejectedRows: q.errors.length,
    });
    expectErrors(first.errors, q.errors, q.file);

    const committed = await store.query<{ id: string; order_id: string }>(
      sql`SELECT id, order_id FROM order_line WHERE import_id = ${param(first.importId)} ORDER BY id`,
    );
    expect(committed.map((r) => r.id)).toEqual(q.committedIds);
    expect(committed.map((r) => r.order_id)).toContain(q.hostileOrderId);
    const after = await snapshotStore(store);
    // The committed lines, their customers' derived facts and snapshots to rebuild, the rejects: nothing else moves.
    for (const table of snapshotTableNames().filter(
      (t) => !['order_line', 'customer', 'customer_month_stale', 'import_reject'].includes(t),
    ))
      expect(after[table], table).toEqual(before[table]);

    const listed = await listRejects(store, { importId: first.importId });
    expect(listed.total).toBe(q.errors.length);
    expect(listed.rows).toMatchObject(
      q.errors.map((e) => ({
        line: String(e.line),
        column_name: e.column,
        reason: expect.stringContaining(e.reason),
        raw_record: expect.any(String),
        resolved_by: null,
      })),
    );

    // The export is the original layout, value for value, plus the line and the reasons.
    const source = Papa.parse<Record<string, string>>(readFileSync(join(FIXTURES, q.file), 'utf8'), { header: true, skipEmptyLines: true });
    const exported = await exportRejects(store, first.importId);
    expect(exported.rows).toBe(q.errors.length);
    const rejects = Papa.parse<Record<string, string>>(exported.csv, { header: true, skipEmptyLines: true });
    expect(rejects.meta.fields).toEqual([...(source.meta.fields ?? []), '_cairn_line', '_cairn_errors']);
    for (const [i, row] of rejects.data.entries()) {
      const e = q.errors[i] as ExpectedError;
      expect(row._cairn_line).toBe(String(e.line));
      expect(row._cairn_errors).toContain(e.reason);
      const { _cairn_line, _cairn_errors, ...record } = row;
      expect(record).toEqual(source.data[e.line - 2]);
      for (const [column, fixes] of Object.entries(q.fixes)) row[column] = fixes[row[column] ?? ''] ?? row[column] ?? '';
    }
    const corrected = join(scratch, `${engine}-corrected.csv`);
    writeFileSync(corrected, Papa.unparse(rejects.data, { columns: rejects.meta.fields }));

    const second = await importFile(store, settings, {
      entity: q.entity,
      path: corrected,
      mode: 'quarantine',
      actor: 'test',
      resolves: first.importId,
    });
    expect(second.errors).toEqual([]);
    expect(second.status).toBe('committed');
    expect(second.inserted).toBe(q.errors.length);
    expect((await listRejects(store, { importId: first.importId })).total).toBe(0);
    const resolved = await listRejects(store, { importId: first.importId, includeResolved: true });
    expect(resolved.rows.map((r) => r.resolved_by)).toEqual(q.errors.map(() => second.importId));
    const fixed = await store.query<{ id: string; customer_id: string; booked_at: string; amount_minor: string }>(
      sql`SELECT id, customer_id, booked_at, amount_minor FROM order_line WHERE import_id = ${param(second.importId)} ORDER BY id`,
    );
    expect(fixed).toEqual([
      { id: 'L-401', customer_id: 'C-3', booked_at: '2024-08-02', amount_minor: '120000' },
      { id: 'L-403', customer_id: 'C-4', booked_at: '2024-02-29', amount_minor: '1200000' },
      { id: 'L-404', customer_id: 'C-4', booked_at: '2024-09-01', amount_minor: '120000' },
    ]);
  });
});
