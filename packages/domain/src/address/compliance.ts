import type { Hold } from '../holds.ts';
import type { Recipient } from '../order.ts';
import { matchPhoneToCountry, toE164 } from '../phone.ts';
import { type CleanedAddress, cleanAddress } from './clean.ts';
import {
  type AddressPart,
  holdLineTooLong,
  holdMilitary,
  holdMissingParts,
  holdPhoneCountry,
  holdPhoneInvalid,
  holdPoBox,
  holdPostcodeCountry,
  holdPostcodeInvalid,
  holdPostcodeRegion,
  holdRegionInvalid,
} from './hold-text.ts';
import { isPoBoxLine } from './po-box.ts';
import {
  findForeignPostcodeCountries,
  isPostcodeValid,
  knowsPostcodeFormat,
  postcodeExample,
  requiresPostcode,
} from './postcode-formats.ts';
import {
  findCaProvinces,
  findZipState,
  matchesCaProvince,
  resolveCaProvince,
  resolveUsState,
} from './regions.ts';
import { MAX_LINE_LENGTH } from './split.ts';

const MILITARY_CITY = /^(?:APO|FPO|DPO)\b/i;
const MILITARY_STATES = new Set(['AA', 'AE', 'AP']);
/** Singapore is a city-state: buyers often leave the city empty and that is deliverable. */
const CITY_OPTIONAL = new Set(['SG']);
const REGION_REQUIRED = new Set(['US', 'CA']);
const SHORT_ZIP = /^\d{3,4}$/;

function findMissingParts(a: Recipient, country: string): AddressPart[] {
  const missing: AddressPart[] = [];
  if (a.name === '') missing.push('name');
  if (!a.addressLines.some((line) => line !== '')) missing.push('street');
  if (a.city === '' && !CITY_OPTIONAL.has(country)) missing.push('city');
  if (a.region === '' && REGION_REQUIRED.has(country)) missing.push('region');
  if (a.postalCode === '' && requiresPostcode(country)) missing.push('postcode');
  if (country === '') missing.push('country');
  return missing;
}

function isMilitary(a: Recipient, country: string, state: string | null): boolean {
  if (country !== 'US') return false;
  if (MILITARY_CITY.test(a.city) || (state !== null && MILITARY_STATES.has(state))) return true;
  const owner = a.postalCode === '' ? null : findZipState(a.postalCode);
  return owner !== null && MILITARY_STATES.has(owner);
}

/** Postcode format, foreign format, and US state / CA province agreement. */
function checkPostcode(a: Recipient, country: string, holds: Hold[]): void {
  const postcode = a.postalCode;
  if (postcode === '' || !knowsPostcodeFormat(country)) return;
  if (!isPostcodeValid(postcode, country)) {
    const foreign = findForeignPostcodeCountries(postcode, country);
    if (foreign.length > 0) {
      holds.push(holdPostcodeCountry(country, foreign));
      return;
    }
    const hint =
      country === 'US' && SHORT_ZIP.test(postcode)
        ? ' A spreadsheet may have dropped its leading zeros.'
        : '';
    holds.push(holdPostcodeInvalid(country, postcodeExample(country), hint));
    return;
  }
  if (country === 'US') {
    const state = resolveUsState(a.region);
    const owner = findZipState(postcode);
    if (owner === null) holds.push(holdPostcodeInvalid(country, postcodeExample(country), ''));
    else if (state !== null && owner !== state) {
      holds.push(holdPostcodeRegion(postcode.slice(0, 3), owner, state));
    }
  } else if (country === 'CA') {
    const province = resolveCaProvince(a.region);
    if (province !== null && !matchesCaProvince(postcode, province)) {
      holds.push(holdPostcodeRegion(postcode.charAt(0), findCaProvinces(postcode), province));
    }
  }
}

function checkPhone(phone: string, country: string, holds: Hold[]): void {
  if (phone === '') {
    holds.push(holdPhoneInvalid('it is missing'));
    return;
  }
  const e164 = toE164(phone);
  if (e164 === null) {
    holds.push(holdPhoneInvalid('it has no country code or is not a phone number'));
    return;
  }
  const verdict = matchPhoneToCountry(e164, country);
  if (verdict.kind === 'wrong-length') {
    holds.push(holdPhoneInvalid(`it has the wrong number of digits for +${verdict.callingCode}`));
  } else if (verdict.kind === 'other-country') {
    holds.push(holdPhoneCountry(country, verdict.expected));
  }
}

/** R-CHK-2 on a recipient that `cleanAddress` already produced. */
function checkCleanedAddress(a: Recipient): Hold[] {
  const holds: Hold[] = [];
  const country = a.country.toUpperCase();
  const missing = findMissingParts(a, country);
  if (missing.length > 0) holds.push(holdMissingParts(missing));
  if (a.addressLines.some((line) => isPoBoxLine(line, country))) holds.push(holdPoBox());
  const state = country === 'US' && a.region !== '' ? resolveUsState(a.region) : null;
  const military = isMilitary(a, country, state);
  if (military) holds.push(holdMilitary());
  const province = country === 'CA' && a.region !== '' ? resolveCaProvince(a.region) : null;
  const regionUnknown =
    a.region !== '' && REGION_REQUIRED.has(country) && (state ?? province) === null;
  if (!military) checkPostcode(a, country, holds);
  if (regionUnknown) holds.push(holdRegionInvalid(country));
  if (a.addressLines.some((line) => line.length > MAX_LINE_LENGTH)) holds.push(holdLineTooLong());
  checkPhone(a.phone, country, holds);
  return holds;
}

/** The cleaned address plus its R-CHK-2 holds, cleaning only once. */
export interface AddressReview extends CleanedAddress {
  holds: Hold[];
}

/**
 * Cleans (R-CHK-4) then checks (R-CHK-2) a recipient: the verdict is always about the address
 * the supplier will receive. Use this in the order pipeline; it cleans once.
 */
export function reviewAddress(r: Recipient): AddressReview {
  const cleaned = cleanAddress(r);
  return { ...cleaned, holds: checkCleanedAddress(cleaned.address) };
}

/**
 * R-CHK-2: the holds for a recipient, each with rule 'R-CHK-2', a stable code, English and
 * Simplified Chinese messages and a fix; empty when the address may ship. The recipient is
 * cleaned first (idempotent), so raw and cleaned input give the same verdict.
 *
 * @example checkAddressCompliance({ ...r, addressLines: ['PO Box 12'] })[0]?.code // 'PO_BOX'
 */
export function checkAddressCompliance(r: Recipient): Hold[] {
  return checkCleanedAddress(cleanAddress(r).address);
}
