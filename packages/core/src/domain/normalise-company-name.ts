/**
 * Customer names are compared in a normalised form: case, accents, punctuation
 * and legal-form suffixes do not make two companies different.
 */
const LEGAL_FORMS = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'limited',
  'llc',
  'llp',
  'lp',
  'plc',
  'gmbh',
  'ag',
  'kg',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'oy',
  'ab',
  'as',
  'aps',
  'pty',
  'kk',
  'group',
  'holding',
  'holdings',
  'the',
]);

export function normaliseCompanyName(name: string): string {
  const tokens = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    // Dotted initials are one word: "S.A." is "sa", "L.L.C." is "llc".
    .replace(/\b[a-z](?:\.[a-z])+\b\.?/g, (initials) => initials.replace(/\./g, ''))
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((t) => t !== '');
  // Legal forms can be joined: "GmbH & Co. KG".
  let stripped = false;
  while (tokens.length > 1) {
    const last = tokens[tokens.length - 1] ?? '';
    if (!LEGAL_FORMS.has(last) && !(stripped && last === 'and')) break;
    tokens.pop();
    stripped = true;
  }
  while (tokens.length > 1 && tokens[0] === 'the') tokens.shift();
  return tokens.join(' ');
}

/** The registrable part of a web domain or e-mail address, lower-cased ("www.acme.com/" → "acme.com"). */
export function normaliseDomain(value: string): string {
  const v = value.trim().toLowerCase();
  const host = v.includes('@') ? v.slice(v.lastIndexOf('@') + 1) : (v.replace(/^[a-z]+:\/\//, '').split('/')[0] ?? '');
  return host.replace(/^www\./, '').replace(/\.$/, '');
}
