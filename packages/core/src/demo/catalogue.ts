/**
 * The demo company's fixed world: divisions, geographies, industries, segments
 * and a product catalogue of six product lines with list prices (in US dollars,
 * converted to the reporting currency) and standard margins in basis points.
 */
import type { CustomerSegment } from '../domain/vocabulary';

export interface DivisionDef {
  key: string;
  name: string;
}

export const DIVISIONS: readonly DivisionDef[] = [
  { key: 'pl', name: 'Platform' },
  { key: 'sv', name: 'Services' },
];

export interface ProductLineDef {
  name: string;
  division: number;
}

export const PRODUCT_LINES: readonly ProductLineDef[] = [
  { name: 'Analytics', division: 0 },
  { name: 'Automation', division: 0 },
  { name: 'Security', division: 0 },
  { name: 'Cloud', division: 1 },
  { name: 'Consulting', division: 1 },
  { name: 'Support', division: 1 },
];

export interface ProductDef {
  sku: string;
  name: string;
  line: number;
  /** List price per unit in whole US dollars (per year for subscriptions). */
  priceUsd: number;
  marginBp: number;
  subscription: boolean;
  qtyMin: number;
  qtyMax: number;
  /** Relative chance of being chosen within its line. */
  weight: number;
}

function product(
  sku: string,
  name: string,
  line: number,
  priceUsd: number,
  marginBp: number,
  qty: [number, number],
  weight = 1,
): ProductDef {
  return { sku, name, line, priceUsd, marginBp, subscription: false, qtyMin: qty[0], qtyMax: qty[1], weight };
}

function subscription(sku: string, name: string, line: number, priceUsd: number, marginBp: number, weight = 1): ProductDef {
  return { sku, name, line, priceUsd, marginBp, subscription: true, qtyMin: 1, qtyMax: 1, weight };
}

export const PRODUCTS: readonly ProductDef[] = [
  product('AN-100', 'Analytics Seat Pack', 0, 1_200, 8_200, [1, 20], 3),
  subscription('AN-200', 'Analytics Platform Subscription', 0, 24_000, 7_800),
  product('AN-300', 'Data Connector', 0, 3_500, 7_500, [1, 5], 2),
  product('AU-100', 'Workflow Bot', 1, 2_400, 7_000, [1, 10], 3),
  subscription('AU-200', 'Automation Suite Subscription', 1, 36_000, 7_200),
  product('AU-300', 'Integration Kit', 1, 5_000, 6_500, [1, 3], 2),
  product('SE-100', 'Endpoint Shield Licence', 2, 90, 8_000, [10, 400], 3),
  subscription('SE-200', 'Threat Monitoring Subscription', 2, 18_000, 6_800),
  product('SE-300', 'Security Audit', 2, 12_000, 4_500, [1, 1], 1),
  product('CL-100', 'Compute Credits', 3, 1_000, 3_500, [1, 50], 4),
  subscription('CL-200', 'Managed Cloud Subscription', 3, 30_000, 4_000),
  product('CL-300', 'Storage Block', 3, 600, 3_800, [1, 40], 3),
  product('CO-100', 'Consulting Day', 4, 1_600, 3_000, [1, 20], 4),
  product('CO-200', 'Implementation Package', 4, 25_000, 2_800, [1, 1], 1),
  product('CO-300', 'Strategy Workshop', 4, 8_000, 4_200, [1, 2], 1),
  subscription('SU-100', 'Premium Support Subscription', 5, 9_000, 6_000),
  product('SU-200', 'Training Seat', 5, 750, 5_500, [1, 25], 3),
  product('SU-300', 'Health Check', 5, 3_000, 5_000, [1, 1], 2),
];

/** Products of each line, by index into PRODUCTS. */
export const PRODUCTS_BY_LINE: readonly number[][] = PRODUCT_LINES.map((_, line) =>
  PRODUCTS.flatMap((p, i) => (p.line === line ? [i] : [])),
);

/**
 * Affinity: AFFINITY[a][b] is the weight of line b as the next line bought by
 * a customer who owns line a (customers who buy Analytics tend to buy Automation).
 */
export const AFFINITY: readonly (readonly number[])[] = [
  [0, 3, 0.5, 2, 1.5, 0.5],
  [2, 0, 0.5, 0.5, 2, 2],
  [0.5, 0.5, 0, 3, 0.5, 2],
  [1, 0.5, 3, 0, 0.5, 2],
  [2, 2, 0.5, 0.5, 0, 1],
  [0.5, 0.5, 1, 0.5, 2, 0],
];

export interface IndustryDef {
  name: string;
  weight: number;
  /** Multiplier on the propensity to buy another product line. */
  crossSell: number;
  /** Weights of the first product line bought. */
  firstLine: readonly number[];
}

export const INDUSTRIES: readonly IndustryDef[] = [
  { name: 'Financial Services', weight: 12, crossSell: 1.3, firstLine: [3, 1, 3, 1, 1, 1] },
  { name: 'Healthcare', weight: 10, crossSell: 1.1, firstLine: [2, 1, 3, 1, 1, 1] },
  { name: 'Manufacturing', weight: 14, crossSell: 0.9, firstLine: [1, 3, 1, 1, 2, 1] },
  { name: 'Retail', weight: 12, crossSell: 0.8, firstLine: [3, 1, 1, 2, 1, 1] },
  { name: 'Technology', weight: 15, crossSell: 1.4, firstLine: [2, 2, 1, 3, 1, 1] },
  { name: 'Public Sector', weight: 7, crossSell: 0.6, firstLine: [1, 1, 2, 1, 3, 1] },
  { name: 'Energy', weight: 6, crossSell: 0.9, firstLine: [1, 2, 2, 1, 2, 1] },
  { name: 'Logistics', weight: 9, crossSell: 0.8, firstLine: [1, 3, 1, 2, 1, 1] },
  { name: 'Education', weight: 6, crossSell: 0.7, firstLine: [2, 1, 1, 1, 1, 3] },
  { name: 'Telecommunications', weight: 9, crossSell: 1.2, firstLine: [1, 1, 2, 3, 1, 1] },
];

