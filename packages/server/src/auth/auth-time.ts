/**
 * Auth works on milliseconds since the epoch, handed in by the caller (so
 * tests move the clock), and stores UTC TIMESTAMPs with milliseconds.
 */
import { param, type SqlFragment, sql } from '@cairn/core/sql';

/** A bound TIMESTAMP for an instant. */
export function timestampAt(ms: number): SqlFragment {
  return sql`CAST(${param(new Date(ms).toISOString().replace('T', ' ').replace('Z', ''))} AS TIMESTAMP)`;
}

/** The instant of a stored TIMESTAMP ('YYYY-MM-DD HH:MM:SS[.ffffff]', UTC). */
export function instantOf(stored: string): number {
  const ms = Date.parse(`${stored.replace(' ', 'T')}Z`);
  if (Number.isNaN(ms)) throw new Error(`unreadable timestamp ${stored}`);
  return ms;
}

/** A stored TIMESTAMP as ISO 8601 with Z. */
export function isoOf(stored: string): string {
  return new Date(instantOf(stored)).toISOString();
}
