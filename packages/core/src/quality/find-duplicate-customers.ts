/**
 * Duplicate customers are proposed on evidence a person can check: the same
 * tax id, web domain or normalised name, or normalised names whose similarity
 * (Jaro-Winkler, minding the words that differ) reaches a threshold.
 * Candidates for the fuzzy test come from blocking keys (the name's
 * one-character deletions, its words, the beginnings and endings of its longer
 * words), never from comparing every customer with every other, so 100k
 * customers cost a few hundred thousand comparisons, not five billion. A
 * shared value too common to be evidence (a placeholder tax id) is reported,
 * not expanded into pairs. Nothing here merges anything.
 */
import { DomainError } from '../domain/domain-error';
import { normaliseDomain } from '../domain/normalise-company-name';

export interface CustomerForMatching {
  id: string;
  name: string;
  normalisedName: string;
  domain: string | null;
  taxId: string | null;
  country: string | null;
}

export type ExactDuplicateReason = 'same_tax_id' | 'same_domain' | 'same_normalised_name';
export type DuplicateReason = ExactDuplicateReason | 'similar_name';

/** Strongest evidence first; reasons are listed in this order. */
export const DUPLICATE_REASONS: readonly DuplicateReason[] = ['same_tax_id', 'same_domain', 'same_normalised_name', 'similar_name'];

export interface DuplicatePair {
  /** The smaller id of the two (code-unit order). */
  a: string;
  b: string;
  /** nameSimilarity of the normalised names, 0–1, rounded to 4 places. */
  score: number;
  reasons: DuplicateReason[];
}

/** Customers connected by candidate pairs, directly or through one another. */
export interface DuplicateCluster {
  /** Sorted by id. */
  customers: CustomerForMatching[];
  /** Sorted by (a, b). */
  pairs: DuplicatePair[];
}

/** A value shared by so many customers that it is a placeholder, not evidence. */
export interface OversizedKey {
  reason: ExactDuplicateReason;
  value: string;
  customers: number;
}

export interface DuplicateReport {
  /** Largest first, then by first id. */
  clusters: DuplicateCluster[];
  oversizedKeys: OversizedKey[];
  /** Name similarities computed for fuzzy candidates (the cost that blocking keeps small). */
  comparisons: number;
}

export interface FindDuplicateOptions {
  /** Minimum name similarity for `similar_name`, in (0, 1]. Default 0.85. */
  threshold?: number;
  /** A tax id, domain or name shared by more customers than this is reported in oversizedKeys, not paired. Default 50. */
  maxGroupSize?: number;
}

/**
 * One substitution in a six-letter name ("globex" / "glebex") scores 0.858, so
 * 0.9 would miss the commonest typo in short names.
 */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.85;
const DEFAULT_MAX_GROUP = 50;
/** A blocking key shared by more names than this is too common to narrow anything down (a word like "systems"). */
const MAX_BLOCK = 100;
const MIN_TAX_ID_LENGTH = 4;
/** Mailbox providers: a shared one says nothing about two customers being one company. */
const PUBLIC_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'proton.me',
  'protonmail.com',
  'yandex.ru',
  'mail.ru',
  'qq.com',
  '163.com',
]);

/** Tax ids compared without spaces, punctuation or case, and without a leading code of the customer's own country ("de 123.456.789" in DE → "123456789"). */
export function normaliseTaxId(value: string, country: string | null = null): string {
  const v = value.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const cc = country?.trim().toUpperCase() ?? '';
  return cc.length === 2 && v.startsWith(cc) && /^[0-9]/.test(v.slice(2)) ? v.slice(2) : v;
}

function taxKey(c: CustomerForMatching): string | null {
  if (!c.taxId) return null;
  const v = normaliseTaxId(c.taxId, c.country);
  // "0000", "XXXXX", "N/A": placeholders for a missing value.
  if (v.length < MIN_TAX_ID_LENGTH || /^(.)\1*$/.test(v)) return null;
  return v;
}

function domainKey(c: CustomerForMatching): string | null {
  if (!c.domain) return null;
  const v = normaliseDomain(c.domain);
  return v.includes('.') && !PUBLIC_MAIL_DOMAINS.has(v) ? v : null;
}

function countryKey(c: CustomerForMatching): string | null {
  const v = c.country?.trim().toUpperCase() ?? '';
  return v === '' ? null : v;
}

