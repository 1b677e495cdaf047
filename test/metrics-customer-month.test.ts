/**
 * customer_month (every customer at every month end: trailing-12-month net,
 * the 12 months before, margin, distinct product lines, active / was active,
 * capped retention) checked row by row against a plain model of its rules, on
 * both engines. Product lines are counted by bit masks up to 63 lines and row
 * by row past that, so one company books 6 lines and another 70.
 */
import { addMonths, daysInMonth } from '@cairn/core/domain';
import { joinSql, param, sql } from '@cairn/core/sql';
import { Rng } from '../packages/core/src/demo/prng';
import { rebuildCustomerTable } from '../packages/server/src/services/customer-derived-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore, testEngines } from '../test-support/test-stores';

interface Line {
  id: string;
  customer: string;
  month: number; // months since 2022-01
  day: number;
  productLine: string | null;
  status: 'active' | 'cancelled';
  amount: number;
  margin: number | null;
}

interface SnapshotRow {
  customer_id: string;
  owner_rep_id: string | null;
  month_start: string;
  is_active: boolean;
  was_active: boolean;
  net_t12_minor: number;
  net_prior_t12_minor: number;
  retained_t12_minor: number;
  margin_t12_minor: number;
  lines_t12: number;
}

const monthStart = (i: number) => addMonths('2022-01-01', i);
/** Snapshot months: 2024-01 … 2025-06, so the lookback reaches back to 2022-02. */
const SNAPSHOTS = Array.from({ length: 18 }, (_, k) => 24 + k);

function company(seed: number, productLines: number): { lines: Line[]; owners: Map<string, string | null> } {
  const rng = new Rng(seed, productLines, 0, 0);
  const owners = new Map<string, string | null>();
  const lines: Line[] = [];
  for (let c = 0; c < 30; c += 1) {
    const customer = `C${String(c).padStart(3, '0')}`;
    owners.set(customer, c % 7 === 3 ? null : `R${c % 4}`);
    const n = c === 0 ? 140 : rng.int(25);
    for (let k = 0; k < n; k += 1) {
      // 2022-01 … 2025-08: before, inside and after the lookback; C000 books every line twice in 2024-05 … 2024-12.
      const month = c === 0 ? 28 + rng.int(8) : rng.int(44);
      const plain = c !== 0;
      lines.push({
        id: `L${c}-${k}`,
        customer,
        month,
        day: 1 + rng.int(daysInMonth(2022 + Math.floor(month / 12), (month % 12) + 1)),
        productLine:
          plain && rng.chance(0.1) ? null : `Line ${String(c === 0 ? k % productLines : rng.int(productLines)).padStart(2, '0')}`,
        status: plain && rng.chance(0.15) ? 'cancelled' : 'active',
        amount: rng.int(200_000) - 30_000,
        margin: rng.chance(0.2) ? null : rng.int(50_000),
      });
    }
  }
  return { lines, owners };
}

/** The rules of customer_month, one customer and month at a time. */
function expected(lines: Line[], owners: Map<string, string | null>): SnapshotRow[] {
  const out: SnapshotRow[] = [];
  const active = lines.filter((l) => l.status === 'active');
  for (const customer of [...owners.keys()].sort()) {
    const own = active.filter((l) => l.customer === customer);
    for (const m of SNAPSHOTS) {
      const recent = own.filter((l) => l.month <= m && l.month > m - 12);
      const earlier = own.filter((l) => l.month <= m - 12 && l.month > m - 24);
      if (recent.length === 0 && earlier.length === 0) continue;
      const net = recent.reduce((a, l) => a + l.amount, 0);
      const prior = earlier.reduce((a, l) => a + l.amount, 0);
      const wasActive = earlier.length > 0;
      out.push({
        customer_id: customer,
        owner_rep_id: owners.get(customer) ?? null,
        month_start: monthStart(m),
        is_active: recent.length > 0,
        was_active: wasActive,
        net_t12_minor: net,
        net_prior_t12_minor: prior,
        retained_t12_minor: !wasActive || net <= 0 ? 0 : Math.min(net, prior),
        margin_t12_minor: recent.reduce((a, l) => a + (l.margin ?? 0), 0),
        lines_t12: new Set(recent.flatMap((l) => (l.productLine === null ? [] : [l.productLine]))).size,
      });
    }
  }
  return out;
}

