import { describe, expect, it } from 'vitest';
import { matchPhoneToCountry, toE164 } from './phone.ts';

describe('toE164 (R-CHK-2)', () => {
  it('normalizes the marketplace spellings of a phone with a country code', () => {
    expect(toE164('(+1)2015550123')).toBe('+12015550123');
    expect(toE164('+44 7700 900123')).toBe('+447700900123');
    expect(toE164('0044 7700-900123')).toBe('+447700900123');
    expect(toE164(' +1 (201) 555-0123 ')).toBe('+12015550123');
  });

  it('drops a trunk prefix written after the country code, as dialling from abroad does', () => {
    expect(toE164('+44 (0)20 7946 0958')).toBe('+442079460958');
    expect(toE164('+49 (0)30 12345678')).toBe('+493012345678');
    // Italy dials its 0 from abroad too: it is part of the number.
    expect(toE164('+39 06 1234 5678')).toBe('+390612345678');
  });

  it('refuses phones without a country code or with junk', () => {
    for (const bad of [
      '2015550123',
      '',
      '+0 201 555',
      '+1 201 555 01x3',
      '(+1)12',
      'tel:+12015550123',
    ])
      expect(toE164(bad)).toBeNull();
  });

  it('refuses a country code that no country has', () => {
    expect(toE164('+999 123 4567')).toBeNull();
    expect(toE164('+80 1000 0000')).toBeNull();
  });
});

describe('matchPhoneToCountry (R-CHK-2)', () => {
  it.each([
    ['a number of the destination', '+12125550147', 'US', { kind: 'ok' }],
    ['a number of a country sharing its calling code', '+14165550199', 'US', { kind: 'ok' }],
    ['a number of a market no hand-kept table listed', '+61298765432', 'AU', { kind: 'ok' }],
    ['a number from elsewhere', '+8613800138000', 'US', { kind: 'other-country', expected: '1' }],
    ['a US number in Australia', '+12125550147', 'AU', { kind: 'other-country', expected: '61' }],
    ['a US number in Korea', '+12125550147', 'KR', { kind: 'other-country', expected: '82' }],
    ['a digit short', '+1212555014', 'US', { kind: 'wrong-length', callingCode: '1' }],
    ['digits too many', '+6129876543210', 'AU', { kind: 'wrong-length', callingCode: '61' }],
    // 07700 900xxx is reserved for drama: dialable in shape, and only the length is judged,
    // not whether the range is in use yet.
    ['a number of an unused range', '+447700900123', 'GB', { kind: 'ok' }],
    ['a destination it does not know', '+12125550147', 'XX', { kind: 'unknown-country' }],
  ])('judges %s', (_, e164, country, verdict) => {
    expect(matchPhoneToCountry(e164, country)).toEqual(verdict);
  });
});
