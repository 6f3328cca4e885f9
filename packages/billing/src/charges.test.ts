import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateAdjustment } from './adjustment.ts';
import {
  breachedPromises,
  computeLogisticsMarkup,
  computeOrderFee,
  computeSlaCredit,
} from './charges.ts';
import {
  type FeePlan,
  PLATFORM_DEFAULT_PLAN,
  platformPlan,
  platformPlanFromSettings,
  validatePlanTerms,
} from './plan.ts';

const plan = (terms: Partial<FeePlan> = {}): FeePlan => ({
  ...PLATFORM_DEFAULT_PLAN,
  id: '7',
  effectiveFrom: new Date('2026-11-01T00:00:00Z'),
  ...terms,
});
const HOUR = 3_600_000;

describe('order fee (R-BIL-1)', () => {
  it('is the plan’s base fee, explained', () => {
    expect(computeOrderFee(plan(), { cancelled: false })).toEqual({
      amountMinor: 30n,
      currency: 'USD',
      explanation: expect.objectContaining({ rule: 'R-BIL-1', planId: '7', rateBp: null }),
    });
    expect(
      computeOrderFee(platformPlan({ orderFeeMinor: 45n }), { cancelled: false }),
    ).toMatchObject({ amountMinor: 45n, explanation: { planId: null } });
  });

  it('leaves a cancelled order uncharged unless its plan charges cancellations', () => {
    expect(computeOrderFee(plan(), { cancelled: true })).toBeNull();
    expect(computeOrderFee(plan({ chargeCancelled: true }), { cancelled: true })).toMatchObject({
      amountMinor: 30n,
    });
  });
});

describe('logistics markup (R-BIL-1)', () => {
  it('is the plan’s rate on the cost, half-up, in the cost’s currency', () => {
    const m = computeLogisticsMarkup(plan({ currency: 'EUR' }), {
      costMinor: 125n,
      currency: 'USD',
    });
    expect(m).toMatchObject({
      amountMinor: 13n,
      currency: 'USD',
      explanation: { basisMinor: '125', basisCurrency: 'USD', rateBp: 1000 },
    });
    expect(m?.explanation.text).toContain('10.00% of 1.25 USD');
  });

  it('writes nothing for no cost or a markup that rounds to nothing', () => {
    expect(computeLogisticsMarkup(plan(), { costMinor: 0n, currency: 'USD' })).toBeNull();
    expect(computeLogisticsMarkup(plan(), { costMinor: 4n, currency: 'USD' })).toBeNull();
    expect(() => computeLogisticsMarkup(plan(), { costMinor: -1n, currency: 'USD' })).toThrow();
  });

  it('never exceeds the cost at rates up to 100% (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 10_000 }),
        (c, bp) => {
          const m = computeLogisticsMarkup(plan({ markupBp: bp }), {
            costMinor: c,
            currency: 'USD',
          });
          expect((m?.amountMinor ?? 0n) <= c).toBe(true);
        },
      ),
    );
  });
});

describe('SLA credits (R-SLA-5, R-SLA-1)', () => {
  const received = new Date('2026-11-30T00:00:00Z');

  it('names the promises a late response broke', () => {
    expect(
      breachedPromises({
        receivedAt: received,
        respondedAt: new Date(received.getTime() + 4.5 * HOUR),
        shipBy: null,
      }),
    ).toEqual([]);
    const late = breachedPromises({
      receivedAt: received,
      respondedAt: new Date(received.getTime() + 5 * HOUR),
      shipBy: new Date(received.getTime() + 4 * HOUR),
    });
    expect(late.map((b) => b.sla)).toEqual(['R-SLA-5', 'R-SLA-1']);
    expect(late[0]!.facts).toEqual({ responseMinutes: 300, promiseMinutes: 270 });
  });

  it('credits a fixed amount or a share of the order fee, as a negative line', () => {
    const breach = { sla: 'R-SLA-5' as const, orderFeeMinor: 30n, facts: {} };
    expect(computeSlaCredit(plan(), breach)).toBeNull();
    expect(
      computeSlaCredit(plan({ slaCreditKind: 'amount', slaCreditValue: 20n }), breach),
    ).toMatchObject({
      amountMinor: -20n,
      currency: 'USD',
      explanation: { rule: 'R-SLA-5', rateBp: null },
    });
    // 50% of 0.30 = 0.15; 25% of 0.30 = 0.075 → 0.08 (half-up on the magnitude)
    expect(
      computeSlaCredit(plan({ slaCreditKind: 'percent', slaCreditValue: 5000n }), breach)
        ?.amountMinor,
    ).toBe(-15n);
    expect(
      computeSlaCredit(plan({ slaCreditKind: 'percent', slaCreditValue: 2500n }), breach)
        ?.amountMinor,
    ).toBe(-8n);
  });
});

describe('validation', () => {
  const terms = { ...PLATFORM_DEFAULT_PLAN };
  it('accepts the default plan and refuses what no contract holds', () => {
    expect(validatePlanTerms(terms)).toEqual([]);
    expect(validatePlanTerms({ ...terms, currency: 'XXX' }).map((p) => p.field)).toEqual([
      'currency',
    ]);
    expect(validatePlanTerms({ ...terms, orderFeeMinor: -1n }).map((p) => p.field)).toEqual([
      'orderFeeMinor',
    ]);
    expect(validatePlanTerms({ ...terms, markupBp: 10_001 }).map((p) => p.field)).toEqual([
      'markupBp',
    ]);
    expect(validatePlanTerms({ ...terms, slaCreditValue: 5n }).map((p) => p.field)).toEqual([
      'slaCreditValue',
    ]);
    // limits are in major units: ¥1,000 and $1,000 are both the most a base fee can be
    expect(validatePlanTerms({ ...terms, currency: 'JPY', orderFeeMinor: 1000n })).toEqual([]);
    expect(validatePlanTerms({ ...terms, currency: 'JPY', orderFeeMinor: 1001n })).toHaveLength(1);
    expect(validatePlanTerms({ ...terms, currency: 'KWD', orderFeeMinor: 1_000_000n })).toEqual([]);
  });

  it('refuses an adjustment of zero, too large, in no currency or without a reason', () => {
    const ok = { amountMinor: -500n, currency: 'USD', reason: 'goodwill' };
    expect(validateAdjustment(ok)).toEqual([]);
    expect(validateAdjustment({ ...ok, amountMinor: 0n })).toHaveLength(1);
    expect(validateAdjustment({ ...ok, amountMinor: 10n ** 8n })).toHaveLength(1);
    expect(validateAdjustment({ ...ok, currency: 'usd' })).toHaveLength(1);
    expect(validateAdjustment({ ...ok, reason: '  ' })).toHaveLength(1);
  });

  it('takes a deployment’s fee settings as the default plan, or refuses to start', () => {
    expect(
      platformPlanFromSettings({ currency: 'EUR', orderFeeMinor: 25, markupBp: 800 }),
    ).toMatchObject({
      id: null,
      currency: 'EUR',
      orderFeeMinor: 25n,
      markupBp: 800,
    });
    expect(() =>
      platformPlanFromSettings({ currency: 'XYZ', orderFeeMinor: 25, markupBp: 800 }),
    ).toThrow(/currency/);
  });
});
