/**
 * Versioned migrations, written once for both engines. Each is a list of SQL
 * fragments rendered by the dialect; the runner applies the ones not yet
 * recorded, in order, each in its own transaction, and refuses to start when
 * an applied migration's text has changed since.
 */
import type { Dialect } from '../sql/dialect';
import { checkedIdentifier } from '../sql/quote-identifier';
import { renderCreateIndex, renderCreateTable } from '../sql/render-ddl';
import { joinSql, param, raw, type SqlFragment, sql } from '../sql/sql-fragment';
import { ANNOTATION_TABLES } from './annotation-tables';
import { AUTH_TABLES } from './auth-tables';
import { CANONICAL_TABLES_V1, SYSTEM_TABLES_V1 } from './canonical-tables-v1';
import { CUSTOM_KPI_TABLES } from './custom-kpi-tables';
import { DERIVED_TABLES_V10, DERIVED_TABLES_V11, DERIVED_TABLES_V12 } from './derived-tables';
import { SCORECARD_LAYOUT_TABLES, SCORECARD_TABLES } from './scorecard-tables';
import { col, table } from './table-builder';

export interface Migration {
  version: number;
  name: string;
  statements(dialect: Dialect): SqlFragment[];
}

/** Stages every company starts with; a mapping maps a CRM's stage names onto these. */
export const DEFAULT_STAGES: { name: string; label: string; sequence: number; closed: boolean; won: boolean; p: string }[] = [
  { name: 'prospecting', label: 'Prospecting', sequence: 10, closed: false, won: false, p: '0.1000' },
  { name: 'qualification', label: 'Qualification', sequence: 20, closed: false, won: false, p: '0.2000' },
  { name: 'discovery', label: 'Discovery / needs analysis', sequence: 30, closed: false, won: false, p: '0.3500' },
  { name: 'proposal', label: 'Proposal', sequence: 40, closed: false, won: false, p: '0.5000' },
  { name: 'negotiation', label: 'Negotiation', sequence: 50, closed: false, won: false, p: '0.7000' },
  { name: 'closed_won', label: 'Closed won', sequence: 90, closed: true, won: true, p: '1.0000' },
  { name: 'closed_lost', label: 'Closed lost', sequence: 99, closed: true, won: false, p: '0.0000' },
];

function createTables(dialect: Dialect, tables: typeof CANONICAL_TABLES_V1, opts: { byteOrderText?: boolean } = {}): SqlFragment[] {
  return tables.flatMap((t) => [
    raw(renderCreateTable(t, dialect, opts)),
    ...(t.indexes ?? []).map((ix) => raw(renderCreateIndex(t.name, ix))),
  ]);
}

/**
 * The KPI catalog's stored versions and the materialised values (migration 2).
 * A definition is never overwritten: a change is a new (kpi_id, version) row.
 * kpi_value keeps numerator and denominator beside each value so every level
 * can be explained and ratios are never averaged.
 */
export const KPI_TABLES_V2 = [
  table(
    'kpi_definition',
    ['kpi_id', 'version'],
    [
      col('kpi_id', 'text', true),
      col('version', 'integer', true),
      col('definition_sha256', 'text', true),
      col('definition', 'text', true),
      col('status', 'text', true),
      col('effective_from', 'date', true),
      col('stored_at', 'timestamp', true),
      col('stored_by', 'text', true),
    ],
  ),
  table(
    'kpi_value',
    undefined,
    [
      col('kpi_id', 'text', true),
      col('definition_version', 'integer', true),
      col('node_kind', 'text', true),
      col('node_id', 'text', true),
      col('grain', 'text', true),
      col('period_label', 'text', true),
      col('period_start', 'date', true),
      col('breakdown_dimension', 'text'),
      col('breakdown_value', 'text'),
      col('value', 'double'),
      { name: 'numerator', type: { kind: 'decimal', precision: 38, scale: 6 } },
      { name: 'denominator', type: { kind: 'decimal', precision: 38, scale: 6 } },
      col('computed_at', 'timestamp', true),
    ],
    [
      ['kpi_id', 'grain', 'period_start'],
      ['node_kind', 'node_id'],
    ],
  ),
];

