import { describe, expect, it } from 'vitest';
import { ADDRESS_CORPUS } from '../testing/address-corpus/index.ts';
import { reviewAddress } from './compliance.ts';

const sorted = (codes: readonly string[]) => [...codes].sort();

describe('address corpus (R-CHK-2, R-CHK-4)', () => {
  it('holds at least 300 addresses across every market', () => {
    expect(ADDRESS_CORPUS.length).toBeGreaterThanOrEqual(300);
    const countries = new Set(ADDRESS_CORPUS.map((e) => e.recipient.country));
    for (const c of ['US', 'GB', 'CA', 'MX', 'DE', 'FR', 'IT', 'ES', 'IE', 'JP', 'BR'])
      expect(countries).toContain(c);
    for (const c of ['SG', 'MY', 'TH', 'VN', 'PH', 'ID']) expect(countries).toContain(c);
  });

  it('has unique ids', () => {
    expect(new Set(ADDRESS_CORPUS.map((e) => e.id)).size).toBe(ADDRESS_CORPUS.length);
  });

  it.each(ADDRESS_CORPUS.map((e) => [e.id, e] as const))('%s gets its expected verdict', (_, e) => {
    const review = reviewAddress(e.recipient);
    expect(sorted(review.holds.map((h) => h.code))).toEqual(sorted(e.expect));
    if (e.cleanedLines !== undefined) expect(review.address.addressLines).toEqual(e.cleanedLines);
  });
});
