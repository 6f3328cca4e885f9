// libphonenumber-js keeps every country's calling code and number lengths up to date with the
// numbering plans; its `min` metadata holds exactly that. `max` adds per-type patterns (mobile,
// fixed line, toll-free) that no check here reads, at about twice the size.
import {
  getCountryCallingCode,
  isSupportedCountry,
  type PhoneNumber,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/min';

// "+", "00" or "(+…)" before the country code, as marketplaces and buyers write it.
const INTERNATIONAL = /^\(?\s*(?:\+|00)/;
const SEPARATORS = /[\s().-]/g;
// E.164: at most 15 digits, country code first, never a leading 0.
const E164_DIGITS = /^[1-9]\d{6,14}$/;

// Parsing is what a phone check costs (about 9 µs), and one order's phone is read several times
// on its way (mapping, cleaning, compliance): recent parses are kept. A parse depends on its
// input alone, so keeping one changes no answer; the bound keeps the memory flat.
const PARSED_KEPT = 4096;
const parsed = new Map<string, PhoneNumber | undefined>();

function parseE164(e164: string): PhoneNumber | undefined {
  if (parsed.has(e164)) return parsed.get(e164);
  if (parsed.size >= PARSED_KEPT) parsed.clear();
  const p = parsePhoneNumberFromString(e164);
  parsed.set(e164, p);
  return p;
}

/**
 * R-CHK-2: phones carry a country code. Marketplaces write them as "(+1)2015550123" or
 * "+44 7700 900123"; suppliers need E.164 ("+12015550123"). Returns null when no known country
 * code can be seen, so the caller can hold the order instead of guessing. A "(0)" trunk
 * prefix written after the country code is dropped, as dialling from abroad does.
 * @example toE164('+44 (0)20 7946 0958') // '+442079460958'
 */
export function toE164(phone: string): string | null {
  const trimmed = phone.trim();
  const plus = INTERNATIONAL.exec(trimmed);
  if (!plus) return null;
  // Checked here, not left to the library: it reads letters as an extension ("x3") or as a
  // vanity number, and a buyer's phone is neither.
  const digits = trimmed.slice(plus[0].length).replace(SEPARATORS, '');
  if (!E164_DIGITS.test(digits)) return null;
  return parseE164(`+${digits}`)?.number ?? null;
}

/** How an E.164 phone fits the destination country. */
export type PhoneVerdict =
  | { kind: 'ok' }
  | { kind: 'unknown-country' }
  | { kind: 'wrong-length'; callingCode: string }
  | { kind: 'other-country'; expected: string };

/**
 * Compares an E.164 phone ("+12015550123") with the destination (R-CHK-2): carriers call the
 * buyer on delivery problems, so the number must be reachable there; a "+86" seller phone on
 * a US order is a real, common slip. A number under the destination's calling code whose
 * length no number there has is `wrong-length`; one under another calling code is
 * `other-country` (countries sharing a code, as the US and Canada share +1, match).
 *
 * Only the length is judged, not whether the range is allocated: an unallocated number is the
 * carrier's to find, while a hold on a newly opened range would stop a good order until the
 * library caught up.
 */
export function matchPhoneToCountry(e164: string, country: string): PhoneVerdict {
  if (!isSupportedCountry(country)) return { kind: 'unknown-country' };
  const expected = getCountryCallingCode(country);
  const phone = parseE164(e164);
  if (phone?.countryCallingCode !== expected) return { kind: 'other-country', expected };
  return phone.isPossible() ? { kind: 'ok' } : { kind: 'wrong-length', callingCode: expected };
}
