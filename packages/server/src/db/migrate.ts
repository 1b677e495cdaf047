/**
 * Applies the versioned migrations that a store has not seen, each in its own
 * transaction with its record in schema_migration. Running it again changes
 * nothing. A migration whose text changed after it was applied stops start-up.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '@cairn/core/domain';
import { MIGRATIONS, type Migration } from '@cairn/core/model';
import { renderCreateTable, renderSql, sql, param } from '@cairn/core/sql';
import type { Session, Store } from './store';

const MIGRATION_TABLE = {
  name: 'schema_migration',
  primaryKey: ['version'],
  columns: [
    { name: 'version', type: { kind: 'integer' as const }, notNull: true },
    { name: 'name', type: { kind: 'text' as const }, notNull: true },
    { name: 'checksum', type: { kind: 'text' as const }, notNull: true },
    { name: 'applied_at', type: { kind: 'timestamp' as const }, notNull: true },
  ],
};

export function migrationChecksum(m: Migration, s: Pick<Session, 'dialect'>): string {
  const h = createHash('sha256');
  for (const f of m.statements(s.dialect)) {
    const r = renderSql(f, s.dialect);
    h.update(r.text).update('\0').update(JSON.stringify(r.params)).update('\0');
  }
  return h.digest('hex');
}

export async function migrate(store: Store, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return store.session(async (s) => {
    await s.exec(renderCreateTable(MIGRATION_TABLE, s.dialect));
    if (s.kind === 'postgres') await s.exec('SELECT pg_advisory_lock(4242001)');
    try {
      const applied = new Map(
        (await s.query<{ version: number; checksum: string }>(sql`SELECT version, checksum FROM schema_migration`)).map((r) => [
          Number(r.version),
          r.checksum,
        ]),
      );
      const ran: number[] = [];
      for (const m of migrations) {
        const checksum = migrationChecksum(m, s);
        const seen = applied.get(m.version);
        if (seen !== undefined) {
          if (seen !== checksum) {
            throw new DomainError(
              'conflict',
              `migration ${m.version} (${m.name}) changed after it was applied; add a new migration instead of editing it`,
            );
          }
          continue;
        }
        await s.transaction(async () => {
          for (const stmt of m.statements(s.dialect)) await s.query(stmt);
          await s.query(
            sql`INSERT INTO schema_migration (version, name, checksum, applied_at) VALUES (${param(m.version)}, ${param(m.name)}, ${param(checksum)}, CAST(${param(new Date().toISOString().replace('T', ' ').replace('Z', ''))} AS TIMESTAMP))`,
          );
        });
        ran.push(m.version);
      }
      return ran;
    } finally {
      if (s.kind === 'postgres') await s.exec('SELECT pg_advisory_unlock(4242001)');
    }
  });
}
