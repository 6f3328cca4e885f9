import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billingPeriod, projectToPeriodEnd, summarizeTotals } from './period.ts';

describe('billing periods', () => {
  const now = new Date('2026-11-30T17:00:00Z');

  it('is the UTC calendar month, the current one unless named', () => {
    expect(billingPeriod(undefined, now)).toEqual({
      month: '2026-11',
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-12-01T00:00:00Z'),
    });
    expect(billingPeriod('2026-12', now).to).toEqual(new Date('2027-01-01T00:00:00Z'));
    expect(billingPeriod('0050-01', now).month).toBe('0050-01');
    for (const bad of ['2026-13', '2026-1', '26-11', '', '2026-11-01'])
      expect(() => billingPeriod(bad, now)).toThrow(RangeError);
  });

  it('sums per currency without converting, orders counted by their fee', () => {
    expect(
      summarizeTotals([
        { kind: 'order_fee', currency: 'USD', count: 3, amountMinor: 90n },
        { kind: 'logistics_markup', currency: 'USD', count: 3, amountMinor: 180n },
        { kind: 'sla_credit', currency: 'USD', count: 1, amountMinor: -15n },
        { kind: 'adjustment', currency: 'USD', count: 1, amountMinor: 5n },
        { kind: 'order_fee', currency: 'JPY', count: 2, amountMinor: 100n },
      ]),
    ).toEqual([
      {
        currency: 'JPY',
        orders: 2,
        feesMinor: 100n,
        markupMinor: 0n,
        creditsMinor: 0n,
        adjustmentsMinor: 0n,
        totalMinor: 100n,
      },
      {
        currency: 'USD',
        orders: 3,
        feesMinor: 90n,
        markupMinor: 180n,
        creditsMinor: -15n,
        adjustmentsMinor: 5n,
        totalMinor: 260n,
      },
    ]);
  });

  it('projects the month’s pace to its end, half-up; before an hour or after the end, as is', () => {
    const p = billingPeriod('2026-11', now);
    const half = new Date('2026-11-16T00:00:00Z');
    expect(projectToPeriodEnd(101n, p, half)).toBe(202n);
    expect(projectToPeriodEnd(-101n, p, half)).toBe(-202n);
    expect(projectToPeriodEnd(100n, p, new Date('2026-11-01T00:30:00Z'))).toBe(100n);
    expect(projectToPeriodEnd(100n, p, new Date('2026-12-05T00:00:00Z'))).toBe(100n);
  });

  it('never projects less than what is billed so far (property)', () => {
    const p = billingPeriod('2026-11', now);
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 30 * 24 * 3600 }),
        (sofar, s) => {
          const at = new Date(p.from.getTime() + s * 1000);
          expect(projectToPeriodEnd(sofar, p, at) >= sofar).toBe(true);
        },
      ),
    );
  });
});
