/**
 * Sales rows per customer: order lines, their credit splits, invoices and the
 * monthly revenue schedule. An active line is invoiced when booked (a
 * subscription once a year in advance, for the years begun before the history
 * ends) unless it is a planted booking without invoice; a cancelled or
 * returned line is invoiced and then voided or credited and recognises nothing.
 * Revenue is one row in the booking month for one-off sales and one row per
 * month for subscriptions, the cents of the split going to the first months.
 */
import type { SalesContext } from './customer-context';
import type { DemoRow } from './demo-table';
import { bool, DEMO_IMPORT_ID as IMPORT, pad } from './format';
import { opportunityId } from './generate-pipeline';

const OVERLAY_SHARE_BP = 2000;
const INTRODUCTION_SHARE_BP = 1000;
const PAID_AFTER_DAYS = 45;

export function emitOrderLines({ w, i, p, lines }: SalesContext, out: DemoRow[]): void {
  const prefix = pad(i + 1, 7);
  const { cal, org } = w;
  lines.forEach((l, q) => {
    out.push([
      `L${prefix}-${q + 1}`,
      `S${prefix}-${l.order}`,
      p.id,
      org.reps[l.rep]?.id ?? null,
      w.products[l.product]?.id ?? null,
      l.opp >= 0 ? opportunityId(i, l.opp) : null,
      cal.iso(l.day),
      String(l.qty),
      String(l.amount),
      String(l.margin),
      p.currency,
      l.months > 0 ? String(l.months) : null,
      bool(l.crmFlag),
      l.status,
      l.cancelledAt >= 0 ? cal.iso(l.cancelledAt) : null,
      null,
      null,
      null,
      null,
      null,
      IMPORT,
    ]);
  });
}

function fromBp(bp: number): string {
  return `0.${pad(bp, 4)}`;
}

export function emitCreditSplits({ w, i, deals, lines }: SalesContext, out: DemoRow[]): void {
  const prefix = pad(i + 1, 7);
  const opps = deals.opps;
  const { org } = w;
  lines.forEach((l, q) => {
    const o = l.opp >= 0 ? opps[l.opp] : undefined;
    if (!o || (o.introducer < 0 && o.overlay < 0)) return;
    const id = `L${prefix}-${q + 1}`;
    const others = (o.introducer >= 0 ? INTRODUCTION_SHARE_BP : 0) + (o.overlay >= 0 ? OVERLAY_SHARE_BP : 0);
    out.push([id, org.reps[l.rep]?.id ?? null, fromBp(10000 - others), 'owner', IMPORT]);
    if (o.introducer >= 0) out.push([id, org.reps[o.introducer]?.id ?? null, fromBp(INTRODUCTION_SHARE_BP), 'introduction', IMPORT]);
    if (o.overlay >= 0) out.push([id, org.reps[o.overlay]?.id ?? null, fromBp(OVERLAY_SHARE_BP), 'overlay', IMPORT]);
  });
}

export function emitInvoices({ w, i, p, lines }: SalesContext, out: DemoRow[]): void {
  const prefix = pad(i + 1, 7);
  const { cal } = w;
  const last = cal.end - 1;
  lines.forEach((l, q) => {
    if (l.noInvoice) return;
    const lag = (q * 7 + i) % 15;
    const first = Math.min(l.day + lag, last);
    const years = l.months > 0 ? Math.ceil(l.months / 12) : 1;
    const base = Math.floor(l.amount / years);
    for (let y = 0; y < years; y++) {
      const day = y === 0 ? first : l.day + 365 * y;
      if (day > last) break;
      const amount = y === 0 ? l.amount - base * (years - 1) : base;
      const status =
        l.status === 'cancelled' ? 'void' : l.status === 'returned' ? 'credited' : day < cal.end - PAID_AFTER_DAYS ? 'paid' : 'issued';
      out.push([`V${prefix}-${q + 1}-${y + 1}`, `L${prefix}-${q + 1}`, cal.iso(day), String(amount), p.currency, status, IMPORT]);
    }
  });
}

export function emitRevenueSchedule({ w, i, p, lines }: SalesContext, out: DemoRow[]): void {
  const prefix = pad(i + 1, 7);
  const { cal } = w;
  lines.forEach((l, q) => {
    if (l.status !== 'active') return;
    const id = `L${prefix}-${q + 1}`;
    if (l.months === 0) {
      out.push([id, cal.iso(cal.monthStartOf(l.day)), String(l.amount), p.currency, IMPORT]);
      return;
    }
    const base = Math.floor(l.amount / l.months);
    const extra = l.amount - base * l.months;
    for (let m = 0; m < l.months; m++) {
      out.push([id, cal.iso(cal.monthStartAfter(l.day, m)), String(base + (m < extra ? 1 : 0)), p.currency, IMPORT]);
    }
  });
}
