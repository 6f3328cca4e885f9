import { describe, expect, it } from 'vitest';
import {
  type LedgerAggregate,
  nextInvoiceStatus,
  periodRange,
  planCloseInvoices,
  previousPeriod,
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
