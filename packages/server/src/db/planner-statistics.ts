/**
 * PostgreSQL plans from statistics that autovacuum gathers later, never for
 * temporary tables and never inside the transaction that just filled a table.
 * Without them a set-based step can pick a plan a thousand times slower (an
 * import's `UPDATE customer … NOT EXISTS (derive_first)` took 87 s instead of
 * 0.1 s). Call this after filling a table that the next statements join.
 * DuckDB keeps its statistics as it writes, so there it does nothing.
 */
import { checkedIdentifier } from '@cairn/core/sql';
import type { Session } from './store';

export async function refreshPlannerStatistics(s: Session, tables: readonly string[]): Promise<void> {
  if (s.kind !== 'postgres') return;
  for (const t of tables) await s.exec(`ANALYZE ${checkedIdentifier(t)}`);
}
