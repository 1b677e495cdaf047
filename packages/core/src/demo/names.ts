/**
 * Names for demo customers and reps. Company names come from a bijection of
 * the customer index onto three single-word lists, so no two customers share
 * a normalised name or a domain unless a duplicate is planted on purpose.
 */
const PREFIXES = (
  'Acme Apex Arbor Atlas Aurora Azure Beacon Birch Blue Bold Bright Cascade Cedar Clear Cobalt Coral Crest Crimson ' +
  'Crystal Delta Eagle Echo Ember Emerald Evergreen Falcon Fern First Forge Frontier Galaxy Garnet Giant Glacier ' +
  'Golden Granite Green Harbor Hawk Highland Horizon Indigo Iron Ivory Jade Juniper Keystone Lake Laurel Liberty ' +
  'Lighthouse Lion Lotus Lunar Maple Marble Meadow Meridian Mesa Metro Midland Mission Monarch Mountain Noble North ' +
  'Nova Oak Ocean Olive Omega Onyx Orbit Orchid Pacific Palm Peak Pearl Pine Pioneer Polar Prairie Prime Quartz ' +
  'Radiant Rapid Raven Red Ridge River Rock Royal Ruby Sage Sapphire Silver Sky Solar Spring Star Sterling Stone ' +
  'Summit Sun Swift Terra Thunder Tidal Titan Topaz Trinity True Twin Union Unity Valley Vanguard Velvet Vertex'
).split(' ');

const NOUNS = (
  'Analytics Anchor Arrow Axis Bay Bridge Brook Canyon Capital Circle Cloud Coast Compass Core Crown Dale Dawn Dome ' +
  'Dune Field Fjord Flag Flow Focus Fort Fountain Gate Grove Haven Hill Hub Isle Key Kite Lane Leaf Ledge Line Link ' +
  'Loop Mark Mill Mint Moon Nest Node Path Pier Pillar Pine Plain Point Port Pulse Quest Rail Range Reef Root Sail ' +
  'Shield Shore Signal Source Spark Spire Square Stream Street Tide Tower Trail Tree Vale View Vista Wave Well Wharf ' +
  'Wind Wing Wood Yard Zenith Arc Beam Bolt Cove Crag Drift Ember Frost Glen Helm Quay Jet Knot Lark Lynx'
).split(' ');

const SUFFIXES = (
  'Systems Labs Logistics Foods Health Energy Partners Solutions Industries Works Dynamics Networks Ventures ' +
  'Consulting Media Capital Pharma Robotics Motors Textiles Foundry Supply Retail Studios Software Technologies ' +
  'Materials Insurance Bank Finance Airlines Marine Mining Metals Chemicals Electric Telecom Security Agritech ' +
  'Biotech Medical Clinics Education Learning Travel Hotels Properties Estates Construction Engineering Design ' +
  'Apparel Beverages Brewing Dairy Farms Freight Transport Shipping Aerospace Defense Gaming Entertainment Publishing ' +
  'Printing Packaging Plastics Paper Tools Devices Instruments Optics Semiconductors Data Digital Interactive Mobile ' +
  'Outfitters Wellness Nutrition Cosmetics Furniture Lighting Audio Vision Water Turbines Batteries Pumps Valves'
).split(' ');

const LEGAL_FORMS: Readonly<Record<string, readonly string[]>> = {
  US: ['Inc', 'Inc.', 'LLC', 'Corp'],
  CA: ['Inc', 'Ltd'],
  GB: ['Ltd', 'PLC'],
  IE: ['Ltd'],
  DE: ['GmbH', 'AG'],
  AT: ['GmbH'],
  CH: ['AG'],
  FR: ['SA', 'SAS'],
  BE: ['NV', 'SA'],
  NL: ['BV', 'NV'],
  SE: ['AB'],
  DK: ['ApS', 'A/S'],
  NO: ['AS'],
  FI: ['Oy'],
  AU: ['Pty Ltd'],
  NZ: ['Ltd'],
  SG: ['Pte Ltd'],
  JP: ['KK'],
  IN: ['Pvt Ltd'],
};

