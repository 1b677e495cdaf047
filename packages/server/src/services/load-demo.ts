/**
 * Loads the demo company into an empty store. Each table is written in its
 * own transaction, so a crash leaves every table either complete or empty;
 * rows stream from the generator through the bulk loader in batches, so
 * memory stays bounded at any size (the bulk writer loads what was written
 * while the next rows are generated). Tables generated from the same walk over
 * the customers are loaded side by side, each on its own session. The derived
 * facts are computed at the end.
 */
import { type DemoPass, type DemoSize, type DemoTable, demoCompany } from '@cairn/core/demo';
import { DomainError } from '@cairn/core/domain';
import { CANONICAL_TABLES_V1 } from '@cairn/core/model';
import { checkedIdentifier, raw, sql } from '@cairn/core/sql';
import type { CompanySettings } from '../db/company-settings';
import { csvLine } from '../db/csv-line';
import type { BulkWriter, Session, Store } from '../db/store';
import { withWriteLock } from '../db/write-lock';
import { deriveFacts } from './derive-facts';

export const DEFAULT_DEMO_SEED = 1;
/**
 * On DuckDB a table this big is loaded in a walk of its own rather than beside
 * other big tables. It was first for memory: DuckDB held a transaction's
 * appended rows and their key index until commit, and the large company's sales
 * tables together exceeded a 2 GB limit. The canonical tables have no key on
 * DuckDB since migration 13, but one walk per big table is still the faster
 * way: loading the deals and the sales tables each in one walk took 234 s
 * against 215 s split (large demo, 2026-11-23), though the split generates the
 * customers' histories again for each walk.
 */
const DUCKDB_BIG_TABLE_ROWS = 4_000_000;
/** Tables the migrations seed; they are neither checked nor cleared. */
const SEEDED_TABLES = new Set(['stage']);

export type DemoProgress =
  | { kind: 'start'; tables: { table: string; estimatedRows: number }[] }
  | { kind: 'rows'; table: string; rows: number }
  | { kind: 'table-done'; table: string; rows: number; ms: number }
  | { kind: 'derive-start' }
  | { kind: 'derive-done'; ms: number };

export interface LoadDemoOptions {
  size?: DemoSize;
  seed?: number;
  /** Delete the canonical data already in the store first. */
  replace?: boolean;
  /** Overrides the size's customer count (benchmark trials). */
  customers?: number;
  onProgress?: (event: DemoProgress) => void;
}

export interface LoadDemoResult {
  size: DemoSize;
  seed: number;
  /** The history covers [from, until). */
  from: string;
  until: string;
  tables: { table: string; rows: number; ms: number }[];
  totalRows: number;
  deriveMs: number;
  ms: number;
}

const DATA_TABLES = CANONICAL_TABLES_V1.map((t) => t.name).filter((name) => !SEEDED_TABLES.has(name));

/** True when no canonical table holds a row (the stages seeded by the migrations aside). */
export async function isStoreEmpty(store: Store): Promise<boolean> {
  const any = DATA_TABLES.map((t) => `EXISTS (SELECT 1 FROM ${checkedIdentifier(t)})`).join(' OR ');
  const rows = await store.query(raw(`SELECT CASE WHEN ${any} THEN 1 ELSE 0 END AS n`));
  return Number(rows[0]?.n ?? 0) === 0;
}

/** Loads the demo company for the store's company settings, then derives the facts; one writer at a time (withWriteLock). */
export async function loadDemo(target: { store: Store; settings: CompanySettings }, opts: LoadDemoOptions = {}): Promise<LoadDemoResult> {
  return withWriteLock(target.store, () => loadDemoAlone(target, opts));
}

