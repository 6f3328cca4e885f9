import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type LedgerAggregate,
  lateChanges,
  nextInvoiceStatus,
  periodRange,
  planCloseInvoices,
  previousPeriod,
  splitInvoiceLine,
} from './invoicing.ts';

const agg = (
  kind: LedgerAggregate['kind'],
  currency: string,
  count: number,
  amount: bigint,
  min = amount / BigInt(count || 1),
  max = min,
): LedgerAggregate => ({
  kind,
  currency,
  count,
  amountMinor: amount,
  minMinor: min,
  maxMinor: max,
});

describe('periods', () => {
  it('a period is a UTC calendar month, half open', () => {
    expect(periodRange('2026-11')).toEqual({
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-12-01T00:00:00Z'),
    });
    expect(periodRange('2026-12').to).toEqual(new Date('2027-01-01T00:00:00Z'));
    expect(() => periodRange('2026-13')).toThrow(RangeError);
    expect(() => periodRange('2026-1')).toThrow(RangeError);
  });

  it('a close at the start of a month bills the month before, across years', () => {
    expect(previousPeriod(new Date('2026-12-01T00:30:00Z'))).toBe('2026-11');
    expect(previousPeriod(new Date('2027-01-01T00:30:00Z'))).toBe('2026-12');
  });
});

describe('planCloseInvoices (R-BIL-1, R-SLA-5)', () => {
  it('one invoice per currency, one line per kind, "N orders × fee" when fees are equal', () => {
    const plans = planCloseInvoices([
      agg('order_fee', 'USD', 120, 3600n),
      agg('logistics_markup', 'USD', 100, 1234n, 5n, 20n),
      agg('sla_credit', 'USD', 2, -60n, -30n, -30n),
      agg('order_fee', 'JPY', 3, 150n),
    ]);
    expect(plans.map((p) => p.currency)).toEqual(['JPY', 'USD']);
    const usd = plans[1]!;
    expect(usd.lines.map((l) => [l.key, l.amountMinor])).toEqual([
      ['order_fee', 3600n],
      ['logistics_markup', 1234n],
      ['sla_credit', -60n],
    ]);
    expect(usd.lines[0]!.description).toBe('120 orders × 0.30 USD fee');
    expect(usd.totalMinor).toBe(4774n);
    expect(plans[0]!.lines[0]!.description).toBe('3 orders × 50 JPY fee');
  });

  it('fees that differ (a plan changed mid-month) are one line without a unit price', () => {
    const [usd] = planCloseInvoices([agg('order_fee', 'USD', 3, 100n, 30n, 40n)]);
    expect(usd!.lines[0]!.description).toBe('3 orders, per-order fees (R-BIL-1)');
  });

  it('rows of one kind and currency given apart are one line', () => {
    const [usd] = planCloseInvoices([
      agg('order_fee', 'USD', 1, 30n),
      agg('order_fee', 'USD', 1, 40n),
    ]);
    expect(usd!.lines).toEqual([
      { key: 'order_fee', amountMinor: 70n, description: '2 orders, per-order fees (R-BIL-1)' },
    ]);
  });

  it('no entries, or only zero sums: nothing to invoice', () => {
    expect(planCloseInvoices([])).toEqual([]);
    expect(planCloseInvoices([agg('adjustment', 'USD', 2, 0n, -5n, 5n)])).toEqual([]);
  });

  it('credits larger than fees give a negative total', () => {
    const [usd] = planCloseInvoices([
      agg('order_fee', 'USD', 1, 30n),
      agg('sla_credit', 'USD', 1, -500n),
    ]);
    expect(usd!.totalMinor).toBe(-470n);
  });
});

describe('nextInvoiceStatus: events in any order', () => {
  it('follows the fetched invoice forward, never back', () => {
    expect(nextInvoiceStatus('draft', { status: 'open', attemptCount: 0 })).toBe('finalized');
    expect(nextInvoiceStatus('finalized', { status: 'open', attemptCount: 1 })).toBe(
      'payment_failed',
    );
    expect(nextInvoiceStatus('payment_failed', { status: 'paid', attemptCount: 2 })).toBe('paid');
    // A stale "finalized" after "paid" changes nothing.
    expect(nextInvoiceStatus('paid', { status: 'open', attemptCount: 0 })).toBe('paid');
    expect(nextInvoiceStatus('finalized', { status: 'void', attemptCount: 0 })).toBe('voided');
    expect(nextInvoiceStatus('uncollectible', { status: 'paid', attemptCount: 1 })).toBe('paid');
  });
});