/**
 * Jaro-Winkler similarity (Winkler 1990): 1 for equal strings, 0 for nothing
 * in common; a shared prefix of up to 4 characters lifts scores above 0.7.
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const aHit = new Uint8Array(la);
  const bHit = new Uint8Array(lb);
  let m = 0;
  for (let i = 0; i < la; i++) {
    const hi = Math.min(lb - 1, i + window);
    for (let j = Math.max(0, i - window); j <= hi; j++) {
      if (bHit[j] === 0 && a.charCodeAt(i) === b.charCodeAt(j)) {
        aHit[i] = 1;
        bHit[j] = 1;
        m++;
        break;
      }
    }
  }
  if (m === 0) return 0;
  let halfTranspositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (aHit[i] === 0) continue;
    while (bHit[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) halfTranspositions++;
    k++;
  }
  const jaro = (m / la + m / lb + (m - halfTranspositions / 2) / m) / 3;
  if (jaro <= 0.7) return jaro;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * How alike two normalised names are, 0–1: their Jaro-Winkler similarity, or,
 * when they share words, the lower of that and the similarity of the words
 * they do not share, so a long common prefix ("bank of america" / "bank of
 * china": 0.90 on the whole names) does not outweigh the word that differs.
 */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const whole = jaroWinkler(a, b);
  const wordsA = a.split(' ');
  const wordsB = b.split(' ');
  const restA = wordsA.filter((w) => !wordsB.includes(w));
  const restB = wordsB.filter((w) => !wordsA.includes(w));
  if (restA.length === wordsA.length && restB.length === wordsB.length) return whole;
  if (restA.length === 0 && restB.length === 0) return 1;
  if (restA.length === 0 || restB.length === 0) return whole;
  return Math.min(whole, jaroWinkler(restA.join(' '), restB.join(' ')));
}

