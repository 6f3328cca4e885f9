/**
 * Check-digit algorithms the carriers publish (R-TRK-1). Each `compute*` takes the payload
 * (the characters the check digit covers, without the check digit) and returns the expected
 * check digit 0-9; callers compare it with the printed one. They assume the payload already
 * matched its format regex, so they do not re-validate characters (hot path, R-PEN-1 checks run
 * on every push-back).
 */

const ZERO = 48;

/**
 * GS1-style mod 10: weights 3,1,3,1… starting from the rightmost payload digit. Used by USPS
 * IMpb / 20-digit numbers and FedEx Ground (15 digits and the last 15 of the 96-barcode).
 */
export function computeMod10Weight31(payload: string): number {
  let sum = 0;
  let weight = 3;
  for (let i = payload.length - 1; i >= 0; i--) {
    sum += (payload.charCodeAt(i) - ZERO) * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * UPS 1Z: letters become digits as (charCode - 63) mod 10 (A=2 … I=0, J=1 …), odd positions
 * count once and even positions twice (1-based, from the left of the 15-char payload). The
 * doubling means a change of ±5 at an even position goes unnoticed: a UPS property of the
 * algorithm, not a bug here.
 */
export function computeUpsCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    const c = payload.charCodeAt(i);
    const v = c <= 57 ? c - ZERO : (c - 63) % 10;
    sum += i % 2 === 1 ? v * 2 : v;
  }
  return (10 - (sum % 10)) % 10;
}

const FEDEX_12_WEIGHTS = [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1] as const;

/** FedEx Express 12 digits: weights 3,1,7 from the left over 11 digits, sum mod 11, 10 → 0. */
export function computeFedex12CheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    sum += (payload.charCodeAt(i) - ZERO) * (FEDEX_12_WEIGHTS[i] ?? 0);
  }
  const r = sum % 11;
  return r === 10 ? 0 : r;
}

/**
 * DHL Express 10/11 digits: the leading digits read as a number, mod 7. Computed digit by digit
 * so an 11-digit payload never meets float precision limits.
 */
export function computeMod7CheckDigit(payload: string): number {
  let r = 0;
  for (let i = 0; i < payload.length; i++) r = (r * 10 + payload.charCodeAt(i) - ZERO) % 7;
  return r;
}

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/** UPU S10 serial (8 digits): weights 8,6,4,2,3,5,9,7; 11 - (sum mod 11), with 10 → 0, 11 → 5. */
export function computeS10CheckDigit(serial: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (serial.charCodeAt(i) - ZERO) * (S10_WEIGHTS[i] ?? 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}