/** The tables migrations 1 to 8 create (migration 9 re-collates their text; it must not see later tables). */
function tablesOfV1ToV8() {
  return [
    ...CANONICAL_TABLES_V1,
    ...SYSTEM_TABLES_V1,
    ...KPI_TABLES_V2,
    ...SCORECARD_TABLES,
    ...AUTH_TABLES,
    ...ANNOTATION_TABLES,
    ...CUSTOM_KPI_TABLES,
    ...SCORECARD_LAYOUT_TABLES,
  ];
}

/**
 * A DuckDB table rebuilt without its primary key (DuckDB cannot drop one): a keyless copy of the same
 * columns takes the rows, then the name. Text columns as migration 1 created them (DuckDB compares
 * text byte by byte anyway).
 */
function rebuiltWithoutKey(dialect: Dialect, t: (typeof CANONICAL_TABLES_V1)[number]): SqlFragment[] {
  const { primaryKey: _key, ...keyless } = t;
  const copy = `${t.name}__keyless`;
  const cols = t.columns.map((c) => checkedIdentifier(c.name)).join(', ');
  return [
    raw(renderCreateTable({ ...keyless, indexes: [] }, dialect, { name: copy })),
    raw(`INSERT INTO ${checkedIdentifier(copy)} (${cols}) SELECT ${cols} FROM ${checkedIdentifier(t.name)}`),
    raw(`DROP TABLE ${checkedIdentifier(t.name)}`),
    raw(`ALTER TABLE ${checkedIdentifier(copy)} RENAME TO ${checkedIdentifier(t.name)}`),
  ];
}

