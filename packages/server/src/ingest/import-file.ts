/**
 * Imports one file into one canonical entity.
 *  1. The header is matched to the mapping; header problems stop everything.
 *  2. Every row is validated in JS and good rows stream into a staging table
 *     through the engine's bulk loader (DuckDB COPY, PostgreSQL COPY).
 *  3. Set-based checks run on the staging table: duplicate keys, references.
 *  4. atomic mode: any error and nothing is written but the import_log entry.
 *     quarantine mode: bad rows go to import_reject with their raw record.
 *  5. One transaction upserts by natural key, records changes and history,
 *     writes rejects and the log entry, and refreshes derived facts, so a
 *     crash leaves either the whole import or none of it.
 *  6. Optionally (recomputeKpis), the KPI periods the import moved are
 *     recomputed — only when the store already holds KPI values: a first
 *     load computes once, at the end, instead of after every file — and
 *     the stored scorecards of those periods are scored again.
 * Importing the same file again inserts and updates nothing.
 */
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DomainError } from '@cairn/core/domain';
import { type ColumnMapping, identityMapping, parseColumnMapping, type RowError } from '@cairn/core/ingest';
import type { KpiCatalog } from '@cairn/core/metrics';
import type { ScorecardTemplate } from '@cairn/core/scorecards';
import { type EntityName, entitySpec } from '@cairn/core/model';
import { param, raw, sql } from '@cairn/core/sql';
import type { CompanySettings } from '../db/company-settings';
import { csvLine } from '../db/csv-line';
import { refreshPlannerStatistics } from '../db/planner-statistics';
import { withWriteLock } from '../db/write-lock';
import type { Session, Store } from '../db/store';
import { type ChangedDates, computeAffectedPeriods } from '../metrics/compute-affected-periods';
import type { ComputeKpisResult } from '../metrics/compute-kpis';
import { type ComputeScorecardsResult, computeScorecards } from '../scorecards/compute-scorecards';
import { readScorecardTemplates } from '../scorecards/read-scorecard-templates';
import { applyPreparedFacts, DERIVED_ORDER_LINE_COLUMNS, DERIVED_ORDER_LINES, prepareOrderLineFacts } from '../services/derive-facts';
import { readSourceRows } from './read-source-rows';
import { StagePool } from './stage-in-workers';
import { defaultStageThreads, stageSource } from './stage-source';
import { collapseIdenticalRows, enrichStaged, findDuplicateKeys, findUnknownReferences, redirectMergedCustomers } from './staging-checks';
import { stagedChangeDates } from './staged-change-dates';
import { scanFile, stageInSql } from './stage-in-sql';
import { deriveImported, planImportDerive } from './derive-after-import';
import { createStagingSql, LINE, STAGE } from './staging-table';
import { upsertStaged } from './upsert-staged';

export type ImportMode = 'atomic' | 'quarantine';

export interface ImportRequest {
  entity: EntityName;
  /** The file on disk. */
  path: string;
  /** The name to report (an upload's original name); defaults to the path's base name. */
  fileName?: string;
  mapping?: { name: string; text: string };
  mode: ImportMode;
  actor: string;
  /** An earlier quarantine import whose rejects this corrected file resolves. */
  resolves?: string;
  onProgress?: (p: { bytesRead: number; totalBytes: number; rows: number }) => void;
  /** Validate a plain CSV file inside DuckDB (stage-in-sql.ts) when it can; default true. false: always row by row. */
  stageInDatabase?: boolean;
  /** Worker threads that parse and validate a CSV file; default one per core (at most 4) for files of 16 MB or more, else 0 (the main thread). */
  stageThreads?: number;
  /** After the commit, recompute the KPI periods the import moved with this catalog, if KPI values exist already. */
  recomputeKpis?: KpiCatalog;
}

export interface ImportReport {
  importId: string;
  entity: EntityName;
  file: string;
  sha256: string;
  mode: ImportMode;
  status: 'committed' | 'rejected';
  rowsRead: number;
  /** Whether DuckDB validated and staged the file in SQL (else it was validated row by row). */
  stagedInDatabase: boolean;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows refused (one row may have several errors). */
  rejectedRows: number;
  errors: RowError[];
  durationMs: number;
  /** Where the time went, in order. */
  phases: { phase: string; ms: number }[];
  /** The KPI recompute after the commit (recomputeKpis), null when nothing needed recomputing; absent when not asked. */
  kpis?: ComputeKpisResult | null;
}

