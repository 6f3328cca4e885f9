import { describe, expect, it } from 'vitest';
import {
  generateBadTrackingNumber,
  generateTrackingNumber,
  isValidTrackingNumber,
  upsCheckDigit,
  uspsCheckDigit,
} from './tracking.ts';

/** A seeded generator (mulberry32) so failures reproduce. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('check digits', () => {
  it('UPS: the published example 1Z999AA10123456784 ends in 4', () => {
    expect(upsCheckDigit('999AA1012345678')).toBe(4);
    expect(isValidTrackingNumber('UPS', '1Z999AA10123456784')).toBe(true);
    expect(isValidTrackingNumber('UPS', '1Z999AA10123456785')).toBe(false);
  });

  it('USPS: weights 3,1,3,1… from the right, computed by hand for a short payload', () => {
    // payload 123: 3*3 + 2*1 + 1*3 = 14 → (10 - 4) % 10 = 6
    expect(uspsCheckDigit('123')).toBe(6);
    // payload 0…0: sum 0 → check digit 0, not 10
    expect(uspsCheckDigit('000000000000000000000')).toBe(0);
  });
});

describe('generateTrackingNumber', () => {
  const rng = seeded(42);

  it.each([
    ['USPS', /^(9400|9205|9261)\d{18}$/],
    ['UPS', /^1Z[0-9A-Z]{6}\d{10}$/],
    ['YunExpress', /^YT\d{16}$/],
  ] as const)('%s numbers have the carrier format and pass its checksum', (carrier, format) => {
    for (let i = 0; i < 500; i += 1) {
      const value = generateTrackingNumber(carrier, rng);
      expect(value).toMatch(format);
      expect(isValidTrackingNumber(carrier, value)).toBe(true);
    }
  });

  it('USPS numbers are 22 digits whose last digit re-computes from the first 21', () => {
    const value = generateTrackingNumber('USPS', rng);
    expect(value).toHaveLength(22);
    const digits = [...value.slice(0, 21)].map(Number).reverse();
    const sum = digits.reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
    expect(Number(value[21])).toBe((10 - (sum % 10)) % 10);
  });

  it('survives an rng that returns values near 1', () => {
    expect(
      isValidTrackingNumber(
        'UPS',
        generateTrackingNumber('UPS', () => 0.999999999),
      ),
    ).toBe(true);
  });
});

describe('generateBadTrackingNumber', () => {
  it.each(['USPS', 'UPS', 'YunExpress'] as const)('%s: always fails validation', (carrier) => {
    const rng = seeded(7);
    for (let i = 0; i < 500; i += 1) {
      expect(isValidTrackingNumber(carrier, generateBadTrackingNumber(carrier, rng))).toBe(false);
    }
  });
});
