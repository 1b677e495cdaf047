/**
 * Rows of the small tables that describe the company itself: the org tree,
 * reps and their assignment history, territories, the product catalogue,
 * campaigns and monthly exchange rates into the reporting currency.
 */
import { currencyExponent, isKnownCurrency } from '../domain/currency';
import { PRODUCT_LINES } from './catalogue';
import type { DemoRow } from './demo-table';
import type { DemoWorld } from './demo-world';
import { DEMO_IMPORT_ID as IMPORT, fromBasisPoints, fromE8 } from './format';

export function orgUnitRows(w: DemoWorld): DemoRow[] {
  return w.org.orgUnits.map((u) => [u.id, u.name, u.kind, u.parentId, IMPORT]);
}

export function repRows(w: DemoWorld): DemoRow[] {
  const { cal } = w;
  return w.org.reps.map((r) => [
    r.id,
    r.name,
    r.email,
    r.role,
    r.style,
    cal.iso(r.hire),
    r.leave === null ? null : cal.iso(r.leave - 1),
    cal.quarterLabelOf(r.hire),
    IMPORT,
  ]);
}

export function repAssignmentRows(w: DemoWorld): DemoRow[] {
  const { cal } = w;
  return w.org.reps.flatMap((r) =>
    r.assignments.map((a) => [r.id, a.orgUnitId, a.territoryId, cal.iso(a.from), a.to === null ? null : cal.iso(a.to), IMPORT]),
  );
}

export function territoryRows(w: DemoWorld): DemoRow[] {
  const rc = w.options.reportingCurrency;
  const exp = isKnownCurrency(rc) ? currencyExponent(rc) : 2;
  const total = w.org.territories.reduce((s, t) => s + t.potentialWeight, 0);
  const perCustomerMajor = 250_000;
  return w.org.territories.map((t) => [
    t.id,
    t.name,
    t.regionId,
    String(Math.round((t.potentialWeight / total) * w.spec.customers * perCustomerMajor) * 10 ** exp),
    rc,
    fromBasisPoints(t.intensityBp),
    IMPORT,
  ]);
}

export function productRows(w: DemoWorld): DemoRow[] {
  return w.products.map((p) => [
    p.id,
    p.def.sku,
    p.def.name,
    PRODUCT_LINES[p.def.line]?.name ?? null,
    w.org.divisionIds[PRODUCT_LINES[p.def.line]?.division ?? 0] ?? null,
    String(p.priceRcMinor),
    w.options.reportingCurrency,
    fromBasisPoints(p.def.marginBp),
    IMPORT,
  ]);
}

export function campaignRows(w: DemoWorld): DemoRow[] {
  return w.campaigns.map((c) => [
    c.id,
    c.name,
    c.kind,
    c.line === null ? null : (PRODUCT_LINES[c.line]?.name ?? null),
    w.cal.iso(c.start),
    w.cal.iso(c.end),
    IMPORT,
  ]);
}

export function fxRateRows(w: DemoWorld): DemoRow[] {
  const rows: DemoRow[] = [];
  for (const c of w.fx.currencies) {
    const rates = w.fx.ratesE8[c] ?? [];
    w.fx.monthStarts.forEach((m, i) => {
      rows.push([c, w.cal.iso(m), fromE8(rates[i] ?? 0), IMPORT]);
    });
  }
  return rows;
}
