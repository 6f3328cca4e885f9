/**
 * Tracking-number shapes per carrier (R-TRK-1), after normalization (no spaces or dashes,
 * upper case, USPS `420`+ZIP routing prefix removed). Sources: the shapes summarized in
 * `shared/reference/tiktok-shop-api.md` §7; the check digits are the carriers' published ones.
 *
 * `specificity` ranks shapes that overlap: fixed letters or prefixes are strong evidence, a
 * passing check digit adds {@link CHECK_DIGIT_BONUS}. Digit-only shapes therefore lose to a
 * shape with a fixed prefix (a `3042…` 12-digit number is 4PX before it is FedEx).
 */
import {
  computeFedex12CheckDigit,
  computeMod7CheckDigit,
  computeMod10Weight31,
  computeS10CheckDigit,
  computeUpsCheckDigit,
} from './check-digits.ts';
import { ALNUM, digits, pick, type Rng, randomChars, UPPER } from './rng.ts';
import { UNCHECKED_SHAPES } from './shapes.ts';

export type { Rng } from './rng.ts';

/** One tracking-number shape of one or more carriers. */
export interface TrackingFormat {
  id: string;
  /** Carrier codes that issue numbers of this shape, most likely first. */
  carriers: readonly string[];
  pattern: RegExp;
  specificity: number;
  /** Present when the shape carries a check digit; receives a string that matched `pattern`. */
  verify?: (n: string) => boolean;
  /** Produces a number of this shape, with a correct check digit where there is one. */
  generate: (rng: Rng) => string;
}

/** Score added when a shape's check digit verifies. */
export const CHECK_DIGIT_BONUS = 3;

const lastDigit = (n: string) => n.charCodeAt(n.length - 1) - 48;

const verifyS10 = (n: string) => computeS10CheckDigit(n.slice(2, 10)) === n.charCodeAt(10) - 48;
function generateS10(rng: Rng, firstLetters: string, country: string): string {
  const serial = digits(rng, 8);
  const service = randomChars(rng, firstLetters, 1) + randomChars(rng, UPPER, 1);
  return `${service}${serial}${computeS10CheckDigit(serial)}${country}`;
}

const withMod10 = (payload: string) => `${payload}${computeMod10Weight31(payload)}`;

