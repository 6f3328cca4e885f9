import type { SimCarrier } from './behaviour.ts';

/** Returns a float in [0, 1), like Math.random; injectable for reproducible tests. */
export type Rng = () => number;

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function pick(chars: string, rng: Rng): string {
  return chars[Math.min(chars.length - 1, Math.floor(rng() * chars.length))] ?? '0';
}

function randomString(length: number, chars: string, rng: Rng): string {
  return Array.from({ length }, () => pick(chars, rng)).join('');
}

/** USPS mod 10: weights 3,1,3,1… from the rightmost payload digit; check = (10 − sum) mod 10. */
export function uspsCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i += 1) {
    const digit = Number(payload[payload.length - 1 - i]);
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * UPS 1Z check digit over the 15 characters after `1Z`: letters become digits by
 * (charCode − 63) mod 10 (A=2 … I=0, J=1 …), odd positions weigh 1 and even weigh 2.
 */
export function upsCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i += 1) {
    const c = payload[i] ?? '0';
    const value = /[0-9]/.test(c) ? Number(c) : (c.charCodeAt(0) - 63) % 10;
    sum += value * (i % 2 === 0 ? 1 : 2);
  }
  return (10 - (sum % 10)) % 10;
}

// IMpb prefixes seen on real labels: USPS Tracking, Priority Mail, signature services.
const USPS_PREFIXES = ['9400', '9205', '9261'];
const UPS_SERVICES = ['01', '02', '03', '12', '13'];

/**
 * A carrier-valid tracking number (R-TRK-1): USPS IMpb (22 digits, mod-10 check), UPS
 * `1Z` + 16 characters with its check digit, YunExpress `YT` + 16 digits (format only; no
 * published check digit).
 */
export function generateTrackingNumber(carrier: SimCarrier, rng: Rng = Math.random): string {
  switch (carrier) {
    case 'USPS': {
      const prefix = USPS_PREFIXES[Math.floor(rng() * USPS_PREFIXES.length)] ?? '9400';
      const payload = `${prefix}${randomString(17, '0123456789', rng)}`;
      return `${payload}${uspsCheckDigit(payload)}`;
    }
    case 'UPS': {
      const service = UPS_SERVICES[Math.floor(rng() * UPS_SERVICES.length)] ?? '03';
      const payload = `${randomString(6, ALNUM, rng)}${service}${randomString(7, '0123456789', rng)}`;
      return `1Z${payload}${upsCheckDigit(payload)}`;
    }
    case 'YunExpress':
      return `YT${randomString(16, '0123456789', rng)}`;
  }
}

/** Checks format and check digit the way the carrier would before printing a label. */
export function isValidTrackingNumber(carrier: SimCarrier, value: string): boolean {
  switch (carrier) {
    case 'USPS':
      return (
        /^9[2-5]\d{20}$/.test(value) && uspsCheckDigit(value.slice(0, -1)) === Number(value.at(-1))
      );
    case 'UPS':
      return (
        /^1Z[0-9A-Z]{15}\d$/.test(value) &&
        upsCheckDigit(value.slice(2, -1)) === Number(value.at(-1))
      );
    case 'YunExpress':
      return /^YT\d{16}$/.test(value);
  }
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
