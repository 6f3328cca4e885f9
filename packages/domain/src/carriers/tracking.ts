/**
 * Tracking-number validation before a push-back (R-TRK-1, R-TRK-2). A wrong number or a carrier
 * mismatch is a strike towards a shop freeze (R-PEN-1), so this never calls an unknown shape
 * valid; it can only say the shape is unknown, and the caller must then confirm with the
 * carrier ("Label Created") before pushing.
 */
import { CARRIER_FAMILIES } from './families.ts';
import { CHECK_DIGIT_BONUS, TRACKING_FORMATS } from './formats.ts';
import { findCarrier, listCarriers, TIKTOK_SHIPPING } from './registry.ts';

/** Outcome of {@link validateTrackingNumber}. */
export type TrackingStatus =
  | 'valid'
  | 'invalid_check_digit'
  | 'invalid_format'
  | 'unknown_format'
  | 'carrier_mismatch';

/** What the platform knows about a tracking number for a claimed carrier. */
export interface TrackingVerdict {
  /** The number as it must be pushed: no spaces or dashes, upper case, no USPS routing prefix. */
  normalized: string;
  status: TrackingStatus;
  /** True only for `valid` numbers whose shape has a check digit that verified. */
  checkDigitVerified: boolean;
  /** Carrier codes whose shape (and check digit, if any) matches, best first. */
  matches: string[];
  message: string;
}

const NON_ASCII = /[^\x20-\x7e]/;
// Spaces, tabs, NBSP and every dash look-alike that copy-paste from spreadsheets brings.
const SEPARATORS = /[\s\u00a0\-\u2010-\u2015\u2212\u30fc\uff0d]+/g;
const ALPHANUMERIC = /^[0-9A-Z]+$/;
// Shortest known shape is 10 characters, longest 22 after routing prefixes are stripped; the
// margin keeps odd but plausible numbers in `unknown_format` (warn) instead of rejecting them.
const MIN_LENGTH = 8;
const MAX_LENGTH = 40;
// IMpb barcodes carry `420` + ZIP5 or ZIP+4 before the 22-digit tracking number.
const USPS_ROUTED = /^420(?:\d{5}|\d{9})(9[1-5]\d{20})$/;

const PLATFORM_LABEL_CARRIERS = new Set(
  listCarriers()
    .filter((c) => c.platformLabel && c.code !== TIKTOK_SHIPPING)
    .map((c) => c.code),
);
const PLATFORM_LABEL_FAMILIES = [...PLATFORM_LABEL_CARRIERS].flatMap((code) => {
  const family = CARRIER_FAMILIES[code];
  return family ? [family] : [];
});

/**
 * Strips spaces and dashes, folds full-width characters, upper-cases, and drops the USPS
 * `420`+ZIP routing prefix.
 * @example normalizeTrackingNumber('1z 999-aa1 0123456784') // '1Z999AA10123456784'
 */
export function normalizeTrackingNumber(trackingNumber: string): string {
  let s = NON_ASCII.test(trackingNumber) ? trackingNumber.normalize('NFKC') : trackingNumber;
  s = s.replace(SEPARATORS, '').toUpperCase();
  const routed = USPS_ROUTED.exec(s);
  return routed ? (routed[1] as string) : s;
}

const REPEATED = /^(\d)\1{7,}$/;

/**
 * Serials no carrier issues, whatever their check digit says: a run of eight or more digits
 * that is one digit repeated, also after the zeros a fixed prefix ends with (`LP00` + ones);
 * a zero serial passes every weighted checksum. And a UPU S10 serial of zeros (S10 serials
 * start at 00000001).
 */
function isDegenerate(n: string): boolean {
  for (const run of n.match(/\d{8,}/g) ?? [])
    if (REPEATED.test(run) || REPEATED.test(run.replace(/^0+/, ''))) return true;
  return /^[A-Z]{2}0{8}\d[A-Z]{2}$/.test(n);
}

interface Evaluation {
  /** carrier code → best score among its matching shapes (check digit passing or absent) */
  scores: Map<string, number>;
  /** carrier code → whether its best shape verified a check digit */
  verified: Map<string, boolean>;
  /** carriers whose shape matched but whose check digit failed */
  failed: Set<string>;
}

function evaluate(n: string): Evaluation {
  const scores = new Map<string, number>();
  const verified = new Map<string, boolean>();
  const failed = new Set<string>();
  for (const format of TRACKING_FORMATS) {
    if (!format.pattern.test(n)) continue;
    const check = format.verify ? format.verify(n) : null;
    if (check === false) {
      for (const c of format.carriers) failed.add(c);
      continue;
    }
    const score = format.specificity + (check ? CHECK_DIGIT_BONUS : 0);
    for (const c of format.carriers) {
      if ((scores.get(c) ?? -1) >= score) continue;
      scores.set(c, score);
      verified.set(c, check === true);
    }
  }
  return { scores, verified, failed };
}

