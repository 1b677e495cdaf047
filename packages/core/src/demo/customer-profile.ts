/**
 * A customer's attributes, regenerated from its index alone. A planted
 * duplicate copies an earlier customer's firmographics under a variant name
 * (same normalised name, different domain) or a misspelt name (same domain).
 */
import { normaliseCompanyName } from '../domain/normalise-company-name';
import { CUSTOMER_GROUPS, geoDef, INDUSTRIES, SEGMENTS } from './catalogue';
import type { DemoWorld } from './demo-world';
import { pad } from './format';
import { companyNameFor, domainOf, legalFormsOf } from './names';
import { DUPLICATE_CUSTOMER_SHARE } from './planted-problems';
import { Rng, rngFor } from './prng';
import { STREAM } from './streams';

/** Share of customers that never buy (prospects with lost deals only). */
const PROSPECT_SHARE = 0.2;
/** Share of buying customers that were already customers when the history starts. */
const INSTALLED_BASE_SHARE = 0.6;
const CHURN_SHARE = 0.14;
/** Installed-base customers place their first order of the history within this many days. */
const INSTALLED_BASE_FIRST_ORDER_DAYS = 90;
const OPT_OUT_SHARE = 0.03;
const TAX_ID_SHARE = 0.6;

const INDUSTRY_WEIGHTS = INDUSTRIES.map((i) => i.weight);
const SEGMENT_WEIGHTS = SEGMENTS.map((s) => s.weight);
const GROUP_WEIGHTS = CUSTOMER_GROUPS.map((g) => g.weight);

export interface CustomerProfile {
  i: number;
  id: string;
  /** Index of the customer this one duplicates, or -1. */
  dupOf: number;
  /** How the name, domain and tax id are spelt (see customerNames). */
  variant: number;
  segment: number;
  industry: number;
  group: number;
  geo: number;
  country: string;
  currency: string;
  /** Team number within the region (the same in both divisions). */
  team: number;
  homeDivision: number;
  aeSeat: number;
  amSeat: number;
  created: number;
  /** The day of the first won deal, or -1 for a prospect that never buys. */
  acquisition: number;
  /** The day after which the customer buys nothing more, or -1. */
  churn: number;
  optOut: boolean;
  crossSell: number;
  activity: number;
}

export function customerId(i: number): string {
  return `C${pad(i + 1, 7)}`;
}

export function customerProfile(w: DemoWorld, i: number): CustomerProfile {
  const dup = rngFor(w.seed, STREAM.duplicate, i);
  if (i > 0 && dup.chance(DUPLICATE_CUSTOMER_SHARE)) {
    let original = dup.int(i);
    while (isDuplicate(w, original)) original = rngFor(w.seed, STREAM.duplicate, original).int(original);
    return duplicateOf(w, i, baseProfile(w, original), dup);
  }
  return baseProfile(w, i);
}

function isDuplicate(w: DemoWorld, i: number): boolean {
  return i > 0 && rngFor(w.seed, STREAM.duplicate, i).chance(DUPLICATE_CUSTOMER_SHARE);
}

function baseProfile(w: DemoWorld, i: number): CustomerProfile {
  const r = rngFor(w.seed, STREAM.customer, i);
  const { cal, spec } = w;
  const segment = r.weighted(SEGMENT_WEIGHTS);
  const industry = r.weighted(INDUSTRY_WEIGHTS);
  const geo = r.weighted(w.geoWeights);
  const geoInfo = geoDef(spec.geos[geo] ?? '');
  const country = geoInfo.countries[r.weighted(w.countryWeights[geo] ?? [1])] ?? { code: 'US', currency: 'USD' as const };
  const seg = SEGMENTS[segment] ?? SEGMENTS[0];
  const ind = INDUSTRIES[industry] ?? INDUSTRIES[0];
  let acquisition = -1;
  let created: number;
  if (r.chance(PROSPECT_SHARE)) {
    created = r.between(cal.start - 400, cal.end - 30);
  } else if (r.chance(INSTALLED_BASE_SHARE)) {
    acquisition = cal.seasonalDay(r, cal.start, cal.start + INSTALLED_BASE_FIRST_ORDER_DAYS);
    created = cal.start - r.between(60, 2500);
  } else {
    acquisition = cal.seasonalDay(r, cal.start + 30, cal.end - 20);
    created = acquisition - Math.round((seg?.cycleDays ?? 60) * (0.8 + r.float())) - r.between(10, 150);
  }
  const churn = acquisition >= 0 && r.chance(CHURN_SHARE) ? acquisition + r.between(180, 900) : -1;
  return {
    i,
    id: customerId(i),
    dupOf: -1,
    variant: r.u32(),
    segment,
    industry,
    group: r.weighted(GROUP_WEIGHTS),
    geo,
    country: country.code,
    currency: country.currency,
    team: r.int(spec.teamsPerRegion),
    homeDivision: r.weighted(w.divisionWeights[industry] ?? [1, 1]),
    aeSeat: r.int(2),
    amSeat: r.int(2),
    created,
    acquisition,
    churn: churn >= 0 && churn < cal.end ? churn : -1,
    optOut: r.chance(OPT_OUT_SHARE),
    crossSell: Math.min(0.9, (seg?.crossSell ?? 0.3) * (ind?.crossSell ?? 1) * (0.7 + 0.6 * r.float())),
    activity: (seg?.activity ?? 1) * (0.6 + 0.8 * r.float()),
  };
}

