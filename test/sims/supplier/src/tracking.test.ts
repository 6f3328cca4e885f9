import { validateTrackingNumber } from '@switchyard/domain';
import { seededRng } from '@switchyard/domain/testing';
import { describe, expect, it } from 'vitest';
import { generateBadTrackingNumber, generateTrackingNumber } from './tracking.ts';

const CODES = { USPS: 'USPS', UPS: 'UPS', YunExpress: 'YUNEXPRESS' } as const;

describe('generateTrackingNumber', () => {
  const rng = seededRng(42);

  it.each([
    ['USPS', /^9[2-5]\d{20}$/, true],
    ['UPS', /^1Z[0-9A-Z]{6}\d{10}$/, true],
    ['YunExpress', /^YT\d{16}$/, false],
  ] as const)('%s numbers are label numbers the platform accepts', (carrier, label, checked) => {
    for (let i = 0; i < 500; i += 1) {
      const value = generateTrackingNumber(carrier, rng);
      expect(value).toMatch(label);
      expect(validateTrackingNumber(value, CODES[carrier])).toMatchObject({
        status: 'valid',
        checkDigitVerified: checked,
        normalized: value,
      });
    }
  });

  it('survives an rng that returns values near 1', () => {
    const value = generateTrackingNumber('UPS', () => 0.999999999);
    expect(validateTrackingNumber(value, 'UPS').status).toBe('valid');
  });
});

describe('generateBadTrackingNumber', () => {
  it.each([
    ['USPS', 'invalid_check_digit'],
    ['UPS', 'invalid_check_digit'],
    ['YunExpress', 'invalid_format'],
  ] as const)('%s: always fails validation, as %s', (carrier, status) => {
    const rng = seededRng(7);
    for (let i = 0; i < 500; i += 1) {
      const value = generateBadTrackingNumber(carrier, rng);
      expect(validateTrackingNumber(value, CODES[carrier]).status).toBe(status);
    }
  });
});
