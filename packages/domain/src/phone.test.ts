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
  it('accepts a number of the destination, and of a country sharing its calling code', () => {
    expect(matchPhoneToCountry('+12125550147', 'US')).toEqual({ kind: 'ok' });
    expect(matchPhoneToCountry('+14165550199', 'US')).toEqual({ kind: 'ok' });
    expect(matchPhoneToCountry('+61298765432', 'AU')).toEqual({ kind: 'ok' });
  });

  it('names the calling code a number from elsewhere should have had, in every country', () => {
    expect(matchPhoneToCountry('+8613800138000', 'US')).toEqual({
      kind: 'other-country',
      expected: '1',
    });
    // Markets no hand-kept table listed are checked the same way.
    expect(matchPhoneToCountry('+12125550147', 'AU')).toEqual({
      kind: 'other-country',
      expected: '61',
    });
    expect(matchPhoneToCountry('+12125550147', 'KR')).toEqual({
      kind: 'other-country',
      expected: '82',
    });
  });

  it('refuses a length no number of that calling code has', () => {
    expect(matchPhoneToCountry('+1212555014', 'US')).toEqual({
      kind: 'wrong-length',
      callingCode: '1',
    });
    expect(matchPhoneToCountry('+6129876543210', 'AU')).toEqual({
      kind: 'wrong-length',
      callingCode: '61',
    });
  });

  it('judges the length only, not whether the range is in use yet', () => {
    // 07700 900xxx is reserved for drama; it is dialable in shape, and a carrier will find out.
    expect(matchPhoneToCountry('+447700900123', 'GB')).toEqual({ kind: 'ok' });
  });

  it('leaves a destination it does not know to the other checks', () => {
    expect(matchPhoneToCountry('+12125550147', 'XX')).toEqual({ kind: 'unknown-country' });
  });
});
