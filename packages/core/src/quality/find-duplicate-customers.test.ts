import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/domain-error';
import { normaliseCompanyName } from '../domain/normalise-company-name';
import {
  type CustomerForMatching,
  type DuplicateReason,
  findDuplicateCustomers,
  jaroWinkler,
  nameSimilarity,
  normaliseTaxId,
} from './find-duplicate-customers';

type Row = [id: string, name: string, extra?: Partial<Omit<CustomerForMatching, 'id' | 'name' | 'normalisedName'>>];

function customers(rows: Row[]): CustomerForMatching[] {
  return rows.map(([id, name, extra]) => ({
    id,
    name,
    normalisedName: normaliseCompanyName(name),
    domain: null,
    taxId: null,
    country: null,
    ...extra,
  }));
}

function pairsOf(rows: Row[], options: Parameters<typeof findDuplicateCustomers>[1] = {}) {
  return findDuplicateCustomers(customers(rows), options).clusters.flatMap((c) => c.pairs);
}

describe('jaroWinkler', () => {
  // Reference values from Winkler (1990) as quoted in most implementations.
  it.each([
    ['martha', 'marhta', 0.9611], // m=6, t=1: J = (1 + 1 + 5/6)/3 = 0.9444; prefix 3: 0.9444 + 0.3 × 0.0556
    ['dwayne', 'duane', 0.84], // m=4, t=0: J = (4/6 + 4/5 + 1)/3 = 0.8222; prefix 1: 0.8222 + 0.1 × 0.1778
    ['dixon', 'dicksonx', 0.8133], // m=4, t=0: J = (4/5 + 4/8 + 1)/3 = 0.7667; prefix 2: 0.7667 + 0.2 × 0.2333
    ['globex', 'glebex', 0.8578], // m=5 (e↔e across the o), t=1: J = (5/6 + 5/6 + 4/5)/3 = 0.8222; prefix 2: + 0.2 × 0.1778
    ['acme', 'apex', 0.6667], // m=2, t=0: J = (2/4 + 2/4 + 1)/3 = 0.6667, at most 0.7 so no prefix boost
    ['abc', 'abc', 1],
    ['abc', 'xyz', 0],
    ['', 'abc', 0],
  ])('%s / %s = %d', (a, b, want) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(want, 4);
    expect(jaroWinkler(b, a)).toBeCloseTo(want, 4);
  });
});

describe('nameSimilarity', () => {
  it.each([
    // no shared word: plain Jaro-Winkler
    ['globex', 'glebex', 0.8578],
    // one name is the other plus words: plain Jaro-Winkler. m=4: J = (4/4 + 4/12 + 1)/3 = 0.7778; prefix 4: + 0.4 × 0.2222
    ['acme', 'acme widgets', 0.8667],
    // shared words set aside, "america" / "china" decide: m=2 (i, a; c is outside the window of 2), t=0:
    // J = (2/7 + 2/5 + 1)/3 = 0.5619, no boost. The whole names alone would score 0.8977.
    ['bank of america', 'bank of china', 0.5619],
    // the whole names score 0.9125 (m=9: J = (9/16 + 1 + 1)/3 = 0.8542; prefix 4: + 0.4 × 0.1458), but
    // "industries" / "ind": m=3: J = (3/10 + 1 + 1)/3 = 0.7667; prefix 3: + 0.3 × 0.2333 = 0.8367
    ['stark industries', 'stark ind', 0.8367],
    // the same words in another order
    ['widgets acme', 'acme widgets', 1],
  ])('%s / %s = %d', (a, b, want) => {
    expect(nameSimilarity(a, b)).toBeCloseTo(want, 4);
  });
});

describe('normaliseTaxId', () => {
  it.each([
    ['DE 123.456.789', 'DE', '123456789'],
    ['de123456789', 'de', '123456789'],
    ['123-456-789', null, '123456789'],
    ['DE123456789', 'FR', 'DE123456789'],
    ['gb 999 9999 73', 'US', 'GB999999973'],
  ])('%s in %s → %s', (value, country, want) => {
    expect(normaliseTaxId(value, country)).toBe(want);
  });
});

