/**
 * Everything about the demo company that is small enough to hold in memory
 * whatever the size: options, calendar, organisation, priced catalogue,
 * exchange rates and campaigns. Customers and everything they do are not
 * held: they are regenerated from their index on demand.
 */
import { addMonths, dayNumber } from '../domain/civil-date';
import { currencyExponent, isKnownCurrency } from '../domain/currency';
import type { FiscalCalendar } from '../domain/fiscal-calendar';
import type { CampaignKind } from '../domain/vocabulary';
import { buildOrganisation, type Organisation } from './build-organisation';
import { DIVISIONS, FX_START_USD, geoDef, INDUSTRIES, PRODUCT_LINES, PRODUCTS, PRODUCTS_BY_LINE, type ProductDef } from './catalogue';
import { DemoCalendar } from './demo-calendar';
import { DEMO_SIZE_SPECS, type DemoSize, type DemoSizeSpec } from './demo-size';
import { pad } from './format';
import { nameMultiplier } from './names';
import { rngFor } from './prng';
import { STREAM } from './streams';

export interface DemoOptions {
  size: DemoSize;
  seed: number;
  calendar: FiscalCalendar;
  reportingCurrency: string;
  /** The cross-sell window the derived facts use, so CRM flags can agree with them. */
  crossSellWindowMonths: number;
  /** Defaults to DEMO_AS_OF; the history ends with the last fiscal year complete by then. */
  asOf?: string;
  /** Overrides the size's customer count (trial runs of a benchmark); the organisation keeps its size. */
  customers?: number;
}

export interface PricedProduct {
  id: string;
  def: ProductDef;
  priceRcMinor: number;
}

export interface CampaignRec {
  id: string;
  name: string;
  kind: CampaignKind;
  line: number | null;
  start: number;
  end: number;
}

export const TRADE_CURRENCIES = ['USD', 'EUR', 'GBP'] as const;

export interface FxTable {
  /** Currencies with rates (the trade currencies other than the reporting currency). */
  currencies: string[];
  monthStarts: number[];
  /** ratesE8[currency][month]: reporting-currency units per unit, scaled by 10^8. */
  ratesE8: Record<string, number[]>;
}

export interface DemoWorld {
  options: DemoOptions;
  seed: number;
  spec: DemoSizeSpec;
  cal: DemoCalendar;
  org: Organisation;
  products: PricedProduct[];
  fx: FxTable;
  campaigns: CampaignRec[];
  nameMultiplier: number;
  nameOffset: number;
  /** Precomputed draw weights: geographies, countries per geography, home division per industry. */
  geoWeights: number[];
  countryWeights: number[][];
  divisionWeights: number[][];
  /** Weights of the products of each line in a deal (subscriptions scaled by the size's subscription weight). */
  productWeights: number[][];
  /** Converts reporting-currency minor units into a trade currency at a day's monthly rate. */
  fromReporting(rcMinor: number, currency: string, day: number): number;
  /** The first day inside the cross-sell window that ends on a day of the history. */
  windowStart(day: number): number;
}

