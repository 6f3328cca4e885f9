import type { Recipient } from '../order.ts';
import { toE164 } from '../phone.ts';
import { expandAbbreviations } from './expand.ts';
import { normalizePostcode } from './postcode-formats.ts';
import { splitLongLines } from './split.ts';
import { collapseWhitespace, decodeEntities, normalizeUnicode } from './text.ts';

/** What kind of normalization produced a change. */
export type AddressChangeKind =
  | 'entity'
  | 'whitespace'
  | 'unicode'
  | 'abbreviation'
  | 'postcode'
  | 'phone'
  | 'split';

/**
 * The field a change touched. `addressLines[i]` is a change to the i-th original line;
 * `addressLines` is a change to the list itself (empty lines dropped, long lines split),
 * with lines joined by "\n" in `from` and `to`.
 */
export type AddressField =
  | 'name'
  | 'phone'
  | 'city'
  | 'region'
  | 'postalCode'
  | 'country'
  | 'addressLines'
  | `addressLines[${number}]`;

/** One normalization step; per field, changes chain: each `from` is the previous `to`. */
export interface AddressChange {
  field: AddressField;
  from: string;
  to: string;
  kind: AddressChangeKind;
}

/** The cleaned recipient, an untouched copy of the original for audit, and every change. */
export interface CleanedAddress {
  address: Recipient;
  original: Recipient;
  changes: AddressChange[];
}

/** Bounds the unicode ↔ entity rounds; real text settles in one or two. */
const MAX_ROUNDS = 8;

/** Unicode, entity and whitespace steps for one field, logging each step that changed it. */
function cleanText(field: AddressField, value: string, changes: AddressChange[]): string {
  let text = value;
  // Decoding can produce fullwidth or decomposed characters ("&#65297;", "e&#769;"), and
  // halfwidth mapping can produce an entity ("＆amp；"): repeat until both are stable.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const unicode = normalizeUnicode(text);
    if (unicode !== text) changes.push({ field, from: text, to: unicode, kind: 'unicode' });
    const decoded = decodeEntities(unicode);
    text = decoded;
    if (decoded === unicode) break;
    changes.push({ field, from: unicode, to: decoded, kind: 'entity' });
  }
  const spaced = collapseWhitespace(text);
  if (spaced !== text) changes.push({ field, from: text, to: spaced, kind: 'whitespace' });
  return spaced;
}

function record(
  changes: AddressChange[],
  field: AddressField,
  from: string,
  to: string,
  kind: AddressChangeKind,
): string {
  if (to !== from) changes.push({ field, from, to, kind });
  return to;
}

function cleanLines(lines: readonly string[], country: string, changes: AddressChange[]) {
  const cleaned = lines.map((line, i) => {
    const field: AddressField = `addressLines[${i}]`;
    const text = cleanText(field, line, changes);
    return record(changes, field, text, expandAbbreviations(text, country), 'abbreviation');
  });
  const kept = cleaned.filter((line) => line !== '');
  if (kept.length !== cleaned.length) {
    record(changes, 'addressLines', cleaned.join('\n'), kept.join('\n'), 'whitespace');
  }
  const split = splitLongLines(kept, country);
  if (split !== kept) record(changes, 'addressLines', kept.join('\n'), split.join('\n'), 'split');
  return [...split];
}

/**
 * R-CHK-4: normalizes a recipient for suppliers and carriers. Decodes HTML entities, applies
 * NFC and fullwidth → ASCII, collapses whitespace, expands street and unit abbreviations by
 * country without touching names ("St. Louis", "St Johns Road"), formats postcodes, turns the
 * phone into E.164 when it carries a country code, and splits lines over 120 characters.
 *
 * Never guesses: a phone without a country code stays as typed, so R-CHK-2 can hold it.
 * Idempotent: cleaning a cleaned address changes nothing. Nothing is lost: `original` is a
 * copy of the input and `changes` chains each field from its original to its cleaned value.
 *
 * @example cleanAddress(r).address.addressLines // ['12 Main Street', 'Apartment 4']
 */
export function cleanAddress(r: Recipient): CleanedAddress {
  const changes: AddressChange[] = [];
  const country = cleanText('country', r.country, changes);
  const code = country.toUpperCase();
  const address: Recipient = {
    name: cleanText('name', r.name, changes),
    phone: '',
    addressLines: cleanLines(r.addressLines, code, changes),
    city: cleanText('city', r.city, changes),
    region: cleanText('region', r.region, changes),
    postalCode: '',
    country,
  };
  const postcode = cleanText('postalCode', r.postalCode, changes);
  address.postalCode = record(
    changes,
    'postalCode',
    postcode,
    normalizePostcode(postcode, code),
    'postcode',
  );
  const phone = cleanText('phone', r.phone, changes);
  address.phone = record(changes, 'phone', phone, toE164(phone) ?? phone, 'phone');
  const original: Recipient = { ...r, addressLines: [...r.addressLines] };
  return { address, original, changes };
}