describe('findDuplicateCustomers', () => {
  const cases: {
    name: string;
    rows: Row[];
    threshold?: number;
    want: { a: string; b: string; score: number; reasons: DuplicateReason[] }[];
  }[] = [
    {
      name: 'legal form and case do not make two companies: same normalised name "acme"',
      rows: [
        ['c1', 'Acme Corp'],
        ['c2', 'ACME Corporation'],
      ],
      want: [{ a: 'c1', b: 'c2', score: 1, reasons: ['same_normalised_name'] }],
    },
    {
      name: 'a one-letter typo in a short name is similar (0.8578 ≥ 0.85)',
      rows: [
        ['c1', 'Globex'],
        ['c2', 'Glebex Inc'],
      ],
      want: [{ a: 'c1', b: 'c2', score: 0.8578, reasons: ['similar_name'] }],
    },
    {
      name: 'the same typo is not enough under a stricter threshold',
      rows: [
        ['c1', 'Globex'],
        ['c2', 'Glebex'],
      ],
      threshold: 0.9,
      want: [],
    },
    {
      name: 'different companies are not matched',
      rows: [
        ['c1', 'Initech'],
        ['c2', 'Globex'],
        ['c3', 'Acme'],
        ['c4', 'Apex'],
        ['c5', 'Bank of America'],
        ['c6', 'Bank of China'],
      ],
      want: [],
    },
    {
      name: 'an adjacent swap is found: "initech" / "intiech", m=7, t=1: J = (1 + 1 + 6/7)/3 = 0.9524; prefix 2: + 0.2 × 0.0476',
      rows: [
        ['c2', 'Intiech LLC'],
        ['c1', 'Initech'],
      ],
      want: [{ a: 'c1', b: 'c2', score: 0.9619, reasons: ['similar_name'] }],
    },
    {
      name: 'a web address and an e-mail address name the same domain',
      rows: [
        ['c1', 'Umbrella', { domain: 'https://www.Umbrella.com/contact' }],
        ['c2', 'Tyco', { domain: 'sales@umbrella.com' }],
      ],
      // no letter in common: similarity 0
      want: [{ a: 'c1', b: 'c2', score: 0, reasons: ['same_domain'] }],
    },
    {
      name: 'tax ids match without spaces, dots or the country prefix, where the names alone fall short (0.8367)',
      rows: [
        ['c1', 'Stark Industries', { taxId: 'DE 123.456.789', country: 'DE' }],
        ['c2', 'Stark Ind.', { taxId: '123456789', country: 'de' }],
      ],
      want: [{ a: 'c1', b: 'c2', score: 0.8367, reasons: ['same_tax_id'] }],
    },
    {
      name: 'placeholder tax ids and mailbox domains are no evidence',
      rows: [
        ['c1', 'Hooli', { taxId: '000-000-000', domain: 'gmail.com' }],
        ['c2', 'Vandelay', { taxId: '0000 0000 0', domain: 'someone@gmail.com' }],
        ['c3', 'Wonka', { taxId: 'N/A', domain: 'localhost' }],
        ['c4', 'Soylent', { taxId: 'n.a.', domain: 'localhost' }],
      ],
      want: [],
    },
    {
      name: 'a similar name counts only inside one country; the same name counts across countries',
      rows: [
        ['c1', 'Globex', { country: 'US' }],
        ['c2', 'Glebex', { country: 'DE' }],
        ['c3', 'Hooli GmbH', { country: 'DE' }],
        ['c4', 'Hooli Inc', { country: 'US' }],
        ['c5', 'Glebex', { country: null }],
      ],
      want: [
        { a: 'c1', b: 'c5', score: 0.8578, reasons: ['similar_name'] },
        { a: 'c2', b: 'c5', score: 1, reasons: ['same_normalised_name'] },
        { a: 'c3', b: 'c4', score: 1, reasons: ['same_normalised_name'] },
      ],
    },
  ];

  it.each(cases)('$name', ({ rows, threshold, want }) => {
    expect(
      pairsOf(rows, threshold === undefined ? {} : { threshold }).sort((x, y) => x.a.localeCompare(y.a) || x.b.localeCompare(y.b)),
    ).toEqual(want);
  });

  it('groups transitively connected pairs into one cluster, largest first', () => {
    const report = findDuplicateCustomers(
      customers([
        ['c1', 'Globex'],
        ['c2', 'Glebex', { domain: 'glebex.io' }],
        ['c3', 'Northwind', { domain: 'www.glebex.io' }],
        ['c4', 'Contoso Ltd'],
        ['c5', 'Contoso Limited'],
        ['c6', 'Initech'],
      ]),
    );
    expect(report.clusters.map((c) => c.customers.map((x) => x.id))).toEqual([
      ['c1', 'c2', 'c3'],
      ['c4', 'c5'],
    ]);
    // c1 and c3 are in one cluster through c2, but no evidence links them directly.
    expect(report.clusters[0]?.pairs.map((p) => [p.a, p.b, p.reasons])).toEqual([
      ['c1', 'c2', ['similar_name']],
      ['c2', 'c3', ['same_domain']],
    ]);
  });

  it('reports a value shared by more customers than maxGroupSize instead of pairing them', () => {
    const report = findDuplicateCustomers(
      customers([
        ['c1', 'Hooli', { taxId: 'TAX-0001' }],
        ['c2', 'Vandelay', { taxId: 'tax 0001' }],
        ['c3', 'Wonka', { taxId: 'TAX0001' }],
        ['c4', 'Soylent', { taxId: 'TAX0002' }],
        ['c5', 'Initech', { taxId: 'TAX0002' }],
      ]),
      { maxGroupSize: 2 },
    );
    expect(report.oversizedKeys).toEqual([{ reason: 'same_tax_id', value: 'TAX0001', customers: 3 }]);
    expect(report.clusters.flatMap((c) => c.pairs).map((p) => [p.a, p.b, p.reasons])).toEqual([['c4', 'c5', ['same_tax_id']]]);
  });

  it.each([0, -0.1, 1.5, Number.NaN])('refuses threshold %d', (threshold) => {
    expect(() => findDuplicateCustomers([], { threshold })).toThrow(DomainError);
  });

  it('refuses a customer listed twice', () => {
    expect(() =>
      findDuplicateCustomers(
        customers([
          ['c1', 'Acme'],
          ['c1', 'Acme'],
        ]),
      ),
    ).toThrow(/c1 is listed twice/);
  });

  it('compares only blocked candidates: 20,000 customers cost a tiny share of the 200 million possible pairs', () => {
    // Deterministic made-up names of 2–4 syllables, one or two words, with planted near-duplicates.
    let seed = 7;
    const rnd = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const syllables = [...'bcdfghjklmnprstvz'].flatMap((c) => [...'aeiou'].map((v) => c + v));
    const word = () => Array.from({ length: 3 + Math.floor(rnd() * 2) }, () => syllables[Math.floor(rnd() * syllables.length)]).join('');
    const common = ['systems', 'solutions', 'global', 'services', 'logistics'];
    const rows: Row[] = Array.from({ length: 20_000 }, (_, i) => {
      const name = rnd() < 0.5 ? word() : `${word()} ${rnd() < 0.5 ? common[Math.floor(rnd() * common.length)] : word()}`;
      return [`c${String(i).padStart(5, '0')}`, name];
    });
    rows.push(
      ['planted-1', 'Zorbatronix Systems'],
      ['planted-2', 'Zorbatronics Systems'],
      ['planted-3', 'Qwixelbrand'],
      ['planted-4', 'Qwixlebrand'],
    );
    const report = findDuplicateCustomers(customers(rows));
    expect(report.comparisons).toBeLessThan((20_000 * 20_000) / 2 / 1000);
    const planted = report.clusters.flatMap((c) => c.pairs).filter((p) => p.a.startsWith('planted'));
    expect(planted.map((p) => [p.a, p.b])).toEqual([
      ['planted-1', 'planted-2'],
      ['planted-3', 'planted-4'],
    ]);
  });
});
