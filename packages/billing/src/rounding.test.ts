import { formatMoney } from '@switchyard/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRateBp, minorPerMajor } from './rounding.ts';

const EXPONENTS: Array<[string, bigint]> = [
  ['JPY', 1n],
  ['KRW', 1n],
  ['USD', 100n],
  ['EUR', 100n],
  ['KWD', 1000n],
  ['BHD', 1000n],
  ['JOD', 1000n],
  ['OMR', 1000n],
  ['TND', 1000n],
];

describe('the rounding rule (R-BIL-1)', () => {
  it('knows each currency’s minor unit', () => {
    for (const [cur, minor] of EXPONENTS) expect(minorPerMajor(cur), cur).toBe(minor);
  });

  it('rounds a tie half-up, and the rest to the nearest minor unit', () => {
    expect(applyRateBp(120n, 1000)).toBe(12n);
    expect(applyRateBp(125n, 1000)).toBe(13n); // 12.5 → 13
    expect(applyRateBp(124n, 1000)).toBe(12n); // 12.4 → 12
    expect(applyRateBp(126n, 1000)).toBe(13n); // 12.6 → 13
    expect(applyRateBp(135n, 1000)).toBe(14n); // 13.5 → 14: half-up, not half-to-even (14 too)
    expect(applyRateBp(145n, 1000)).toBe(15n); // 14.5 → 15 where banker's would give 14
    expect(applyRateBp(1n, 5000)).toBe(1n); // 0.5 → 1
    expect(applyRateBp(1n, 4999)).toBe(0n);
    expect(applyRateBp(0n, 1000)).toBe(0n);
  });

  it('rounds a negative amount as its magnitude: a credit mirrors a charge', () => {
    expect(applyRateBp(-125n, 1000)).toBe(-13n);
    expect(applyRateBp(-124n, 1000)).toBe(-12n);
  });

  it('works in minor units, so a tie rounds alike in every currency (¥125, $1.25, 0.125 KWD)', () => {
    expect(formatMoney(applyRateBp(125n, 1000), 'JPY')).toBe('13 JPY');
    expect(formatMoney(applyRateBp(125n, 1000), 'USD')).toBe('0.13 USD');
    expect(formatMoney(applyRateBp(125n, 1000), 'KWD')).toBe('0.013 KWD');
    expect(formatMoney(applyRateBp(99_995n, 1000), 'TND')).toBe('10.000 TND'); // 9.9995 → 10
  });

  it('refuses rates that are not whole non-negative basis points', () => {
    for (const bad of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => applyRateBp(100n, bad)).toThrow(RangeError);
  });

  it('is within half a minor unit of the exact value, ties going away from zero (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 0, max: 100_000 }),
        (amount, bp) => {
          const r = applyRateBp(amount, bp);
          // 2·10 000·|r − exact| ≤ 10 000, exactly, in integers.
          const exact20k = amount * BigInt(bp) * 2n;
          const diff = r * 20_000n - exact20k;
          const abs = diff < 0n ? -diff : diff;
          expect(abs <= 10_000n).toBe(true);
          if (abs === 10_000n) expect(r < 0n ? diff < 0n : diff > 0n).toBe(true);
        },
      ),
    );
  });

  it('is monotonic in the amount and in the rate, and odd in the amount (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 6n }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 1000 }),
        (amount, more, bp, moreBp) => {
          expect(applyRateBp(amount + more, bp) >= applyRateBp(amount, bp)).toBe(true);
          expect(applyRateBp(amount, bp + moreBp) >= applyRateBp(amount, bp)).toBe(true);
          expect(applyRateBp(-amount, bp)).toBe(-applyRateBp(amount, bp));
        },
      ),
    );
  });

  it('keeps whole amounts whole: 100% is the identity, 0% is nothing (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (amount) => {
        expect(applyRateBp(amount, 10_000)).toBe(amount);
        expect(applyRateBp(amount, 0)).toBe(0n);
      }),
    );
  });
});