/** Tables as a migration creates them: secondary indexes on PostgreSQL only (see migration 3). */
function secondaryIndexesOnPostgres<T extends { indexes?: unknown[] }>(dialect: Dialect, tables: readonly T[]): T[] {
  return dialect.name === 'duckdb' ? tables.map((t) => ({ ...t, indexes: [] })) : [...tables];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'canonical sales data model',
    statements: (dialect) => [
      ...createTables(dialect, CANONICAL_TABLES_V1),
      ...createTables(dialect, SYSTEM_TABLES_V1),
      ...DEFAULT_STAGES.map(
        (s) => sql`INSERT INTO stage (name, label, sequence, is_closed, is_won, default_probability)
          SELECT ${joinSql([param(s.name), param(s.label), param(s.sequence), param(s.closed), param(s.won)])}, CAST(${param(s.p)} AS DECIMAL(7, 4))
          WHERE NOT EXISTS (SELECT 1 FROM stage WHERE name = ${param(s.name)})`,
      ),
    ],
  },
  {
    version: 2,
    name: 'kpi catalog versions and values',
    statements: (dialect) => createTables(dialect, KPI_TABLES_V2),
  },
  {
    version: 3,
    name: 'no secondary indexes on DuckDB',
    // DuckDB scans columnar data and gains little from ART secondary indexes, while they slow every bulk
    // write and, in 1.5, can be corrupted by replaying an UPDATE from the WAL after a crash
    // (duckdb/duckdb#23645). PostgreSQL keeps them.
    statements: (dialect) =>
      dialect.name === 'duckdb'
        ? [...CANONICAL_TABLES_V1, ...SYSTEM_TABLES_V1, ...KPI_TABLES_V2].flatMap((t) =>
            (t.indexes ?? []).map((ix) => raw(`DROP INDEX IF EXISTS ${checkedIdentifier(ix.name)}`)),
          )
        : [],
  },
  {
    version: 4,
    name: 'scorecard templates, target overrides, tolerances and results',
    statements: (dialect) => createTables(dialect, SCORECARD_TABLES),
  },
  {
    version: 5,
    name: 'users, sessions, API tokens and sign-in throttling',
    // Secondary indexes on PostgreSQL only (see migration 3); the unique constraints hold on both.
    statements: (dialect) => createTables(dialect, secondaryIndexesOnPostgres(dialect, AUTH_TABLES)),
  },
  {
    version: 6,
    name: 'annotations on KPI values',
    statements: (dialect) => createTables(dialect, ANNOTATION_TABLES),
  },
  {
    version: 7,
    name: 'KPI definitions added through the API',
    statements: (dialect) => createTables(dialect, CUSTOM_KPI_TABLES),
  },
  {
    version: 8,
    name: 'layouts of stored scorecard summaries',
    statements: (dialect) => createTables(dialect, SCORECARD_LAYOUT_TABLES),
  },
  {
    version: 9,
    name: 'text compared byte by byte on PostgreSQL',
    // Text had the database's collation on PostgreSQL: ids then sorted by locale rules (differently from
    // DuckDB's byte order under most locales, and about twice as slowly: a million-line import spent
    // 3 s rebuilding its three text-keyed indexes). A table created by a later migration renders its
    // text columns with `byteOrderText`; migrate.test.ts checks every text column of a store.
    statements: (dialect) =>
      dialect.name === 'postgres'
        ? tablesOfV1ToV8().flatMap((t) => {
            const text = t.columns.filter((c) => c.type.kind === 'text');
            if (text.length === 0) return [];
            const alters = text.map(
              (c) => `ALTER COLUMN ${checkedIdentifier(c.name)} TYPE ${dialect.columnType(c.type)}${dialect.byteOrderText}`,
            );
            return [raw(`ALTER TABLE ${checkedIdentifier(t.name)} ${alters.join(', ')}`)];
          })
        : [],
  },
  {
    version: 10,
    name: 'customer_month kept as a derived table',
    // Built from the order lines when they are derived (import, merge, demo) instead of at every compute:
    // on the large demo it is 22 M rows from a 132 M-row spread, a third of a full compute. A store that
    // has lines when it gains the table gets it filled by the next compute or explain (refreshCustomerTables).
    // Secondary index on PostgreSQL only (see migration 3).
    statements: (dialect) =>
      createTables(dialect, secondaryIndexesOnPostgres(dialect, DERIVED_TABLES_V10), {
        byteOrderText: true,
      }),
  },
  {
    version: 11,
    name: 'customers whose customer_month rows wait for a rebuild',
    // An import of a million order lines spent 6.5 s (DuckDB) and 38 s (PostgreSQL) rebuilding its
    // customers' snapshots; it now lists them, and the next compute or explain rebuilds them.
    statements: (dialect) => createTables(dialect, DERIVED_TABLES_V11, { byteOrderText: true }),
  },
  {
    version: 12,
    name: 'recognised revenue kept as a derived table',
    // Built at every compute, it joined every schedule row to its order line and converted it: 10.7–14.3 s
    // of a 51 s large-demo compute. Filled, on a store that has schedules, by the next compute or explain.
    // Secondary index on PostgreSQL only, as in migration 10.
    statements: (dialect) =>
      createTables(dialect, secondaryIndexesOnPostgres(dialect, DERIVED_TABLES_V12), {
        byteOrderText: true,
      }),
  },
  {
    version: 13,
    name: 'no primary keys on DuckDB canonical tables',
    // Only an import (upsert by natural key after its in-file duplicate check), the demo loader (unique by
    // construction), a merge and the derive write these tables, one writer at a time per store
    // (withWriteLock), so the key's ART index only cost time and memory: a million-line import spent 1.1 s
    // inserting into it and committing it, and the large demo's rows took 151–195 s to write keyed against
    // 56 s without. It also ends the exposure of these tables to duckdb/duckdb#23645 (see migration 3).
    // PostgreSQL keeps its keys.
    statements: (dialect) =>
      dialect.name === 'duckdb' ? CANONICAL_TABLES_V1.filter((t) => t.primaryKey).flatMap((t) => rebuiltWithoutKey(dialect, t)) : [],
  },
];

/** The schema a fully migrated store holds. */
export function currentTables() {
  return [...tablesOfV1ToV8(), ...DERIVED_TABLES_V10, ...DERIVED_TABLES_V11, ...DERIVED_TABLES_V12];
}
