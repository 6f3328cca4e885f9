import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from './money.ts';

describe('money', () => {
  it('parses marketplace decimal strings into minor units per currency', () => {
    expect(parseMoney('12.30', 'USD')).toBe(1230n);
    expect(parseMoney('12.3', 'USD')).toBe(1230n);
    expect(parseMoney('1500', 'JPY')).toBe(1500n);
    expect(parseMoney('1.234', 'KWD')).toBe(1234n);
    expect(parseMoney('12.300', 'USD')).toBe(1230n);
  });

  it('rejects what is not money', () => {
    for (const bad of ['', 'abc', '1,00', '1.2.3', '1e3', '0.001'])
      expect(() => parseMoney(bad, 'USD')).toThrow(RangeError);
    expect(() => parseMoney('10.5', 'JPY')).toThrow(RangeError);
  });

  it('round-trips any amount through format and parse', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.constantFrom('USD', 'JPY', 'KWD', 'GBP'),
        (minor, cur) => {
          const [amount] = formatMoney(minor, cur).split(' ');
          expect(parseMoney(amount!, cur)).toBe(minor);
        },
      ),
    );
  });
});
