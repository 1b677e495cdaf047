/**
 * A customer's order lines: the lines of its won opportunities plus run-rate
 * reorders of the product lines it owns, booked by the account manager. Lines
 * are numbered in booking order. Each line's cross-sell truth is computed with
 * exactly the rule deriveFacts applies (no active purchase of the product line
 * within the window before the booking day, and an earlier active purchase of
 * another line), so the CRM flag agrees with it except where a misflag is planted.
 */
import { slotRep, teamIndex } from './build-organisation';
import { PRODUCT_LINES, PRODUCTS, PRODUCTS_BY_LINE } from './catalogue';
import type { CustomerDeals } from './customer-deals';
import type { CustomerProfile } from './customer-profile';
import type { DemoWorld } from './demo-world';
import { BOOKING_WITHOUT_INVOICE_SHARE, CRM_CROSS_SELL_MISFLAG_SHARE } from './planted-problems';
import { type LineRec, priceLine } from './price-line';
import { rngFor } from './prng';
import { STREAM } from './streams';

const CANCELLED_SHARE = 0.02;
const RETURNED_SHARE = 0.005;
const DAYS_PER_MONTH = 30.4375;
/** Run-rate reorders are smaller than deals. */
const REORDER_SCALE = 0.35;

/** Non-subscription products of each line: what customers reorder. */
const REORDERABLE: readonly number[][] = PRODUCTS_BY_LINE.map((ps) => ps.filter((i) => !PRODUCTS[i]?.subscription));
const REORDER_WEIGHTS: readonly number[][] = REORDERABLE.map((ps) => ps.map((i) => PRODUCTS[i]?.weight ?? 1));

export interface CustomerSales {
  /** Lines in booking order; `order` is the order number (1-based) and the index + 1 is the line number. */
  lines: LineRec[];
}

export function customerSales(w: DemoWorld, p: CustomerProfile, deals: CustomerDeals): CustomerSales {
  const { cal, spec, org } = w;
  const lines: LineRec[] = [];
  for (const o of deals.opps) {
    for (const l of o.lines) {
      l.order = o.k;
      lines.push(l);
    }
  }
  const r = rngFor(w.seed, STREAM.reorders, p.i);
  const stop = p.churn >= 0 ? p.churn : cal.end;
  let order = deals.opps.length;
  for (let line = 0; line < PRODUCT_LINES.length; line++) {
    const from = (deals.owned[line] ?? -1) + 7;
    if (from < 7 || from >= stop) continue;
    const count = r.poisson((spec.reordersPerLineMonth * p.activity * (stop - from)) / DAYS_PER_MONTH);
    const division = PRODUCT_LINES[line]?.division ?? 0;
    const slot = org.teams[teamIndex(spec, division, p.geo, p.team)]?.am[p.amSeat];
    const products = REORDERABLE[line] ?? [];
    const weights = REORDER_WEIGHTS[line] ?? [];
    for (let j = 0; j < count; j++) {
      const day = cal.seasonalDay(r, from, stop);
      const rep = org.reps[slot ? slotRep(slot, day) : 0];
      if (!rep) continue;
      const n = 1 + (r.chance(0.45) ? 1 : 0) + (r.chance(0.2) ? 1 : 0);
      for (let k = 0; k < n; k++) {
        const l = priceLine(w, p, r, products[r.weighted(weights)] ?? 0, day, rep, -1, REORDER_SCALE);
        l.order = order;
        l.lineNo = k + 1;
        lines.push(l);
      }
      order++;
    }
  }
  lines.sort((a, b) => a.day - b.day || a.order - b.order || a.lineNo - b.lineNo);

  const flags = rngFor(w.seed, STREAM.lineFlags, p.i);
  const orderNo = new Map<number, number>();
  for (const l of lines) {
    let no = orderNo.get(l.order);
    if (no === undefined) {
      no = orderNo.size + 1;
      orderNo.set(l.order, no);
    }
    l.order = no;
    const u = flags.float();
    if (u < CANCELLED_SHARE) {
      l.status = 'cancelled';
      l.cancelledAt = l.day + flags.between(1, 30);
    } else if (u < CANCELLED_SHARE + RETURNED_SHARE) {
      l.status = 'returned';
      l.cancelledAt = l.day + flags.between(10, 60);
    }
    if (l.cancelledAt >= cal.end) {
      l.status = 'active';
      l.cancelledAt = -1;
    }
    const misflag = flags.chance(CRM_CROSS_SELL_MISFLAG_SHARE);
    l.noInvoice = flags.chance(BOOKING_WITHOUT_INVOICE_SHARE) && l.status === 'active';
    l.crmFlag = misflag;
  }
  markCrossSell(w, lines);
  for (const l of lines) l.crmFlag = l.crmFlag !== l.crossSell;
  return { lines };
}

/** The derived cross-sell rule, over lines sorted by day. */
function markCrossSell(w: DemoWorld, lines: LineRec[]): void {
  const lastActive = [-1, -1, -1, -1, -1, -1];
  const firstActive = [-1, -1, -1, -1, -1, -1];
  let i = 0;
  while (i < lines.length) {
    const day = (lines[i] as LineRec).day;
    let j = i;
    while (j < lines.length && (lines[j] as LineRec).day === day) j++;
    const windowStart = w.windowStart(day);
    for (let k = i; k < j; k++) {
      const l = lines[k] as LineRec;
      let otherFirst = -1;
      for (let o = 0; o < firstActive.length; o++) {
        const f = firstActive[o] ?? -1;
        if (o !== l.line && f >= 0 && (otherFirst < 0 || f < otherFirst)) otherFirst = f;
      }
      const prev = lastActive[l.line] ?? -1;
      l.crossSell = otherFirst >= 0 && (prev < 0 || prev < windowStart);
    }
    for (let k = i; k < j; k++) {
      const l = lines[k] as LineRec;
      if (l.status !== 'active') continue;
      lastActive[l.line] = day;
      if ((firstActive[l.line] ?? -1) < 0) firstActive[l.line] = day;
    }
    i = j;
  }
}