/** A second record of the same company, created later, with a smaller history of its own. */
function duplicateOf(w: DemoWorld, i: number, original: CustomerProfile, r: Rng): CustomerProfile {
  const { cal } = w;
  const start = Math.max(original.created + 30, cal.start);
  const created = r.between(start, Math.max(start + 1, cal.end - 60));
  const acquisition =
    original.acquisition >= 0 && r.chance(0.7) ? Math.max(created + 10, cal.seasonalDay(r, created + 10, cal.end - 10)) : -1;
  return {
    ...original,
    i,
    id: customerId(i),
    dupOf: original.i,
    variant: r.u32(),
    created,
    acquisition: acquisition < cal.end ? acquisition : -1,
    churn: -1,
    activity: original.activity * 0.3,
  };
}

export interface CustomerNames {
  name: string;
  normalisedName: string;
  domain: string;
  taxId: string | null;
}

/** The company name as spelt on this record, plus its normalised form, domain and tax id. */
export function customerNames(w: DemoWorld, p: CustomerProfile): CustomerNames {
  if (p.dupOf < 0) return originalNames(w, p);
  const original = originalNames(w, baseProfile(w, p.dupOf));
  const r = new Rng(p.variant, STREAM.duplicate, p.i, 1);
  const words = original.name.split(' ');
  if (r.chance(0.5)) {
    const variants = [
      original.name.toUpperCase(),
      words.slice(0, 3).join(' '),
      `The ${original.name}`,
      original.name.replace(/ (\S+)$/, ', $1'),
    ];
    const same = variants.filter((v) => normaliseCompanyName(v) === original.normalisedName);
    const name = same.length > 0 ? r.pick(same) : original.name.toUpperCase();
    const domain = original.domain.replace('.example', r.chance(0.5) ? '-online.example' : '-group.example');
    return { name, normalisedName: normaliseCompanyName(name), domain, taxId: r.chance(0.3) ? original.taxId : null };
  }
  const noun = words[1] ?? '';
  const at = 1 + r.int(Math.max(1, noun.length - 2));
  const name = [words[0], noun.slice(0, at) + noun.slice(at + 1), ...words.slice(2)].join(' ');
  const domain = r.chance(0.5) ? `www.${original.domain}` : original.domain.toUpperCase();
  return { name, normalisedName: normaliseCompanyName(name), domain, taxId: r.chance(0.3) ? original.taxId : null };
}

function originalNames(w: DemoWorld, p: CustomerProfile): CustomerNames {
  const r = new Rng(p.variant, STREAM.customer, p.i, 2);
  const words = companyNameFor(p.i, w.nameMultiplier, w.nameOffset).words;
  const name = `${words.join(' ')} ${r.pick(legalFormsOf(p.country))}`;
  return {
    name,
    normalisedName: normaliseCompanyName(name),
    domain: domainOf(words),
    taxId: r.chance(TAX_ID_SHARE) ? `${p.country}${pad((p.i * 7919 + 104729) % 1_000_000_000, 9)}` : null,
  };
}

/** A short label for the customer, without the cost of normalising it. */
export function customerLabel(w: DemoWorld, p: CustomerProfile): string {
  return companyNameFor(p.dupOf >= 0 ? p.dupOf : p.i, w.nameMultiplier, w.nameOffset).words.join(' ');
}