/** FNV-1a over `s` without the character at `skip` (-1 for none), after a one-character tag. */
function hashKey(tag: number, s: string, skip: number): number {
  let h = Math.imul(0x811c9dc5 ^ tag, 0x01000193);
  for (let i = 0; i < s.length; i++) {
    if (i === skip) continue;
    h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

const TAG_DELETION = 1;
const TAG_WORD = 2;
const TAG_PREFIX = 3;
const TAG_SUFFIX = 4;
/** Length of the word beginnings and endings used as keys: long enough to be rare, short enough to survive a typo at the other end. */
const AFFIX = 5;

/**
 * Calls `visit(x, y)` for every pair of names sharing a blocking key: the name
 * itself or one of its one-character deletions (so any two names one
 * insertion, deletion, substitution or adjacent swap apart meet); a word of 3+
 * characters of a name of several words; or the first or last five letters of
 * a longer word (so "zorbatronix" meets "zorbatronics"). Keys shared by more
 * than MAX_BLOCK names are common words and narrow nothing down; they are
 * skipped. Keys are hashed and sorted in one typed array; a hash collision
 * only adds a candidate, which the similarity test then rejects.
 */
function forEachCandidatePair(names: readonly string[], visit: (i: number, j: number) => void): void {
  const n = names.length;
  const indexBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const hashSpace = 2 ** Math.min(32, 53 - indexBits);
  const keys: number[] = [];
  names.forEach((name, i) => {
    if (name === '') return;
    const own = new Set<number>();
    for (let skip = -1; skip < name.length; skip++) own.add(hashKey(TAG_DELETION, name, skip));
    const words = name.split(' ');
    for (const w of words) {
      if (words.length > 1 && w.length >= 3) own.add(hashKey(TAG_WORD, w, -1));
      if (w.length > AFFIX) {
        own.add(hashKey(TAG_PREFIX, w.slice(0, AFFIX), -1));
        own.add(hashKey(TAG_SUFFIX, w.slice(-AFFIX), -1));
      }
    }
    for (const h of own) keys.push((h % hashSpace) * 2 ** indexBits + i);
  });
  const sorted = Float64Array.from(keys).sort();
  const indexSpace = 2 ** indexBits;
  let start = 0;
  while (start < sorted.length) {
    const block = Math.floor((sorted[start] as number) / indexSpace);
    let end = start + 1;
    while (end < sorted.length && Math.floor((sorted[end] as number) / indexSpace) === block) end++;
    if (end - start > 1 && end - start <= MAX_BLOCK) {
      for (let x = start; x < end; x++) {
        for (let y = x + 1; y < end; y++) visit((sorted[x] as number) % indexSpace, (sorted[y] as number) % indexSpace);
      }
    }
    start = end;
  }
}

class DisjointSets {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] as number;
    let x = i;
    while (this.parent[x] !== root) {
      const next = this.parent[x] as number;
      this.parent[x] = root;
      x = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/** Candidate duplicate customers, grouped into clusters of transitively connected pairs. */
export function findDuplicateCustomers(customers: readonly CustomerForMatching[], options: FindDuplicateOptions = {}): DuplicateReport {
  const threshold = options.threshold ?? DEFAULT_DUPLICATE_THRESHOLD;
  const maxGroup = options.maxGroupSize ?? DEFAULT_MAX_GROUP;
  if (!(threshold > 0 && threshold <= 1))
    throw new DomainError('invalid_input', `threshold must be above 0 and at most 1, not ${threshold}`);
  if (!(Number.isInteger(maxGroup) && maxGroup >= 2))
    throw new DomainError('invalid_input', `maxGroupSize must be an integer of at least 2`);

  const list = [...customers].sort(byId);
  list.forEach((c, i) => {
    if (i > 0 && list[i - 1]?.id === c.id) throw new DomainError('invalid_input', `customer ${c.id} is listed twice`);
  });
  const n = list.length;
  const names = list.map((c) => c.normalisedName.trim());
  const countries = list.map(countryKey);
  const pairs = new Map<number, { i: number; j: number; reasons: Set<DuplicateReason>; score: number }>();
  const pairAt = (i: number, j: number) => {
    const key = i * n + j;
    let p = pairs.get(key);
    if (!p) {
      p = { i, j, reasons: new Set(), score: nameSimilarity(names[i] as string, names[j] as string) };
      pairs.set(key, p);
    }
    return p;
  };

  const oversizedKeys: OversizedKey[] = [];
  const exact: [ExactDuplicateReason, (c: CustomerForMatching, i: number) => string | null][] = [
    ['same_tax_id', taxKey],
    ['same_domain', domainKey],
    ['same_normalised_name', (_, i) => names[i] || null],
  ];
  for (const [reason, keyOf] of exact) {
    const groups = new Map<string, number[]>();
    list.forEach((c, i) => {
      const k = keyOf(c, i);
      if (k === null) return;
      const g = groups.get(k);
      if (g) g.push(i);
      else groups.set(k, [i]);
    });
    for (const [value, members] of groups) {
      if (members.length < 2) continue;
      if (members.length > maxGroup) {
        oversizedKeys.push({ reason, value, customers: members.length });
        continue;
      }
      for (let x = 0; x < members.length; x++) {
        for (let y = x + 1; y < members.length; y++) pairAt(members[x] as number, members[y] as number).reasons.add(reason);
      }
    }
  }

  // A similar name counts only inside one country: across countries it is mostly noise.
  const sameMarket = (i: number, j: number) => countries[i] === null || countries[j] === null || countries[i] === countries[j];
  for (const p of pairs.values()) {
    if (p.score >= threshold && names[p.i] !== names[p.j] && sameMarket(p.i, p.j)) p.reasons.add('similar_name');
  }
  const compared = new Set<number>();
  forEachCandidatePair(names, (x, y) => {
    const i = Math.min(x, y);
    const j = Math.max(x, y);
    const key = i * n + j;
    if (compared.has(key) || pairs.has(key) || names[i] === names[j] || !sameMarket(i, j)) return;
    compared.add(key);
    const score = nameSimilarity(names[i] as string, names[j] as string);
    if (score >= threshold) pairAt(i, j).reasons.add('similar_name');
  });

  const sets = new DisjointSets(n);
  for (const p of pairs.values()) sets.union(p.i, p.j);
  const byRoot = new Map<number, { members: Set<number>; pairs: DuplicatePair[] }>();
  for (const p of [...pairs.values()].sort((x, y) => x.i - y.i || x.j - y.j)) {
    const root = sets.find(p.i);
    let c = byRoot.get(root);
    if (!c) {
      c = { members: new Set(), pairs: [] };
      byRoot.set(root, c);
    }
    c.members.add(p.i).add(p.j);
    c.pairs.push({
      a: (list[p.i] as CustomerForMatching).id,
      b: (list[p.j] as CustomerForMatching).id,
      score: Math.round(p.score * 10_000) / 10_000,
      reasons: DUPLICATE_REASONS.filter((r) => p.reasons.has(r)),
    });
  }
  const clusters = [...byRoot.values()]
    .map((c) => ({ customers: [...c.members].sort((x, y) => x - y).map((i) => list[i] as CustomerForMatching), pairs: c.pairs }))
    .sort(
      (x, y) =>
        y.customers.length - x.customers.length || byId(x.customers[0] as CustomerForMatching, y.customers[0] as CustomerForMatching),
    );
  oversizedKeys.sort((x, y) => y.customers - x.customers || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
  return { clusters, oversizedKeys, comparisons: compared.size };
}
