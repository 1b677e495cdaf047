/**
 * A generated table: its canonical columns and a generator of row batches.
 * Rows are arrays of normalised strings (or null) in exactly the column order
 * of the canonical table, ready for the bulk loader. A table's batches can be
 * iterated any number of times and always yield the same rows.
 */
import { CANONICAL_TABLES_V1 } from '../model/canonical-tables-v1';

export type DemoRow = (string | null)[];

export interface DemoTable {
  name: string;
  columns: readonly string[];
  /** Approximate row count, for progress reporting. */
  estimateRows(): number;
  batches(): Generator<DemoRow[], void, undefined>;
}

export const BATCH_ROWS = 5000;

export function canonicalColumns(table: string): string[] {
  const def = CANONICAL_TABLES_V1.find((t) => t.name === table);
  if (!def) throw new Error(`no canonical table ${table}`);
  return def.columns.map((c) => c.name);
}

/** Batches of rows held in memory (small tables). */
export function* inBatches(rows: readonly DemoRow[]): Generator<DemoRow[], void, undefined> {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) yield rows.slice(i, i + BATCH_ROWS);
}

/** Batches of rows produced customer by customer; memory stays at one batch. */
export function* perCustomer(customers: number, emit: (i: number, out: DemoRow[]) => void): Generator<DemoRow[], void, undefined> {
  let out: DemoRow[] = [];
  for (let i = 0; i < customers; i++) {
    emit(i, out);
    if (out.length >= BATCH_ROWS) {
      yield out;
      out = [];
    }
  }
  if (out.length > 0) yield out;
}

/** Rows per customer over a sample of customers, scaled to all of them. */
export function estimateFromSample(customers: number, emit: (i: number, out: DemoRow[]) => void, sample = 200): number {
  const n = Math.min(customers, sample);
  let rows = 0;
  const out: DemoRow[] = [];
  for (let i = 0; i < n; i++) {
    emit(i, out);
    rows += out.length;
    out.length = 0;
  }
  return n === 0 ? 0 : Math.round((rows / n) * customers);
}

export function memoryTable(name: string, rows: () => DemoRow[]): DemoTable {
  return { name, columns: canonicalColumns(name), estimateRows: () => rows().length, batches: () => inBatches(rows()) };
}

export function customerTable(name: string, customers: number, emit: (i: number, out: DemoRow[]) => void): DemoTable {
  return {
    name,
    columns: canonicalColumns(name),
    estimateRows: () => estimateFromSample(customers, emit),
    batches: () => perCustomer(customers, emit),
  };
}

/** Rows for one of a pass's tables: `table` indexes the pass's tables. */
export interface DemoPassBatch {
  table: number;
  rows: DemoRow[];
}

/**
 * Several tables filled by one walk over the customers, so that a customer's
 * history is generated once for all of them. Each table can still be
 * produced on its own through `tables[k].batches()`.
 */
export interface DemoPass {
  tables: DemoTable[];
  batches(): Generator<DemoPassBatch, void, undefined>;
  /** A pass over the same customers that fills only the named tables (in the given order). */
  select(names: readonly string[]): DemoPass;
}

export interface CustomerEmitter<C> {
  name: string;
  emit(ctx: C, out: DemoRow[]): void;
}

export function customerPass<C>(customers: number, context: (i: number) => C, emitters: readonly CustomerEmitter<C>[]): DemoPass {
  return {
    tables: emitters.map((e) => customerTable(e.name, customers, (i, out) => e.emit(context(i), out))),
    select: (names) =>
      customerPass(
        customers,
        context,
        names.map((n) => {
          const e = emitters.find((x) => x.name === n);
          if (!e) throw new Error(`the pass has no table ${n}`);
          return e;
        }),
      ),
    *batches() {
      let outs: DemoRow[][] = emitters.map(() => []);
      for (let i = 0; i < customers; i++) {
        const ctx = context(i);
        for (let t = 0; t < emitters.length; t++) {
          const out = outs[t] as DemoRow[];
          (emitters[t] as CustomerEmitter<C>).emit(ctx, out);
          if (out.length >= BATCH_ROWS) {
            yield { table: t, rows: out };
            outs[t] = [];
          }
        }
      }
      for (let t = 0; t < outs.length; t++) if ((outs[t] as DemoRow[]).length > 0) yield { table: t, rows: outs[t] as DemoRow[] };
      outs = [];
    },
  };
}

export function singleTablePass(table: DemoTable): DemoPass {
  return {
    tables: [table],
    select(names) {
      if (names.length !== 1 || names[0] !== table.name) throw new Error(`the pass has only table ${table.name}`);
      return this;
    },
    *batches() {
      for (const rows of table.batches()) yield { table: 0, rows };
    },
  };
}