function nowTimestamp(): string {
  return new Date().toISOString().replace('T', ' ').replace('Z', '');
}

function resolveMapping(req: ImportRequest): ColumnMapping {
  if (!req.mapping) return identityMapping(req.entity);
  const parsed = parseColumnMapping(req.mapping.text, req.mapping.name);
  if ('diagnostics' in parsed) {
    throw new DomainError(
      'invalid_input',
      `the mapping ${req.mapping.name} is invalid:\n  ${parsed.diagnostics.map((d) => `${d.path}: ${d.message}`).join('\n  ')}`,
      parsed.diagnostics,
    );
  }
  if (parsed.mapping.entity !== req.entity) {
    throw new DomainError('invalid_input', `the mapping ${req.mapping.name} is for ${parsed.mapping.entity}, not ${req.entity}`);
  }
  return parsed.mapping;
}

/** Reads the raw source records of the given lines, as header → value objects. */
async function rawRecords(path: string, file: string, mapping: ColumnMapping, lines: Set<number>): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (lines.size === 0) return out;
  let header: string[] = [];
  for await (const item of readSourceRows(path, file, mapping.source)) {
    if ('header' in item) {
      header = item.header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
      continue;
    }
    item.rows.forEach((row, i) => {
      const line = item.lines[i] ?? 0;
      if (lines.has(line)) out.set(line, JSON.stringify(Object.fromEntries(header.map((h, k) => [h, row[k] ?? '']))));
    });
  }
  return out;
}

