import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Recipient } from '../order.ts';
import { type AddressChange, cleanAddress } from './clean.ts';
import { checkAddressCompliance } from './compliance.ts';
import { ADDRESS_HOLD_CODES } from './hold-text.ts';
import { ENTITY_PATTERN } from './text.ts';

/** Words that exercise every cleaning rule. */
// biome-ignore format: a word list reads best packed
const WORDS = [
  'St', 'St.', 'ST', 'st', 'Ave', 'Apt', 'APT', 'Ste', 'Dr', 'N', 'SW', 'W.', 'Main', 'Johns',
  'Louis', 'Upper', 'Box', 'PO', 'PMB', 'Rd', 'Hauptstr.', 'Av.', 'C/', 'Col.', 'Jln', 'Brgy',
  'Blk', 'Bât.', 'Int.', 'No.', '12', '4B', '#5', '42nd', 'B', ',', '&amp;', '&amp;amp;',
  '&#39;', '&#x27;', '&#65297;', 'e&#769;', '&#0;', '&#xD800;', '＆amp；', '１２３', 'Ｍａｉｎ',
  '\u3000', '\u00a0', '\t', '\n', '\u200b', '\ufeff', 'straße', 'ß', 'é', 'e\u0301', 'ΐ',
  '丸の内', '〒', 'x'.repeat(40),
];
/** Rule-triggering words, mixed with arbitrary Unicode. */
const TOKEN = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);
const SEPARATOR = fc.constantFrom(' ', ' ', ' ', '', ', ', '  ');
const TEXT = fc
  .array(fc.tuple(TOKEN, SEPARATOR), { maxLength: 40 })
  .map((parts) => parts.map(([t, s]) => t + s).join(''));

/** Long enough to need splitting across lines (R-CHK-2: at most 120 characters a line). */
const LONG_TEXT = fc
  .array(fc.tuple(TOKEN, SEPARATOR), { minLength: 20, maxLength: 70 })
  .map((parts) => parts.map(([t, s]) => t + s).join(''));

const RECIPIENT: fc.Arbitrary<Recipient> = fc.record({
  name: TEXT,
  phone: fc.oneof(
    fc.constantFrom('+1 (212) 555-0147', '0044 20 7946 0958', '(+1)2015550123', '2125550147', ''),
    TEXT,
  ),
  addressLines: fc.array(fc.oneof(TEXT, LONG_TEXT), { maxLength: 4 }),
  city: TEXT,
  region: fc.oneof(fc.constantFrom('NY', 'ca', 'Ontario', 'AE', ''), TEXT),
  postalCode: fc.oneof(
    fc.constantFrom('sw1a1aa', 'm5v2t6', '1000001', '01310100', '123456789', 'd02x285', '1012ab'),
    fc.constantFrom('〒１００－０００５', ' 10001 ', 'ß1'),
    TEXT,
  ),
  country: fc.constantFrom(
    'US',
    'CA',
    'GB',
    'IE',
    'MX',
    'ES',
    'BR',
    'FR',
    'IT',
    'DE',
    'MY',
    'ID',
    'PH',
    'JP',
    'SG',
    'NL',
    'TH',
    'VN',
    'XX',
    '',
    'us',
    ' gb ',
  ),
});

/** Case-folded letters and digits: what a reader must still find after cleaning. */
function letters(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const folded = text.normalize('NFKD').toUpperCase().toLowerCase();
  for (const ch of folded.match(/[\p{L}\p{N}]/gu) ?? []) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

function isContained(inner: Map<string, number>, outer: Map<string, number>): boolean {
  for (const [ch, n] of inner) if ((outer.get(ch) ?? 0) < n) return false;
  return true;
}

const digitsOf = (text: string) => text.replace(/\D/g, '');

/**
 * The text of every HTML reference in `text`, peeling nested ones ("&amp;amp;" is "&amp;"
 * then "amp;"): the only letters an entity change may remove.
 */
function referenceText(text: string): string {
  let rest = text;
  let removed = '';
  for (let pass = 0; pass < 64; pass++) {
    const next = rest.replace(ENTITY_PATTERN, (ref) => {
      removed += ref;
      return '&';
    });
    if (next === rest) break;
    rest = next;
  }
  return removed;
}

function addCounts(a: Map<string, number>, b: Map<string, number>): Map<string, number> {
  const sum = new Map(a);
  for (const [ch, n] of b) sum.set(ch, (sum.get(ch) ?? 0) + n);
  return sum;
}

/** Per kind, what a change may remove: entity syntax and an international "00" prefix only. */
function keepsInformation(c: AddressChange): boolean {
  switch (c.kind) {
    case 'entity':
      return isContained(letters(c.from), addCounts(letters(c.to), letters(referenceText(c.from))));
    case 'phone':
      return digitsOf(c.from).replace(/^00/, '') === digitsOf(c.to);
    default:
      return isContained(letters(c.from), letters(c.to));
  }
}

/** Each field's changes must lead from its original value to its cleaned value, step by step. */
function replayChain(field: string, start: string, changes: readonly AddressChange[]): string {
  let value = start;
  for (const c of changes) {
    if (c.field !== field) continue;
    expect(c.from).toBe(value);
    value = c.to;
  }
  return value;
}

const RUNS = { numRuns: 2000 };

describe('cleanAddress properties (R-CHK-4)', () => {
  it('is idempotent: a cleaned address cleans to itself with no changes', () => {
    fc.assert(
      fc.property(RECIPIENT, (r) => {
        const once = cleanAddress(r);
        const twice = cleanAddress(once.address);
        expect(twice.address).toEqual(once.address);
        expect(twice.changes).toEqual([]);
      }),
      RUNS,
    );
  });

  it('never drops information: every change keeps the letters and digits it was given', () => {
    fc.assert(
      fc.property(RECIPIENT, (r) => {
        for (const c of cleanAddress(r).changes)
          expect(keepsInformation(c), JSON.stringify(c)).toBe(true);
      }),
      RUNS,
    );
  });

  it('explains every difference: changes chain each field from original to cleaned', () => {
    fc.assert(
      fc.property(RECIPIENT, (r) => {
        const { address, original, changes } = cleanAddress(r);
        expect(original).toEqual(r);
        for (const f of ['name', 'phone', 'city', 'region', 'postalCode', 'country'] as const) {
          expect(replayChain(f, r[f], changes)).toBe(address[f]);
        }
        const perLine = r.addressLines.map((line, i) =>
          replayChain(`addressLines[${i}]`, line, changes),
        );
        expect(replayChain('addressLines', perLine.join('\n'), changes)).toBe(
          address.addressLines.join('\n'),
        );
      }),
      RUNS,
    );
  });
});

describe('checkAddressCompliance properties (R-CHK-2)', () => {
  it('every hold has a known code, the rule, both messages and a fix', () => {
    fc.assert(
      fc.property(RECIPIENT, (r) => {
        for (const h of checkAddressCompliance(r)) {
          expect(ADDRESS_HOLD_CODES).toContain(h.code);
          expect(h.rule).toBe('R-CHK-2');
          for (const text of [h.message, h.messageZh, h.fix]) expect(text.trim()).not.toBe('');
        }
      }),
      RUNS,
    );
  });

  it('gives the same verdict for the raw and the cleaned address', () => {
    fc.assert(
      fc.property(RECIPIENT, (r) => {
        expect(checkAddressCompliance(cleanAddress(r).address)).toEqual(checkAddressCompliance(r));
      }),
      RUNS,
    );
  });
});
