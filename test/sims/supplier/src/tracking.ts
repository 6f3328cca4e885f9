import { normalizeTrackingNumber } from '@switchyard/domain';
import { generateTrackingNumber as generateForCarrier } from '@switchyard/domain/testing';
import type { SimCarrier } from './behaviour.ts';

/** Returns a float in [0, 1), like Math.random; injectable for reproducible tests. */
export type Rng = () => number;

/** The one label each simulated carrier prints, by the domain's shape id. */
const LABELS: Readonly<Record<SimCarrier, { carrier: string; format: string }>> = {
  USPS: { carrier: 'USPS', format: 'USPS_IMPB' },
  UPS: { carrier: 'UPS', format: 'UPS_1Z' },
  YunExpress: { carrier: 'YUNEXPRESS', format: 'YUNEXPRESS' },
};

/** The platform's code of a simulated carrier, as labels are created under it. */
export function carrierCodeOf(carrier: SimCarrier): string {
  return LABELS[carrier].carrier;
}

/**
 * A carrier-valid tracking number (R-TRK-1) as printed on the label: USPS IMpb (22 digits,
 * mod-10 check), UPS `1Z` + 16 characters with its check digit, YunExpress `YT` + 16 digits
 * (format only; no published check digit). Made by the platform's own generator, so the
 * check digits here are the ones the platform verifies, not a second implementation.
 */
export function generateTrackingNumber(carrier: SimCarrier, rng: Rng = Math.random): string {
  const { carrier: code, format } = LABELS[carrier];
  // The IMpb barcode may carry a 420+ZIP routing prefix; a supplier types the label number.
  return normalizeTrackingNumber(generateForCarrier(code, rng, { format }));
}

/**
 * A made-up number of the right shape with a wrong check digit, as a supplier typing
 * numbers by hand produces. YunExpress has no check digit, so it gets one digit too few.
 */
export function generateBadTrackingNumber(carrier: SimCarrier, rng: Rng = Math.random): string {
  const valid = generateTrackingNumber(carrier, rng);
  if (carrier === 'YunExpress') return valid.slice(0, -1);
  const wrong = (Number(valid.at(-1)) + 1 + Math.floor(rng() * 9)) % 10;
  return `${valid.slice(0, -1)}${wrong}`;
}