async function loadDemoAlone(target: { store: Store; settings: CompanySettings }, opts: LoadDemoOptions): Promise<LoadDemoResult> {
  const { store, settings } = target;
  const size = opts.size ?? 'small';
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const progress = opts.onProgress ?? (() => undefined);
  const started = Date.now();
  const company = demoCompany({
    size,
    seed,
    calendar: settings.calendar,
    reportingCurrency: settings.reportingCurrency,
    crossSellWindowMonths: settings.crossSellWindowMonths,
    ...(opts.customers === undefined ? {} : { customers: opts.customers }),
  });
  if (!(await isStoreEmpty(store))) {
    if (!opts.replace) {
      const lines = await store.query<{ n: string }>(sql`SELECT COUNT(*) AS n FROM order_line`);
      throw new DomainError(
        'conflict',
        `${store.description} already holds sales data (${lines[0]?.n ?? 0} order lines); replace it explicitly (cairn demo --replace) or use an empty database`,
      );
    }
    await clearData(store);
  }
  const estimates = new Map(company.tables.map((t) => [t.name, t.estimateRows()]));
  progress({ kind: 'start', tables: company.tables.map((t) => ({ table: t.name, estimatedRows: estimates.get(t.name) ?? 0 })) });
  const loaded: LoadDemoResult['tables'] = [];
  for (const pass of company.passes) {
    for (const walk of store.kind === 'duckdb' ? splitBigTables(pass, estimates) : [pass])
      loaded.push(...(await loadPass(store, walk, progress)));
  }
  const order = company.tables.map((t) => t.name);
  const tables = [...loaded].sort((a, b) => order.indexOf(a.table) - order.indexOf(b.table));
  progress({ kind: 'derive-start' });
  const deriveStarted = Date.now();
  // Not one transaction: on the large company the undo of updating every order line would not fit
  // in memory; deriveFacts recomputes everything, so an interrupted derive is simply run again.
  await store.session((s) => deriveFacts(s, settings));
  const deriveMs = Date.now() - deriveStarted;
  progress({ kind: 'derive-done', ms: deriveMs });
  return {
    size,
    seed,
    from: company.from,
    until: company.until,
    tables,
    totalRows: tables.reduce((sum, t) => sum + t.rows, 0),
    deriveMs,
    ms: Date.now() - started,
  };
}

async function clearData(store: Store): Promise<void> {
  await store.session((s) =>
    s.transaction(async () => {
      for (const table of [...DATA_TABLES].reverse()) await s.exec(`DELETE FROM ${checkedIdentifier(table)}`);
    }),
  );
}

/** The pass as walks with at most one big table each; the small tables go with the first. */
function splitBigTables(pass: DemoPass, estimates: Map<string, number>): DemoPass[] {
  const names = pass.tables.map((t) => t.name);
  const big = names.filter((n) => (estimates.get(n) ?? 0) >= DUCKDB_BIG_TABLE_ROWS);
  if (big.length <= 1) return [pass];
  const small = names.filter((n) => !big.includes(n));
  return big.map((n, k) => pass.select(k === 0 ? [n, ...small] : [n]));
}

/** One walk over the customers, each of the pass's tables on its own session and transaction. */
async function loadPass(store: Store, pass: DemoPass, progress: (e: DemoProgress) => void): Promise<LoadDemoResult['tables']> {
  const started = Date.now();
  const done: LoadDemoResult['tables'] = [];
  const open = async (k: number, sinks: TableSink[]): Promise<void> => {
    const table = pass.tables[k];
    if (!table) {
      for (const batch of pass.batches()) {
        const sink = sinks[batch.table];
        if (!sink) throw new Error(`demo pass yielded rows for unknown table ${batch.table}`);
        await sink.write(batch.rows);
        progress({ kind: 'rows', table: sink.table.name, rows: sink.rows });
      }
      await Promise.all(sinks.map((s) => s.finish()));
      return;
    }
    const sink = await store.session((s) =>
      s.transaction(async () => {
        const own = new TableSink(s, table);
        try {
          await open(k + 1, [...sinks, own]);
          await own.finish();
        } catch (e) {
          await own.abort();
          throw e;
        }
        return own;
      }),
    );
    const result = { table: table.name, rows: sink.rows, ms: Date.now() - started };
    done.unshift(result);
    progress({ kind: 'table-done', ...result });
  };
  await open(0, []);
  return done;
}

/** Rows of one table going into the store through its bulk writer. */
class TableSink {
  rows = 0;
  private writer: BulkWriter | null = null;

  constructor(
    private readonly session: Session,
    readonly table: DemoTable,
  ) {}

  async write(rows: readonly (string | null)[][]): Promise<void> {
    this.writer ??= await this.session.bulkWriter(this.table.name, [...this.table.columns]);
    let text = '';
    for (const row of rows) text += csvLine(row);
    await this.writer.write(text);
    this.rows += rows.length;
  }

  /** Loads everything written. */
  async finish(): Promise<void> {
    const writer = this.writer;
    this.writer = null;
    if (writer) await writer.finish();
  }

  async abort(): Promise<void> {
    const writer = this.writer;
    this.writer = null;
    if (writer) await writer.abort().catch(() => undefined);
  }
}
