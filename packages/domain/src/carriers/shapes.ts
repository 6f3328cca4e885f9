/**
 * Shapes without a public check digit (China-origin carriers, waybills, piece ids): a match is
 * shape evidence only, so valid numbers never report `checkDigitVerified`. Patterns follow
 * `shared/reference/tiktok-shop-api.md` §7; community detectors are the only source for several,
 * so they are kept tight (fixed prefixes, exact lengths) to avoid false matches.
 */
import type { TrackingFormat } from './formats.ts';
import { digits, type Rng, randomChars } from './rng.ts';

/** A shape without a public check digit: valid numbers never report `checkDigitVerified`. */
function shape(
  id: string,
  carrier: string,
  pattern: RegExp,
  specificity: number,
  generate: (rng: Rng) => string,
): TrackingFormat {
  return { id, carriers: [carrier], pattern, specificity, generate };
}

/** Shapes in tie-break order (after the check-digit shapes). */
export const UNCHECKED_SHAPES: readonly TrackingFormat[] = [
  shape(
    'DHL_EXPRESS_PIECE',
    'DHL_EXPRESS',
    /^J[A-Z]{2,3}\d{9,10}$/,
    3,
    (r) => `JJD${digits(r, 10)}`,
  ),
  shape('DHL_ECOMMERCE_GM', 'DHL_ECOMMERCE', /^GM\d{16,18}$/, 2, (r) => `GM${digits(r, 16)}`),
  shape(
    'UPS_WAYBILL',
    'UPS',
    /^[AHJKTV]\d{10}$/,
    1,
    (r) => `${randomChars(r, 'AHJKTV', 1)}${digits(r, 10)}`,
  ),
  shape('YUNEXPRESS', 'YUNEXPRESS', /^YT\d{16}$/, 2, (r) => `YT${digits(r, 16)}`),
  shape('YTO', 'YTO', /^YT\d{13}$/, 2, (r) => `YT${digits(r, 13)}`),
  shape('4PX_CN', '4PX', /^4PX\d{13}CN$/, 5, (r) => `4PX${digits(r, 13)}CN`),
  shape('4PX_LP', '4PX', /^LP00\d{12}$/, 4, (r) => `LP00${digits(r, 12)}`),
  shape('4PX_3042', '4PX', /^3042\d{8}$/, 4, (r) => `3042${digits(r, 8)}`),
  shape('CNE', 'CNE', /^3A5V\d{9}$/, 4, (r) => `3A5V${digits(r, 9)}`),
  shape(
    'SF_EXPRESS',
    'SF_EXPRESS',
    /^SF\d{13,14}$/,
    2,
    (r) => `SF${digits(r, r() < 0.5 ? 13 : 14)}`,
  ),
  shape('AMAZON_TBA', 'AMAZON_LOGISTICS', /^TBA\d{12}$/, 3, (r) => `TBA${digits(r, 12)}`),
];
