/**
 * Quarantined rows: list them, and export them as a CSV in the original
 * layout (with the reasons in a `_cairn_errors` column that imports ignore),
 * so a user can correct the file and import it again with --resolves.
 */
import { DomainError, toCsv } from '@cairn/core/domain';
import { joinSql, param, raw, sql } from '@cairn/core/sql';
import type { Store } from '../db/store';

export interface RejectRow {
  import_id: string;
  seq: string;
  entity: string;
  file_name: string;
  line: string;
  column_name: string | null;
  value: string | null;
  reason: string;
  raw_record: string | null;
  resolved_by: string | null;
}

export const MAX_PAGE = 500;

export async function listRejects(
  store: Store,
  opts: { importId?: string; includeResolved?: boolean; limit?: number; offset?: number },
): Promise<{ rows: RejectRow[]; total: number }> {
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), MAX_PAGE);
  const conditions = [
    ...(opts.importId === undefined ? [] : [sql`import_id = ${param(opts.importId)}`]),
    ...(opts.includeResolved ? [] : [raw('resolved_by IS NULL')]),
  ];
  const where = conditions.length > 0 ? sql`WHERE ${joinSql(conditions, ' AND ')}` : raw('');
  const [count] = await store.query<{ n: string }>(sql`SELECT COUNT(*) AS n FROM import_reject ${where}`);
  const rows =
    await store.query<RejectRow>(sql`SELECT import_id, seq, entity, file_name, line, column_name, value, reason, raw_record, resolved_by
    FROM import_reject ${where} ORDER BY import_id, seq LIMIT ${param(limit)} OFFSET ${param(opts.offset ?? 0)}`);
  return { rows, total: Number(count?.n ?? 0) };
}

/** The rejected rows of one import, one CSV row per source line, in the source's own columns. */
export async function exportRejects(store: Store, importId: string): Promise<{ csv: string; rows: number }> {
  const rows =
    await store.query<RejectRow>(sql`SELECT import_id, seq, entity, file_name, line, column_name, value, reason, raw_record, resolved_by
    FROM import_reject WHERE import_id = ${param(importId)} ORDER BY seq`);
  if (rows.length === 0) throw new DomainError('not_found', `import ${importId} has no rejected rows`);
  const byLine = new Map<string, { record: Record<string, string> | null; reasons: string[] }>();
  for (const r of rows) {
    const entry = byLine.get(r.line) ?? { record: r.raw_record ? (JSON.parse(r.raw_record) as Record<string, string>) : null, reasons: [] };
    entry.reasons.push(`${r.column_name ? `${r.column_name}: ` : ''}${r.reason}`);
    byLine.set(r.line, entry);
  }
  const header: string[] = [];
  for (const { record } of byLine.values()) for (const k of Object.keys(record ?? {})) if (!header.includes(k)) header.push(k);
  const out = [...byLine.entries()].map(([line, { record, reasons }]) => [
    ...header.map((h) => record?.[h] ?? ''),
    line,
    reasons.join('; '),
  ]);
  return { csv: toCsv([...header, '_cairn_line', '_cairn_errors'], out), rows: out.length };
}