/** How many distinct company names exist. */
export const COMPANY_NAME_SPACE = PREFIXES.length * NOUNS.length * SUFFIXES.length;

export interface CompanyName {
  words: [string, string, string];
}

/**
 * A seeded bijection of [0, COMPANY_NAME_SPACE): an affine map whose multiplier
 * is coprime to the space (see nameMultiplier). Products stay below 2^53.
 */
export function companyNameFor(index: number, multiplier: number, offset: number): CompanyName {
  const n = COMPANY_NAME_SPACE;
  if (index >= n) throw new Error(`the demo has ${n} company names; ${index} is out of range`);
  const k = (index * multiplier + (offset % n)) % n;
  const a = k % PREFIXES.length;
  const rest = Math.floor(k / PREFIXES.length);
  const b = rest % NOUNS.length;
  const c = Math.floor(rest / NOUNS.length);
  return { words: [PREFIXES[a] ?? '', NOUNS[b] ?? '', SUFFIXES[c] ?? ''] };
}

/** A multiplier for companyNameFor, derived from a random 32-bit value. */
export function nameMultiplier(random: number): number {
  return coprimeMultiplier(random, COMPANY_NAME_SPACE);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function coprimeMultiplier(start: number, n: number): number {
  let m = (start % (n - 1)) + 1;
  while (gcd(m, n) !== 1) m = (m % (n - 1)) + 1;
  return m;
}

export function legalFormsOf(country: string): readonly string[] {
  return LEGAL_FORMS[country] ?? ['Inc'];
}

export function domainOf(words: readonly string[]): string {
  return `${words.map((w) => w.toLowerCase()).join('-')}.example`;
}

const FIRST_NAMES = (
  'Aaron Abigail Adam Adriana Ahmed Aisha Alan Alice Amara Amir Ana Andre Anna Arjun Ava Ben Bianca Brian Camila ' +
  'Carlos Chen Chloe Chris Clara Daniel Dana David Diego Elena Eli Emily Emma Eric Fatima Felix Fiona Gabriel Grace ' +
  'Hannah Hiro Ian Ines Isaac Isabel Jack James Jana Javier Jin Jonas Julia Karan Kate Kenji Lars Laura Leo Liam Lina ' +
  'Lucas Maria Mark Maya Mei Mia Mohammed Nadia Nina Noah Olivia Omar Oscar Paul Priya Rafael Rita Ryan Sara Sean ' +
  'Sofia Sven Tara Theo Tom Uma Victor Wei Yara Yusuf Zoe'
).split(' ');

const LAST_NAMES = (
  'Adams Ahmed Alvarez Andersen Baker Bauer Becker Brown Campbell Carter Chen Clark Cohen Costa Davies Diaz Dubois ' +
  'Edwards Evans Fischer Fontaine Garcia Gomez Green Gupta Hall Hansen Harris Hoffmann Hughes Ito Jackson Jensen ' +
  'Johnson Kaur Kelly Khan Kim Klein Kowalski Lambert Larsen Lee Lewis Lopez Martin Meyer Miller Moore Morales ' +
  'Murphy Nguyen Nielsen Novak Okafor Olsen Park Patel Perez Peters Quinn Reyes Richter Roberts Rossi Sato Schmidt ' +
  'Schneider Silva Singh Smith Suzuki Tanaka Taylor Thomas Thompson Turner Walker Wang Weber Williams Wilson Wong Young Zhang'
).split(' ');

export function personName(index: number, seedMultiplier: number): { first: string; last: string } {
  const n = FIRST_NAMES.length * LAST_NAMES.length;
  const k = (index * coprimeMultiplier(seedMultiplier, n)) % n;
  return { first: FIRST_NAMES[k % FIRST_NAMES.length] ?? '', last: LAST_NAMES[Math.floor(k / FIRST_NAMES.length)] ?? '' };
}