export function buildWorld(options: DemoOptions): DemoWorld {
  if (!Number.isSafeInteger(options.seed) || options.seed < 0)
    throw new Error(`demo seed must be a non-negative integer, not ${options.seed}`);
  const base = DEMO_SIZE_SPECS[options.size];
  const spec = options.customers === undefined ? base : { ...base, customers: options.customers };
  const cal = new DemoCalendar(options.calendar, options.asOf);
  const seed = options.seed;
  const rc = options.reportingCurrency;
  const rcExp = isKnownCurrency(rc) ? currencyExponent(rc) : 2;
  const fx = buildFx(seed, cal, rc);
  const usdPerRc = usdPerUnitAtStart(rc);
  const products = PRODUCTS.map((def) => ({
    id: def.sku,
    def,
    priceRcMinor: Math.round((def.priceUsd / usdPerRc) * 10 ** rcExp),
  }));
  const names = rngFor(seed, STREAM.customer, 0x7fffffff);
  const monthIndexBase = fx.monthStarts[0] ?? cal.start;
  const monthOfDay = new Int16Array(cal.end + 6 * 366 - monthIndexBase);
  let m = 0;
  for (let i = 0; i < monthOfDay.length; i++) {
    while (m + 1 < fx.monthStarts.length && (fx.monthStarts[m + 1] ?? 0) <= monthIndexBase + i) m++;
    monthOfDay[i] = m;
  }
  const window = new Int32Array(cal.end - cal.start);
  for (let d = cal.start; d < cal.end; d++) window[d - cal.start] = dayNumber(addMonths(cal.iso(d), -options.crossSellWindowMonths));
  return {
    options,
    seed,
    spec,
    cal,
    org: buildOrganisation(seed, spec, cal),
    products,
    fx,
    campaigns: buildCampaigns(seed, cal),
    nameMultiplier: nameMultiplier(names.u32()),
    nameOffset: names.u32(),
    geoWeights: spec.geos.map((g) => geoDef(g).weight),
    productWeights: PRODUCTS_BY_LINE.map((ids) =>
      ids.map((id) => (PRODUCTS[id]?.weight ?? 1) * (PRODUCTS[id]?.subscription ? spec.subscriptionWeight : 1)),
    ),
    countryWeights: spec.geos.map((g) => geoDef(g).countries.map((c) => c.weight)),
    divisionWeights: INDUSTRIES.map((ind) =>
      DIVISIONS.map((_, d) => ind.firstLine.reduce((s, wt, line) => s + (PRODUCT_LINES[line]?.division === d ? wt : 0), 0)),
    ),
    fromReporting(rcMinor, currency, day) {
      if (currency === rc) return rcMinor;
      const rates = fx.ratesE8[currency];
      if (!rates) throw new Error(`no demo exchange rate for ${currency}`);
      const month = monthOfDay[Math.max(0, day - monthIndexBase)] ?? rates.length - 1;
      const exp = isKnownCurrency(currency) ? currencyExponent(currency) : 2;
      return Math.round(((rcMinor * 1e8) / (rates[month] ?? 1e8)) * 10 ** (exp - rcExp));
    },
    windowStart(day) {
      return window[day - cal.start] ?? dayNumber(addMonths(cal.iso(day), -options.crossSellWindowMonths));
    },
  };
}

function usdPerUnitAtStart(currency: string): number {
  return FX_START_USD[currency] ?? 1;
}

/** Monthly rates from a year before the history to its end: a random walk of each currency against the US dollar. */
function buildFx(seed: number, cal: DemoCalendar, rc: string): FxTable {
  const monthStarts: number[] = [];
  const first = cal.months[0]?.start ?? cal.start;
  let d = first;
  for (let i = 0; i < 12; i++) d = cal.monthStartOf(d - 1);
  for (; d < cal.end; d = cal.monthStartOf(d + 32)) monthStarts.push(d);
  const all = [...new Set<string>([...TRADE_CURRENCIES, rc])];
  const usdPer: Record<string, number[]> = {};
  for (const [ci, c] of all.entries()) {
    const rng = rngFor(seed, STREAM.fx, ci);
    let v = usdPerUnitAtStart(c);
    usdPer[c] = monthStarts.map(() => {
      if (c !== 'USD') v *= 1 + (rng.float() - 0.5) * 0.03;
      return v;
    });
  }
  const currencies = TRADE_CURRENCIES.filter((c) => c !== rc);
  const ratesE8: Record<string, number[]> = {};
  for (const c of currencies) {
    const num = usdPer[c] ?? [];
    const den = usdPer[rc] ?? [];
    ratesE8[c] = monthStarts.map((_, i) => Math.round(((num[i] ?? 1) / (den[i] ?? 1)) * 1e8));
  }
  return { currencies, monthStarts, ratesE8 };
}

/** A cross-sell campaign per product line and fiscal year, plus upsell, retention and acquisition campaigns. */
function buildCampaigns(seed: number, cal: DemoCalendar): CampaignRec[] {
  const rng = rngFor(seed, STREAM.campaign, 0);
  const out: CampaignRec[] = [];
  const years = Math.round(cal.months.length / 12);
  for (let y = 0; y < years; y++) {
    const yearStart = cal.months[y * 12]?.start ?? cal.start;
    const label = cal.quarterLabelOf(yearStart).slice(0, 6);
    const add = (kind: CampaignKind, line: number | null, name: string) => {
      const startMonth = y * 12 + rng.int(10);
      const start = cal.months[startMonth]?.start ?? yearStart;
      const end = (cal.months[startMonth + 1 + rng.int(2)]?.end ?? cal.end) - 1;
      out.push({ id: `CMP-${pad(out.length + 1, 3)}`, name: `${label} ${name}`, kind, line, start, end });
    };
    for (const [line, def] of PRODUCT_LINES.entries()) add('cross_sell', line, `${def.name} cross-sell`);
    add('upsell', null, 'Upgrade programme');
    add('retention', null, 'Customer success push');
    add('acquisition', null, 'New logo blitz');
  }
  return out;
}