export async function importFile(store: Store, settings: CompanySettings, req: ImportRequest): Promise<ImportReport> {
  const started = Date.now();
  const startedAt = nowTimestamp();
  const spec = entitySpec(req.entity);
  const mapping = resolveMapping(req);
  const file = req.fileName ?? basename(req.path);
  const info = await stat(req.path);
  // A plain CSV file on DuckDB is validated in SQL first (stage-in-sql.ts); otherwise, or when that
  // declines, row by row, by worker threads for a large file. Workers started first load while the file is hashed.
  const threads = req.stageThreads ?? defaultStageThreads(mapping, info.size);
  const trySql =
    req.stageInDatabase !== false && store.kind === 'duckdb' && mapping.source.format === 'csv' && mapping.source.encoding === 'utf-8';
  let pool: StagePool | null = threads > 0 && mapping.source.format === 'csv' && !trySql ? StagePool.start(threads) : null;
  const scan = await scanFile(req.path).catch(async (e: unknown) => {
    await pool?.close();
    throw e;
  });
  const sha256 = scan.sha256;
  const importId = randomUUID();
  const errors: RowError[] = [];
  const badLines = new Set<number>();
  let rowsRead = 0;
  let stagedInDatabase = false;
  const phases: { phase: string; ms: number }[] = [];
  let mark = Date.now();
  const phase = (name: string) => {
    const now = Date.now();
    phases.push({ phase: name, ms: now - mark });
    mark = now;
  };

  const report = (status: ImportReport['status'], counts = { inserted: 0, updated: 0, unchanged: 0 }): ImportReport => ({
    importId,
    entity: req.entity,
    file,
    sha256,
    mode: req.mode,
    status,
    rowsRead,
    stagedInDatabase,
    ...counts,
    rejectedRows: badLines.size,
    errors: errors.sort((a, b) => a.line - b.line),
    durationMs: Date.now() - started,
    phases,
  });

  // Set inside the transaction when the import changed rows and KPI values exist to keep up to date.
  let changed: ChangedDates | null = null;
  const result = await withWriteLock(store, () =>
    store.session(async (s) => {
      // Stages the file (in SQL, or row by row) and runs the set-based checks; null when SQL declined the file.
      const stageAndCheck = async (inSql: boolean) => {
        // The workers of a file SQL declined start now (they were not started for a file SQL might take).
        if (!inSql && !pool && threads > 0 && mapping.source.format === 'csv') pool = StagePool.start(threads);
        await s.exec(`DROP TABLE IF EXISTS ${STAGE}`);
        await s.exec(createStagingSql(spec, s.dialect));
        const staged = inSql
          ? await stageInSql(s, { spec, mapping, path: req.path, file, totalBytes: info.size, onProgress: req.onProgress })
          : await stageSource(s, {
              spec,
              mapping,
              path: req.path,
              file,
              totalBytes: info.size,
              pool,
              onProgress: req.onProgress,
            });
        if (!staged) return null;
        phase(inSql ? 'read, validate and stage in SQL' : 'read, validate and stage');
        if (staged.sourceNames === null) return { staged, problems: [] };
        await refreshPlannerStatistics(s, [STAGE]);
        if (mapping.source.collapse_identical_rows) await collapseIdenticalRows(s, spec);
        await redirectMergedCustomers(s, spec);
        const duplicates = await findDuplicateKeys(s, spec, file, staged.sourceNames);
        phase('duplicate keys');
        const unknown = await findUnknownReferences(s, spec, file, staged.sourceNames);
        phase('references');
        return { staged, problems: [...duplicates, ...unknown] };
      };
      try {
        let checked = trySql && scan.plainLayout ? await stageAndCheck(true) : null;
        // Rows staged in SQL carry no line numbers: a file with a duplicate or an unknown key is staged again row by row to report them.
        if (checked && checked.problems.length > 0) checked = null;
        stagedInDatabase = checked !== null;
        if (stagedInDatabase) req.onProgress?.({ bytesRead: info.size, totalBytes: info.size, rows: checked?.staged.rowsRead ?? 0 });
        checked ??= (await stageAndCheck(false)) as NonNullable<typeof checked>;
        const { staged, problems } = checked;
        rowsRead = staged.rowsRead;
        errors.push(...staged.errors);
        for (const line of staged.badLines) badLines.add(line);
        if (staged.sourceNames === null) return await logAndReturn(s, report('rejected'));
        for (const e of problems) {
          errors.push(e);
          badLines.add(e.line);
        }
        if (errors.length > 0 && req.mode === 'atomic') return await logAndReturn(s, report('rejected'));
        await enrichStaged(s, spec);
        phase('enrich');

        const raws = req.mode === 'quarantine' ? await rawRecords(req.path, file, mapping, badLines) : new Map<number, string>();
        const result = await s.transaction(async () => {
          if (badLines.size > 0) await dropBadLines(s);
          const kpisToUpdate = req.recomputeKpis ? await hasKpiValues(s) : false;
          const dates = kpisToUpdate ? await stagedChangeDates(s, spec) : null;
          let counts: Awaited<ReturnType<typeof upsertStaged>>;
          if (req.entity === 'order_line') {
            // Derive before inserting, so new lines are written once, complete.
            await s.exec('DROP TABLE IF EXISTS derive_scope');
            await s.exec(`CREATE TEMPORARY TABLE derive_scope AS SELECT customer_id FROM ${STAGE}
            UNION SELECT o.customer_id FROM order_line o JOIN ${STAGE} x ON x.id = o.id`);
            await refreshPlannerStatistics(s, ['derive_scope']);
            const scope = { customerTable: 'derive_scope', stagedLines: STAGE };
            await prepareOrderLineFacts(s, settings, scope);
            phase('derived facts');
            counts = await upsertStaged(s, spec, importId, startedAt, { table: DERIVED_ORDER_LINES, columns: DERIVED_ORDER_LINE_COLUMNS });
            phase('upsert');
            // When every derived line is a line just inserted (with its facts), there is nothing to rewrite.
            const [derived] = await s.query<{ n: string | number }>(sql`SELECT COUNT(*) AS n FROM ${raw(DERIVED_ORDER_LINES)}`);
            await applyPreparedFacts(s, settings, scope, Number(derived?.n ?? -1) === counts.inserted);
            await s.exec('DROP TABLE IF EXISTS derive_scope');
          } else {
            const plan = await planImportDerive(s, spec, req.entity);
            counts = await upsertStaged(s, spec, importId, startedAt);
            phase('upsert');
            await deriveImported(s, settings, plan);
          }
          await writeRejects(s, raws);
          if (req.resolves && errors.length === 0) {
            await s.query(
              sql`UPDATE import_reject SET resolved_by = ${param(importId)} WHERE import_id = ${param(req.resolves)} AND resolved_by IS NULL`,
            );
          }
          phase('apply derived facts, rejects');
          if (dates && counts.inserted + counts.updated > 0) changed = dates;
          const r = report('committed', counts);
          await writeLog(s, r);
          return r;
        });
        phase('commit');
        return result;
      } finally {
        await s.exec(`DROP TABLE IF EXISTS ${STAGE}`).catch(() => undefined);
      }
    }),
  ).finally(() => pool?.close());
  if (!req.recomputeKpis || result.status !== 'committed') return result;
  const kpis = changed ? await computeAffectedPeriods(store, settings, req.recomputeKpis, changed, { actor: req.actor }) : null;
  phase('recompute KPIs');
  const scorecards = kpis ? await rescoreScorecards(store, settings, req.recomputeKpis, kpis) : null;
  if (scorecards) phase('re-score scorecards');
  return { ...result, kpis, durationMs: Date.now() - started };

  async function hasKpiValues(s: Session): Promise<boolean> {
    return (await s.query(sql`SELECT 1 AS x FROM kpi_value LIMIT 1`)).length > 0;
  }

  async function dropBadLines(s: Session): Promise<void> {
    await s.exec('DROP TABLE IF EXISTS import_bad_line');
    await s.exec(`CREATE TEMPORARY TABLE import_bad_line (${LINE} BIGINT)`);
    const w = await s.bulkWriter('import_bad_line', [LINE]);
    await w.write([...badLines].map((l) => `${l}\n`).join(''));
    await w.finish();
    await s.exec(`DELETE FROM ${STAGE} WHERE ${LINE} IN (SELECT ${LINE} FROM import_bad_line)`);
    await s.exec('DROP TABLE IF EXISTS import_bad_line');
  }

  async function writeRejects(s: Session, raws: Map<number, string>): Promise<void> {
    if (errors.length === 0) return;
    const w = await s.bulkWriter('import_reject', [
      'import_id',
      'seq',
      'entity',
      'file_name',
      'line',
      'column_name',
      'value',
      'reason',
      'raw_record',
    ]);
    let text = '';
    // Numbered in line order, so an export of the rejects follows the source file.
    errors.sort((a, b) => a.line - b.line);
    errors.forEach((e, i) => {
      text += csvLine([importId, String(i + 1), req.entity, file, String(e.line), e.column, e.value, e.reason, raws.get(e.line) ?? null]);
    });
    await w.write(text);
    await w.finish();
  }

  async function writeLog(s: Session, r: ImportReport): Promise<void> {
    const message = r.status === 'rejected' ? `${r.errors.length} error(s) in ${r.rejectedRows} row(s); nothing was written` : null;
    await s.query(sql`INSERT INTO import_log (id, entity, file_name, file_sha256, mapping, actor, mode, status, started_at, finished_at,
        rows_read, inserted, updated, unchanged, rejected, message)
      VALUES (${param(r.importId)}, ${param(r.entity)}, ${param(r.file)}, ${param(r.sha256)}, ${param(req.mapping?.name ?? null)},
        ${param(req.actor)}, ${param(r.mode)}, ${param(r.status)}, CAST(${param(startedAt)} AS TIMESTAMP), CAST(${param(nowTimestamp())} AS TIMESTAMP),
        ${param(r.rowsRead)}, ${param(r.inserted)}, ${param(r.updated)}, ${param(r.unchanged)}, ${param(r.rejectedRows)}, ${param(message)})`);
  }

  async function logAndReturn(s: Session, r: ImportReport): Promise<ImportReport> {
    await writeLog(s, r);
    return r;
  }
}

/**
 * After a KPI recompute, the stored scorecards of the same periods are scored
 * again, when scorecards have been computed before and the templates fit the
 * catalog in use (a custom catalog may not carry the standard KPIs).
 */
async function rescoreScorecards(
  store: Store,
  settings: CompanySettings,
  catalog: KpiCatalog,
  kpis: ComputeKpisResult,
): Promise<ComputeScorecardsResult | null> {
  const [any] = await store.query<{ n: unknown }>(sql`SELECT COUNT(*) AS n FROM (SELECT 1 FROM scorecard_result LIMIT 1) x`);
  if (Number(any?.n ?? 0) === 0) return null;
  let templates: ScorecardTemplate[];
  try {
    templates = await readScorecardTemplates(store, catalog);
  } catch (e) {
    if (e instanceof DomainError) return null;
    throw e;
  }
  return computeScorecards(store, settings, catalog, templates, { from: kpis.from, to: kpis.to });
}