/** The last day of the month that starts on `start`. */
const monthEnd = (start: string) => `${start.slice(0, 8)}${daysInMonth(Number(start.slice(0, 4)), Number(start.slice(5, 7)))}`;

describe.each(testEngines())('customer_month snapshot (%s)', (engine) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(engine);
  });
  afterAll(async () => t?.dispose());

  async function load(lines: Line[], owners: Map<string, string | null>): Promise<void> {
    await t.store.query(sql`DELETE FROM order_line`);
    await t.store.query(sql`DELETE FROM customer`);
    const customers = [...owners].map(([id, owner]) => sql`(${param(id)}, ${param(id)}, ${param(id.toLowerCase())}, ${param(owner)})`);
    await t.store.query(sql`INSERT INTO customer (id, name, normalised_name, owner_rep_id) VALUES ${joinSql(customers)}`);
    for (let i = 0; i < lines.length; i += 500) {
      const values = lines.slice(i, i + 500).map((l) => {
        const booked = `${monthStart(l.month).slice(0, 8)}${String(l.day).padStart(2, '0')}`;
        return sql`(${param(l.id)}, ${param(l.id)}, ${param(l.customer)}, ${param('R0')}, ${param('P1')}, CAST(${param(booked)} AS DATE),
          CAST(${param(1)} AS INTEGER), CAST(${param(l.amount)} AS BIGINT), CAST(${param(l.margin)} AS BIGINT), ${param('USD')}, ${param(l.status)},
          ${param(l.productLine)}, CAST(${param(l.amount)} AS BIGINT), CAST(${param(l.margin)} AS BIGINT))`;
      });
      await t.store.query(sql`INSERT INTO order_line (id, order_id, customer_id, rep_id, product_id, booked_at, quantity, amount_minor,
          margin_minor, currency, status, product_line, amount_rc_minor, margin_rc_minor) VALUES ${joinSql(values)}`);
    }
  }

  /** The snapshot rows of the test's months, rebuilt from the stored lines. */
  async function snapshot(): Promise<SnapshotRow[]> {
    await t.store.session((s) => rebuildCustomerTable(s, 'customer_month', 'order_line'));
    const first = monthStart(SNAPSHOTS[0] ?? 0);
    const last = monthStart(SNAPSHOTS[SNAPSHOTS.length - 1] ?? 0);
    const rows = await t.store.query<Record<string, unknown>>(
      sql`SELECT * FROM customer_month WHERE month_start >= CAST(${param(first)} AS DATE) AND month_start <= CAST(${param(last)} AS DATE)
        ORDER BY customer_id, month_start`,
    );
    for (const r of rows) expect(String(r.as_of)).toBe(monthEnd(String(r.month_start)));
    return rows.map((r) => ({
      customer_id: String(r.customer_id),
      owner_rep_id: r.owner_rep_id === null ? null : String(r.owner_rep_id),
      month_start: String(r.month_start).slice(0, 10),
      is_active: r.is_active === true,
      was_active: r.was_active === true,
      net_t12_minor: Number(r.net_t12_minor),
      net_prior_t12_minor: Number(r.net_prior_t12_minor),
      retained_t12_minor: Number(r.retained_t12_minor),
      margin_t12_minor: Number(r.margin_t12_minor),
      lines_t12: Number(r.lines_t12),
    }));
  }

  it.each([
    ['6 product lines (bit masks only)', 6],
    ['70 product lines (63 by bit mask, 7 row by row)', 70],
  ])('matches its rules with %s', async (_, productLines) => {
    const { lines, owners } = company(11, productLines);
    await load(lines, owners);
    const want = expected(lines, owners);
    expect(want.length).toBeGreaterThan(200);
    // Customer C000 books every line, so its snapshots hold more lines than a mask's 63 bits when there are 70.
    expect(Math.max(...want.map((r) => r.lines_t12))).toBe(productLines === 70 ? 70 : 6);
    expect(await snapshot()).toEqual(want);
    // The table runs from the first active booking's month to 23 months after the last one's.
    const active = lines.filter((l) => l.status === 'active').map((l) => l.month);
    const [span] = await t.store.query<{ first: string; last: string }>(
      sql`SELECT MIN(month_start) AS first, MAX(month_start) AS last FROM customer_month`,
    );
    expect(span).toEqual({ first: monthStart(Math.min(...active)), last: monthStart(Math.max(...active) + 23) });
  });
});
