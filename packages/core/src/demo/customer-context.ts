/**
 * What a customer's rows are generated from, computed once per customer and
 * pass: its profile, then (for pipeline and sales tables) its deals, then
 * (for sales tables) its order lines.
 */
import { type CustomerDeals, customerDeals } from './customer-deals';
import { type CustomerProfile, customerProfile } from './customer-profile';
import { customerSales } from './customer-sales';
import type { DemoWorld } from './demo-world';
import type { LineRec } from './price-line';

export interface CustomerContext {
  w: DemoWorld;
  i: number;
  p: CustomerProfile;
}

export interface DealsContext extends CustomerContext {
  deals: CustomerDeals;
}

export interface SalesContext extends DealsContext {
  lines: LineRec[];
}

export function customerContext(w: DemoWorld, i: number): CustomerContext {
  return { w, i, p: customerProfile(w, i) };
}

export function dealsContext(w: DemoWorld, i: number): DealsContext {
  const p = customerProfile(w, i);
  return { w, i, p, deals: customerDeals(w, p) };
}

export function salesContext(w: DemoWorld, i: number): SalesContext {
  const p = customerProfile(w, i);
  const deals = customerDeals(w, p);
  return { w, i, p, deals, lines: customerSales(w, p, deals).lines };
}