describe("Stripe's per-item limit", () => {
  it('splits a line over 99,999,999 minor units into parts that sum exactly to it', () => {
    const line = { key: 'order_fee', amountMinor: 250_000_001n, description: 'Fees' };
    const parts = splitInvoiceLine(line);
    expect(parts.map((p) => [p.key, p.amountMinor, p.description])).toEqual([
      ['order_fee/1-of-3', 99_999_999n, 'Fees (part 1 of 3)'],
      ['order_fee/2-of-3', 99_999_999n, 'Fees (part 2 of 3)'],
      ['order_fee/3-of-3', 50_000_003n, 'Fees (part 3 of 3)'],
    ]);
    // The same line splits the same way every time: its idempotency keys too.
    expect(splitInvoiceLine(line)).toEqual(parts);
  });

  it('keeps a line at the limit whole and splits credits with their sign', () => {
    const at = { key: 'sla_credit', amountMinor: -99_999_999n, description: 'c' };
    expect(splitInvoiceLine(at)).toEqual([at]);
    const parts = splitInvoiceLine({ ...at, amountMinor: -100_000_000n });
    expect(parts.map((p) => p.amountMinor)).toEqual([-99_999_999n, -1n]);
  });

  it('any amount: every part within the limit, same sign, summing to the line', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 11n), max: 10n ** 11n }),
        fc.bigInt({ min: 10n ** 9n, max: 10n ** 10n }),
        (amount, max) => {
          const parts = splitInvoiceLine({ key: 'k', amountMinor: amount, description: 'd' }, max);
          expect(parts.reduce((s, p) => s + p.amountMinor, 0n)).toBe(amount);
          for (const p of parts) {
            expect(p.amountMinor <= max && p.amountMinor >= -max).toBe(true);
            if (amount !== 0n) expect(p.amountMinor < 0n).toBe(amount < 0n);
          }
          expect(new Set(parts.map((p) => p.key)).size).toBe(parts.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the close plan splits its lines and keeps the invoice total', () => {
    const [usd] = planCloseInvoices([agg('order_fee', 'USD', 3, 150_000_000n, 50_000_000n)]);
    expect(usd!.lines.map((l) => [l.key, l.amountMinor])).toEqual([
      ['order_fee/1-of-2', 99_999_999n],
      ['order_fee/2-of-2', 50_000_001n],
    ]);
    expect(usd!.totalMinor).toBe(150_000_000n);
  });
});

describe('changes to a closed period', () => {
  it('are what the ledger says less what was billed of it, per period and currency', () => {
    expect(
      lateChanges({
        ledger: [
          { period: '2026-09', currency: 'USD', amountMinor: 130n },
          { period: '2026-09', currency: 'EUR', amountMinor: 10n },
          { period: '2026-08', currency: 'USD', amountMinor: 50n },
        ],
        billed: [
          { period: '2026-09', currency: 'USD', amountMinor: 100n },
          { period: '2026-09', currency: 'USD', amountMinor: 10n }, // carried by an earlier close
          { period: '2026-09', currency: 'EUR', amountMinor: 10n },
          { period: '2026-08', currency: 'USD', amountMinor: 70n }, // a credit came late
        ],
      }),
    ).toEqual([
      { period: '2026-08', currency: 'USD', amountMinor: -20n },
      { period: '2026-09', currency: 'USD', amountMinor: 20n },
    ]);
  });

  it('are billed as one line naming their period, even in a currency the month has not', () => {
    const plans = planCloseInvoices(
      [agg('order_fee', 'USD', 1, 30n)],
      [
        { period: '2026-09', currency: 'USD', amountMinor: -5n },
        { period: '2026-08', currency: 'EUR', amountMinor: 7n },
      ],
    );
    expect(plans.map((p) => [p.currency, p.totalMinor, p.lines.map((l) => l.key)])).toEqual([
      ['EUR', 7n, ['late:2026-08']],
      ['USD', 25n, ['order_fee', 'late:2026-09']],
    ]);
    expect(plans[0]!.lines[0]!.description).toBe(
      'Changes to 2026-08 after its invoice (late charges, credits, adjustments)',
    );
  });
});
