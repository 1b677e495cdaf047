/**
 * What a server's read caches key on: a stamp of everything a scorecard, a
 * strategy map, a KPI series or the org chart is read from — the latest
 * import, customer merge, KPI compute and scorecard run, and the latest
 * template, target override, tolerance and KPI definition. It is read from the store (so a
 * write by another process, such as `cairn compute` against PostgreSQL, is
 * seen) at most once per `maxAgeMs`, shared by every request in between; a
 * write through this server calls `invalidate()`, so its own next read is
 * never stale.
 */
import { param, sql } from '@cairn/core/sql';
import { LRUCache } from 'lru-cache';
import type { Store } from '../db/store';

export class DataStamp {
  private value: Promise<string> | null = null;
  private readAt = 0;

  constructor(
    private readonly store: Store,
    private readonly maxAgeMs = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  current(): Promise<string> {
    if (this.value && this.now() - this.readAt < this.maxAgeMs) return this.value;
    this.readAt = this.now();
    const read = this.read();
    read.catch(() => {
      if (this.value === read) this.value = null;
    });
    this.value = read;
    return read;
  }

  invalidate(): void {
    this.value = null;
  }

  private async read(): Promise<string> {
    const [r] = await this.store.query<Record<string, unknown>>(
      sql`SELECT (SELECT MAX(started_at) FROM import_log) AS imported,
        (SELECT MAX(merged_at) FROM customer_merge) AS merged,
        (SELECT MAX(computed_at) FROM kpi_value WHERE node_kind = ${param('enterprise')}) AS computed,
        (SELECT MAX(computed_at) FROM scorecard_result WHERE node_kind = ${param('enterprise')}) AS scored,
        (SELECT COUNT(*) FROM scorecard_template) AS templates, (SELECT MAX(stored_at) FROM scorecard_template) AS template_at,
        (SELECT COUNT(*) FROM kpi_target_override) AS overrides, (SELECT COUNT(*) FROM scorecard_tolerance) AS tolerances,
        (SELECT COUNT(*) FROM custom_kpi) AS kpis`,
    );
    return Object.values(r ?? {})
      .map((v) => String(v))
      .join('|');
  }
}

/**
 * Values computed from the store, kept per key for one data stamp: a key read
 * again under the same stamp shares the first computation (concurrent readers
 * included); a new stamp computes afresh. Least recently used keys go first.
 * A failed computation is not kept.
 */
export class StampedCache<V extends object> {
  private readonly entries: LRUCache<string, { stamp: string; value: Promise<V> }>;

  constructor(
    private readonly stamp: DataStamp,
    max: number,
  ) {
    this.entries = new LRUCache({ max });
  }

  async get(key: string, compute: () => Promise<V>): Promise<V> {
    const stamp = await this.stamp.current();
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp) return hit.value;
    const value = compute();
    const entry = { stamp, value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }
}
