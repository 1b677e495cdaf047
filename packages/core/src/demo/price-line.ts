/**
 * Prices one order line: quantity and size grow with the customer's segment
 * and the rep's deal-size skill, enterprise customers get deeper discounts,
 * and margin is the product's standard margin less half the discount. The
 * amount is computed in the reporting currency, then converted to the
 * customer's currency at the month's rate; everything is whole minor units.
 */
import type { RepRec } from './build-organisation';
import { SEGMENTS } from './catalogue';
import type { CustomerProfile } from './customer-profile';
import type { DemoWorld } from './demo-world';
import type { Rng } from './prng';

export type LineStatus = 'active' | 'cancelled' | 'returned';

export interface LineRec {
  day: number;
  product: number;
  line: number;
  qty: number;
  amount: number;
  margin: number;
  /** The amount in the reporting currency before conversion. */
  rc: number;
  /** Contract length for subscriptions; 0 for one-off sales. */
  months: number;
  rep: number;
  /** Index of the won opportunity in the customer's list, or -1 for a run-rate reorder. */
  opp: number;
  /** Generation order of the order the line belongs to, and its position in it. */
  order: number;
  lineNo: number;
  status: LineStatus;
  cancelledAt: number;
  crossSell: boolean;
  crmFlag: boolean;
  noInvoice: boolean;
}

export function priceLine(
  w: DemoWorld,
  p: CustomerProfile,
  r: Rng,
  product: number,
  day: number,
  rep: RepRec,
  /** Contract months for a subscription, or -1 to draw 12 or 24. */
  months: number,
  scale: number,
): LineRec {
  const priced = w.products[product];
  if (!priced) throw new Error(`no demo product ${product}`);
  const def = priced.def;
  const seg = SEGMENTS[p.segment] ?? SEGMENTS[0];
  const size = (seg?.size ?? 1) * rep.sizeSkill * scale;
  const fixedQty = def.qtyMin === def.qtyMax;
  const qty = fixedQty
    ? def.qtyMin
    : Math.max(def.qtyMin, Math.min(def.qtyMax * 4, Math.round((def.qtyMin + r.float() * (def.qtyMax - def.qtyMin)) * size)));
  const contract = def.subscription ? (months > 0 ? months : r.chance(0.6) ? 12 : 24) : 0;
  const discountBp = r.between(0, p.segment === 0 ? 3000 : 1800);
  const gross = priced.priceRcMinor * qty * (contract > 0 ? contract / 12 : 1) * (fixedQty ? size : 1);
  const rc = Math.max(100, Math.round((gross * (10000 - discountBp)) / 10000));
  const amount = w.fromReporting(rc, p.currency, day);
  const marginBp = def.marginBp - Math.round(discountBp / 2) + r.between(-400, 400);
  return {
    day,
    product,
    line: def.line,
    qty,
    amount,
    margin: Math.round((amount * marginBp) / 10000),
    rc,
    months: contract,
    rep: rep.idx,
    opp: -1,
    order: 0,
    lineNo: 0,
    status: 'active',
    cancelledAt: -1,
    crossSell: false,
    crmFlag: false,
    noInvoice: false,
  };
}
