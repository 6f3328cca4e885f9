import { describe, expect, it } from 'vitest';
import type { Recipient } from '../order.ts';
import { listAbbreviationTables } from './abbreviations.ts';
import { cleanAddress } from './clean.ts';
import { expandAbbreviations } from './expand.ts';
import { normalizePostcode } from './postcode-formats.ts';
import { decodeEntities, normalizeUnicode } from './text.ts';

const base: Recipient = {
  name: 'Avery Lindqvist',
  phone: '+1 212 555 0147',
  addressLines: ['350 5th Ave'],
  city: 'New York',
  region: 'NY',
  postalCode: '10118',
  country: 'US',
};

describe('decodeEntities', () => {
  it('decodes named, decimal and hex references, repeatedly', () => {
    expect(decodeEntities('Tom &amp; Jerry')).toBe('Tom & Jerry');
    expect(decodeEntities('O&#39;Farrell &#x27;n&quot;')).toBe("O'Farrell 'n\"");
    expect(decodeEntities('A &amp;amp;amp; B')).toBe('A & B');
  });

  it('leaves text that only looks like an entity', () => {
    for (const text of ['AT&T', 'R&D dept', '&unknown;', '&#0;', '&#xD800;', '&amp'])
      expect(decodeEntities(text)).toBe(text);
  });
});

describe('normalizeUnicode', () => {
  it('maps fullwidth ASCII and ideographic spaces, and composes accents', () => {
    expect(normalizeUnicode('１２３\u3000Ｍａｉｎ－Ｓｔ')).toBe('123 Main-St');
    expect(normalizeUnicode('Cafe\u0301\u200b')).toBe('Café');
    expect(normalizeUnicode('丸の内')).toBe('丸の内');
  });
});

describe('expandAbbreviations', () => {
  const cases: Array<[string, string, string]> = [
    ['US', '123 N Main St Apt 4B', '123 North Main Street Apartment 4B'],
    ['US', '12 St Marks Pl', '12 St Marks Place'],
    ['US', 'St. Louis Ave', 'St. Louis Avenue'],
    ['US', '1 Dr Martin Luther King Jr Blvd', '1 Dr Martin Luther King Jr Boulevard'],
    ['US', '1200 N St NW', '1200 N Street NW'],
    ['US', '500 W 42nd St', '500 West 42nd Street'],
    ['US', 'Unit E, 5 Oak Ct', 'Unit E, 5 Oak Court'],
    ['US', '123 MAIN ST APT 5', '123 MAIN STREET APARTMENT 5'],
    ['US', '123 Main St APT 5', '123 Main Street APARTMENT 5'],
    ['US', '9 elm st apt 2', '9 elm street apartment 2'],
    ['US', '2nd Fl', '2nd Floor'],
    ['CA', '150 Rue Ste Catherine', '150 Rue Ste Catherine'],
    ['CA', '400 Bay St Ste 200', '400 Bay Street Suite 200'],
    ['GB', '12 St Johns Rd', '12 St Johns Road'],
    ['GB', 'Box Hill Gdns', 'Box Hill Gardens'],
    ['IE', '12 Baggot St Upper', '12 Baggot Street Upper'],
    ['DE', 'Hauptstr. 5', 'Hauptstraße 5'],
    ['DE', 'Berliner Str 5', 'Berliner Str 5'],
    ['FR', '12 Av. Foch', '12 Avenue Foch'],
    ['ES', 'C/ Mayor 5', 'Calle Mayor 5'],
    ['BR', 'R. Augusta, 1500', 'Rua Augusta, 1500'],
    ['SG', '1 Raffles Pl', '1 Raffles Pl'],
  ];
  it.each(cases)('%s: %s', (country, line, expected) => {
    expect(expandAbbreviations(line, country)).toBe(expected);
  });

  it('only ever adds letters: each full form contains its abbreviation in order', () => {
    for (const [, t] of listAbbreviationTables()) {
      for (const m of [t.suffix, t.prefix, t.unit, t.directionals]) {
        for (const [short, full] of Object.entries(m)) {
          const pattern = new RegExp(
            [...short.normalize('NFKD').replace(/[^\p{L}]/gu, '')].join('.*'),
            'iu',
          );
          expect(full.normalize('NFKD'), `${short} → ${full}`).toMatch(pattern);
        }
      }
    }
  });
});

describe('normalizePostcode', () => {
  it.each([
    ['GB', 'sw1a1aa', 'SW1A 1AA'],
    ['GB', 'ec1a 1bb', 'EC1A 1BB'],
    ['CA', 'm5v2t6', 'M5V 2T6'],
    ['NL', '1012ab', '1012 AB'],
    ['IE', 'd02x285', 'D02 X285'],
    ['JP', '〒1000005', '100-0005'],
    ['BR', '01310100', '01310-100'],
    ['US', '100051905', '10005-1905'],
    ['US', 'm5v2t6', 'M5V2T6'],
  ])('%s %s → %s', (country, raw, expected) => {
    expect(normalizePostcode(raw, country)).toBe(expected);
  });
});

describe('cleanAddress (R-CHK-4)', () => {
  it('cleans every field and logs each change with its kind', () => {
    const r: Recipient = {
      ...base,
      name: ' Tom &amp;amp; Jerry ',
      phone: '(+1) 212-555-0147',
      addressLines: ['１２３ Ｍａｉｎ Ｓｔ', '', 'Apt 4'],
      postalCode: '１０１１８',
    };
    const { address, original, changes } = cleanAddress(r);
    expect(address).toEqual({
      ...base,
      name: 'Tom & Jerry',
      addressLines: ['123 Main Street', 'Apartment 4'],
      phone: '+12125550147',
    });
    expect(original).toEqual(r);
    expect(original.addressLines).not.toBe(r.addressLines);
    expect(changes.map((c) => `${c.field}:${c.kind}`)).toEqual([
      'name:entity',
      'name:whitespace',
      'addressLines[0]:unicode',
      'addressLines[0]:abbreviation',
      'addressLines[2]:abbreviation',
      'addressLines:whitespace',
      'postalCode:unicode',
      'phone:phone',
    ]);
  });

  it('keeps a phone without a country code as typed, for R-CHK-2 to hold', () => {
    expect(cleanAddress({ ...base, phone: '212-555-0147' }).address.phone).toBe('212-555-0147');
  });

  it('splits a line over 120 characters at a comma and records it', () => {
    const long = `Riverside Commerce Center Building 12 Loading Dock 7, ${'Receiving Office '.repeat(5).trim()}, Attn Returns`;
    const { address, changes } = cleanAddress({ ...base, addressLines: [long] });
    expect(long.length).toBeGreaterThan(120);
    expect(address.addressLines.every((l) => l.length <= 120)).toBe(true);
    expect(address.addressLines).toHaveLength(2);
    expect(changes.some((c) => c.kind === 'split')).toBe(true);
  });

  it('leaves a clean address alone', () => {
    const clean = { ...base, addressLines: ['350 5th Avenue'], phone: '+12125550147' };
    expect(cleanAddress(clean).changes).toEqual([]);
  });
});
