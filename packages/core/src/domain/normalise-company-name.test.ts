import { describe, expect, it } from 'vitest';
import { normaliseCompanyName, normaliseDomain } from './normalise-company-name';

describe('normaliseCompanyName', () => {
  it.each<[string, string]>([
    ['Northwind Manufacturing, Inc.', 'northwind manufacturing'],
    ['NORTHWIND MANUFACTURING INC', 'northwind manufacturing'], // case
    ['Müller Präzision GmbH', 'muller prazision'], // accents
    ['Société Générale S.A.', 'societe generale'], // accents and a dotted legal form
    ['Acme S.A.', 'acme'],
    ['Acme SA', 'acme'],
    ['Acme, L.L.C.', 'acme'],
    ['Acme N.V.', 'acme'],
    ['Ferrari S.p.A.', 'ferrari'],
    ['Acme Pty. Ltd.', 'acme'], // several legal forms
    ['Acme Holdings Group Ltd', 'acme'],
    ['Müller GmbH & Co. KG', 'muller'], // legal forms joined by "&"
    ['Smith & Co.', 'smith'],
    ['The Acme Company', 'acme'], // a leading "the"
    ['AT&T Inc.', 'at and t'], // "&" inside a name is a word
    ['Johnson & Johnson', 'johnson and johnson'],
    ['Procter & Gamble Co.', 'procter and gamble'],
    ['U.S. Steel Corp', 'us steel'], // initials are one word
    ['E.ON', 'e on'], // a dot inside a word is not initials
    ['Toys "R" Us, Inc.', 'toys r us'],
    ['3M Company', '3m'],
    ['  Acme   Widgets  ', 'acme widgets'], // blanks
    ['Group', 'group'], // a legal-form word alone is the name
    ['The Company', 'the'], // never empties a name
    ['', ''],
  ])('%j → %j', (name, normalised) => {
    expect(normaliseCompanyName(name)).toBe(normalised);
  });

  it('gives spellings of one company the same form', () => {
    const spellings = [
      'Müller Präzision GmbH',
      'Muller Prazision',
      'müller präzision gmbh.',
      'Müller-Präzision GmbH',
      'Müller Präzision GmbH & Co. KG',
    ];
    expect(new Set(spellings.map(normaliseCompanyName))).toEqual(new Set(['muller prazision']));
  });
});

describe('normaliseDomain', () => {
  it.each<[string, string]>([
    ['https://www.Acme.com/', 'acme.com'],
    ['http://acme.com/contact', 'acme.com'],
    ['WWW.ACME.COM.', 'acme.com'], // a trailing root dot
    ['sales@acme.co.uk', 'acme.co.uk'], // an e-mail address
    ['  acme.com  ', 'acme.com'],
    ['shop.acme.com', 'shop.acme.com'], // only "www." is dropped
  ])('%j → %j', (value, domain) => {
    expect(normaliseDomain(value)).toBe(domain);
  });
});