export interface SegmentDef {
  name: CustomerSegment;
  weight: number;
  /** Multiplier on deal size. */
  size: number;
  /** Multiplier on the frequency of deals, orders and activities. */
  activity: number;
  /** Base chance that an opportunity after the first is for a new product line. */
  crossSell: number;
  /** Typical sales cycle in days. */
  cycleDays: number;
}

export const SEGMENTS: readonly SegmentDef[] = [
  { name: 'enterprise', weight: 8, size: 3.5, activity: 2.4, crossSell: 0.6, cycleDays: 110 },
  { name: 'mid_market', weight: 27, size: 1.5, activity: 1.3, crossSell: 0.48, cycleDays: 70 },
  { name: 'smb', weight: 65, size: 0.6, activity: 0.62, crossSell: 0.34, cycleDays: 35 },
];

export const CUSTOMER_GROUPS: readonly { name: string; weight: number }[] = [
  { name: 'standard', weight: 78 },
  { name: 'women_owned', weight: 10 },
  { name: 'minority_owned', weight: 8 },
  { name: 'veteran_owned', weight: 4 },
];

export interface GeoDef {
  key: string;
  name: string;
  weight: number;
  countries: readonly { code: string; weight: number; currency: 'USD' | 'EUR' | 'GBP' }[];
}

const US = [{ code: 'US', weight: 1, currency: 'USD' as const }];

export const GEOS: Readonly<Record<string, GeoDef>> = {
  north_america: {
    key: 'north_america',
    name: 'North America',
    weight: 55,
    countries: [
      { code: 'US', weight: 85, currency: 'USD' },
      { code: 'CA', weight: 15, currency: 'USD' },
    ],
  },
  emea: {
    key: 'emea',
    name: 'EMEA',
    weight: 30,
    countries: [
      { code: 'GB', weight: 35, currency: 'GBP' },
      { code: 'DE', weight: 30, currency: 'EUR' },
      { code: 'FR', weight: 20, currency: 'EUR' },
      { code: 'NL', weight: 15, currency: 'EUR' },
    ],
  },
  apac: {
    key: 'apac',
    name: 'APAC',
    weight: 15,
    countries: [
      { code: 'AU', weight: 40, currency: 'USD' },
      { code: 'SG', weight: 30, currency: 'USD' },
      { code: 'JP', weight: 30, currency: 'USD' },
    ],
  },
  us_east: { key: 'us_east', name: 'US East', weight: 16, countries: US },
  us_central: { key: 'us_central', name: 'US Central', weight: 12, countries: US },
  us_west: { key: 'us_west', name: 'US West', weight: 16, countries: US },
  canada: { key: 'canada', name: 'Canada', weight: 6, countries: [{ code: 'CA', weight: 1, currency: 'USD' }] },
  uk_ireland: {
    key: 'uk_ireland',
    name: 'UK & Ireland',
    weight: 11,
    countries: [
      { code: 'GB', weight: 85, currency: 'GBP' },
      { code: 'IE', weight: 15, currency: 'EUR' },
    ],
  },
  dach: {
    key: 'dach',
    name: 'DACH',
    weight: 10,
    countries: [
      { code: 'DE', weight: 75, currency: 'EUR' },
      { code: 'AT', weight: 12, currency: 'EUR' },
      { code: 'CH', weight: 13, currency: 'EUR' },
    ],
  },
  france_benelux: {
    key: 'france_benelux',
    name: 'France & Benelux',
    weight: 8,
    countries: [
      { code: 'FR', weight: 60, currency: 'EUR' },
      { code: 'NL', weight: 25, currency: 'EUR' },
      { code: 'BE', weight: 15, currency: 'EUR' },
    ],
  },
  nordics: {
    key: 'nordics',
    name: 'Nordics',
    weight: 5,
    countries: [
      { code: 'SE', weight: 40, currency: 'USD' },
      { code: 'DK', weight: 25, currency: 'USD' },
      { code: 'NO', weight: 20, currency: 'USD' },
      { code: 'FI', weight: 15, currency: 'EUR' },
    ],
  },
  anz: {
    key: 'anz',
    name: 'Australia & New Zealand',
    weight: 8,
    countries: [
      { code: 'AU', weight: 80, currency: 'USD' },
      { code: 'NZ', weight: 20, currency: 'USD' },
    ],
  },
  asia: {
    key: 'asia',
    name: 'Asia',
    weight: 8,
    countries: [
      { code: 'SG', weight: 35, currency: 'USD' },
      { code: 'JP', weight: 40, currency: 'USD' },
      { code: 'IN', weight: 25, currency: 'USD' },
    ],
  },
};

export function geoDef(key: string): GeoDef {
  const g = GEOS[key];
  if (!g) throw new Error(`unknown demo geography ${key}`);
  return g;
}

/** US dollars per unit of each currency on the first day of the history; rates then walk monthly. */
export const FX_START_USD: Readonly<Record<string, number>> = { USD: 1, EUR: 1.08, GBP: 1.26 };