/** All known shapes. Order breaks score ties in `matches` (earlier first). */
export const TRACKING_FORMATS: readonly TrackingFormat[] = [
  {
    id: 'UPS_1Z',
    carriers: ['UPS'],
    // 1Z, shipper account (6) and service (2) alphanumeric, then a 7-digit package reference
    // and the check digit: UPS never prints letters in the reference.
    pattern: /^1Z[0-9A-Z]{8}\d{8}$/,
    specificity: 4,
    verify: (n) => computeUpsCheckDigit(n.slice(2, 17)) === lastDigit(n),
    generate: (rng) => {
      const p = randomChars(rng, ALNUM, 6) + pick(rng, ['01', '02', '03', '12', '13', '42']);
      const payload = p + digits(rng, 7);
      return `1Z${payload}${computeUpsCheckDigit(payload)}`;
    },
  },
  {
    id: 'USPS_IMPB',
    // DHL eCommerce hands US parcels to USPS and reports the IMpb number.
    carriers: ['USPS', 'DHL_ECOMMERCE'],
    pattern: /^9[1-5]\d{20}$/,
    specificity: 2,
    verify: (n) => computeMod10Weight31(n.slice(0, 21)) === lastDigit(n),
    generate: (rng) => {
      const stc = pick(rng, ['9400', '9205', '9261', '9270', '9300', '9361', '9405', '9505']);
      const imp = withMod10(stc + digits(rng, 17));
      // The barcode form carries a 420+ZIP routing prefix that normalization strips.
      const r = rng();
      return r < 0.2 ? `420${digits(rng, 5)}${imp}` : r < 0.3 ? `420${digits(rng, 9)}${imp}` : imp;
    },
  },
  {
    id: 'USPS_20',
    carriers: ['USPS'],
    // Only the service prefixes USPS prints on 20-digit labels (Certified Mail 70-72 and the
    // older 03/23 barcodes); any other 20-digit run is no USPS number, whatever its check digit.
    pattern: /^(?:03|23|7[0-2])\d{18}$/,
    specificity: 0,
    verify: (n) => computeMod10Weight31(n.slice(0, 19)) === lastDigit(n),
    generate: (rng) => withMod10(pick(rng, ['03', '23', '70', '71']) + digits(rng, 17)),
  },
  {
    id: 'S10_US',
    carriers: ['USPS'],
    // UPU S10 service indicators USPS issues: EMS (E), parcels (C), tracked letters (L),
    // registered (R), insured (V).
    pattern: /^[CELRV][A-Z]\d{9}US$/,
    specificity: 4,
    verify: verifyS10,
    generate: (rng) => generateS10(rng, 'CELR', 'US'),
  },
  {
    id: 'S10_CN_EMS',
    // EMS and China Post are one group; Yanwen's economy lines hand over to China Post.
    carriers: ['CHINA_EMS', 'CHINA_POST', 'YANWEN'],
    pattern: /^E[A-Z]\d{9}CN$/,
    specificity: 4,
    verify: verifyS10,
    generate: (rng) => generateS10(rng, 'E', 'CN'),
  },
  {
    id: 'S10_CN',
    carriers: ['CHINA_POST', 'CHINA_EMS', 'YANWEN'],
    // China Post's S10 indicators: parcels (C), tracked/ePacket (L), registered (R), untracked
    // small packets (U), insured (V). EMS is the shape above.
    pattern: /^[CLRUV][A-Z]\d{9}CN$/,
    specificity: 4,
    verify: verifyS10,
    generate: (rng) => generateS10(rng, 'CLRUV', 'CN'),
  },
  {
    id: 'S10_GB',
    carriers: ['ROYAL_MAIL'],
    pattern: /^[A-Z]{2}\d{9}GB$/,
    specificity: 4,
    verify: verifyS10,
    generate: (rng) => generateS10(rng, 'ACLRV', 'GB'),
  },
  {
    id: 'FEDEX_96',
    carriers: ['FEDEX'],
    pattern: /^96\d{20}$/,
    specificity: 2,
    // Only the trailing 15-digit Ground number is covered by the check digit.
    verify: (n) => computeMod10Weight31(n.slice(7, 21)) === lastDigit(n),
    generate: (rng) =>
      `96${pick(rng, ['11', '12', '22'])}${digits(rng, 3)}${withMod10(digits(rng, 14))}`,
  },
  {
    id: 'FEDEX_12',
    carriers: ['FEDEX'],
    // FedEx Express numbers never start with 0.
    pattern: /^[1-9]\d{11}$/,
    specificity: 0,
    verify: (n) => computeFedex12CheckDigit(n.slice(0, 11)) === lastDigit(n),
    generate: (rng) => {
      // No leading 3, so generated numbers never enter 4PX's 3042 prefix.
      const payload = pick(rng, ['2', '4', '5', '7', '8']) + digits(rng, 10);
      return `${payload}${computeFedex12CheckDigit(payload)}`;
    },
  },
  {
    id: 'FEDEX_15',
    carriers: ['FEDEX'],
    pattern: /^\d{15}$/,
    specificity: 0,
    verify: (n) => computeMod10Weight31(n.slice(0, 14)) === lastDigit(n),
    generate: (rng) => withMod10(digits(rng, 14)),
  },
  {
    id: 'DHL_EXPRESS_MOD7',
    carriers: ['DHL_EXPRESS'],
    // A waybill is a number: it never starts with 0 (0000000000 would pass mod 7).
    pattern: /^[1-9]\d{9,10}$/,
    specificity: 0,
    verify: (n) => computeMod7CheckDigit(n.slice(0, -1)) === lastDigit(n),
    generate: (rng) => {
      const payload = randomChars(rng, '123456789', 1) + digits(rng, rng() < 0.8 ? 8 : 9);
      return `${payload}${computeMod7CheckDigit(payload)}`;
    },
  },
  {
    id: 'S10_YP',
    // Yanwen's own S10 labels, with YP in the country position; the mod-11 check digit of S10
    // applies to them as to any S10 number.
    carriers: ['YANWEN'],
    pattern: /^U[A-Z]\d{9}YP$/,
    specificity: 4,
    verify: verifyS10,
    generate: (rng) => generateS10(rng, 'U', 'YP'),
  },
  ...UNCHECKED_SHAPES,
];
