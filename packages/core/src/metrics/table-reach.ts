/**
 * How a change to a stored table can move a fact's rows, so that a recompute
 * after an import covers every period it may have moved and no more:
 *  - `rows`: the table's rows feed the fact's rows of their own dates and up to
 *    `months` months later (null: any later date, e.g. an open opportunity in
 *    every later month-end snapshot);
 *  - `dimension`: a change may move rows of any date (a customer's owner, the
 *    org, a stage's probability), so every period must be recomputed;
 *  - `none`: the fact does not read the table.
 * Derived columns only ever depend on earlier rows (a line is new-logo or
 * cross-sell because of what came before it), so "this date and later" is
 * always enough for a table read as rows.
 */
import type { FactSchema } from './fact-schemas';

export type TableReach = { kind: 'rows'; months: number | null } | { kind: 'dimension' } | { kind: 'none' };

/** Tables every fact reads to attribute its rows to the org. */
const ORG_TABLES: readonly string[] = ['rep_assignment', 'org_unit'];

/** The tables whose dated rows feed the fact. */
export function factSources(fact: FactSchema): readonly { table: string; reachMonths: number | null }[] {
  return fact.sources ?? [{ table: fact.table, reachMonths: 0 }];
}

export function tableReach(fact: FactSchema, table: string): TableReach {
  const source = factSources(fact).find((s) => s.table === table);
  if (source) return { kind: 'rows', months: source.reachMonths };
  const dimensions = [...ORG_TABLES, ...Object.values(fact.lookups).map((l) => l.table), ...(fact.dimensions ?? [])];
  return dimensions.includes(table) ? { kind: 'dimension' } : { kind: 'none' };
}

/** The furthest any source of the fact reaches (null: any later date): the reach of a change whose table is not known. */
export function widestReach(fact: FactSchema): number | null {
  let widest = 0;
  for (const s of factSources(fact)) {
    if (s.reachMonths === null) return null;
    widest = Math.max(widest, s.reachMonths);
  }
  return widest;
}