function rankMatches(scores: Map<string, number>): string[] {
  // Map keeps insertion (format) order, and Array#sort is stable, so ties keep that order.
  const ranked = [...scores.keys()].sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0));
  // A USPS/UPS/FedEx number may also be a label bought through TikTok Shipping.
  if (ranked.some((c) => PLATFORM_LABEL_CARRIERS.has(c))) ranked.push(TIKTOK_SHIPPING);
  return ranked;
}

/**
 * Carriers whose tracking-number shape (and check digit, where one exists) matches, best first.
 * @example detectCarriers('1Z999AA10123456784') // ['UPS', 'TIKTOK_SHIPPING']
 */
export function detectCarriers(trackingNumber: string): string[] {
  const n = normalizeTrackingNumber(trackingNumber);
  return ALPHANUMERIC.test(n) && !isDegenerate(n) ? rankMatches(evaluate(n).scores) : [];
}

/**
 * Checks a tracking number against the carrier it is claimed for (our code or any alias).
 * `valid` needs the claimed carrier's shape to match at least as well as any other carrier's;
 * a TikTok Shipping claim accepts the shapes of the carriers it sells labels on.
 * @example validateTrackingNumber('9400 1112 0620 6406 2607 87', 'USPS').status // 'valid'
 */
export function validateTrackingNumber(
  trackingNumber: string,
  carrierCode: string,
): TrackingVerdict {
  const normalized = normalizeTrackingNumber(trackingNumber);
  const verdict = (status: TrackingStatus, message: string, matches: string[] = []) => ({
    normalized,
    status,
    checkDigitVerified: false,
    matches,
    message,
  });
  if (!normalized) return verdict('invalid_format', 'The tracking number is empty.');
  if (!ALPHANUMERIC.test(normalized)) {
    return verdict('invalid_format', `"${normalized}" contains characters other than A-Z and 0-9.`);
  }
  if (normalized.length < MIN_LENGTH || normalized.length > MAX_LENGTH) {
    return verdict('invalid_format', `${normalized.length} characters is not a tracking number.`);
  }
  if (isDegenerate(normalized)) {
    return verdict('invalid_format', `"${normalized}" has a serial no carrier issues.`);
  }
  const { scores, verified, failed } = evaluate(normalized);
  const matches = rankMatches(scores);
  const carrier = findCarrier(carrierCode);
  if (!carrier) {
    return verdict('unknown_format', `Carrier "${carrierCode}" is not registered.`, matches);
  }
  const code = carrier.code;
  const accepted = code === TIKTOK_SHIPPING ? PLATFORM_LABEL_CARRIERS : new Set<string>([code]);
  let claimed: string | undefined;
  for (const c of accepted) {
    if (scores.has(c) && (claimed === undefined || scores.get(c)! > scores.get(claimed)!)) {
      claimed = c;
    }
  }
  const best = matches[0];
  if (claimed !== undefined && best !== undefined) {
    if (scores.get(claimed)! >= scores.get(best)!) {
      const checked = verified.get(claimed) === true;
      return {
        ...verdict(
          'valid',
          checked ? 'Check digit verified.' : 'Shape matches; this carrier has no check digit.',
          matches,
        ),
        checkDigitVerified: checked,
      };
    }
    return verdict('carrier_mismatch', `The number fits ${best} better than ${code}.`, matches);
  }
  if (best !== undefined) {
    return verdict(
      'carrier_mismatch',
      `The number is a ${matches.join('/')} number, not ${code}.`,
      matches,
    );
  }
  if ([...accepted].some((c) => failed.has(c))) {
    return verdict('invalid_check_digit', `The check digit is wrong for a ${code} number.`);
  }
  if (failed.size > 0) {
    return verdict(
      'invalid_format',
      `Not a ${code} shape (and a bad ${[...failed].join('/')} check digit).`,
    );
  }
  const family = code === TIKTOK_SHIPPING ? PLATFORM_LABEL_FAMILIES : [CARRIER_FAMILIES[code]];
  if (family.some((f) => f?.test(normalized))) {
    return verdict(
      'invalid_format',
      `Starts like a ${code} number but has the wrong length or characters.`,
    );
  }
  return verdict(
    'unknown_format',
    `Unknown shape for ${code}: confirm with the carrier before pushing.`,
  );
}
