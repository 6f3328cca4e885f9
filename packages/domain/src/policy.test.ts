import { describe, expect, it } from 'vitest';
import {
  carrierCheckGraceOf,
  DEFAULT_FULFILLMENT_POLICY,
  describeDuration,
  refusesTrackingVerdict,
  resolvePolicy,
  supplierClocks,
} from './policy.ts';

const MIN = 60 * 1000;
const H = 60 * MIN;

describe('fulfillment policy', () => {
  it('defaults to the rules of the domain', () => {
    expect(DEFAULT_FULFILLMENT_POLICY).toEqual({
      ackWindowMs: 30 * MIN, // R-SLA-2
      shipWindowMs: 48 * H, // R-SLA-1
      reminderAfterDueMs: 2 * H, // R-SLA-4
      escalateAfterReminderMs: 24 * H,
      marketplaceRecheckMs: 5 * MIN,
      strikeGuard: 2, // R-PEN-1: before the third strike
      refusedVerdicts: ['invalid_check_digit', 'invalid_format', 'carrier_mismatch'],
      carrierCheckGraceMs: 15 * MIN, // R-TRK-2: within R-SLA-3's 30 minutes
      firstScanWindowMs: 72 * H, // R-SLA-1
    });
  });

  it('layers the tenant’s settings, then the supplier’s clocks, over the defaults', () => {
    const p = resolvePolicy({
      tenant: { ackWindowMs: 20 * MIN, strikeGuard: 1 },
      supplier: { ackWindowMs: 45 * MIN },
    });
    expect(p).toEqual({ ...DEFAULT_FULFILLMENT_POLICY, ackWindowMs: 45 * MIN, strikeGuard: 1 });
  });

  it('keeps the default where a stored setting is empty, and lets a supplier set only its clocks', () => {
    const stored = JSON.parse('{"ackWindowMs":null,"strikeGuard":5,"reminderAfterDueMs":3600000}');
    const p = resolvePolicy({ tenant: { shipWindowMs: undefined }, supplier: stored });
    expect(p).toEqual({ ...DEFAULT_FULFILLMENT_POLICY, reminderAfterDueMs: H });
  });

  it('takes a supplier’s own clocks from its stored contract, and nothing else', () => {
    expect(supplierClocks(null)).toBeUndefined();
    expect(supplierClocks({})).toBeUndefined();
    const stored = JSON.parse('{"ackWindowMs":3600000,"strikeGuard":9,"reminderAfterDueMs":null}');
    expect(supplierClocks(stored)).toEqual({ ackWindowMs: H });
  });

  it('is plain data that survives a trip through JSON, as a workflow input does', () => {
    const p = resolvePolicy({ tenant: { marketplaceRecheckMs: MIN } });
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it('R-TRK-2: a policy stored before the carrier-check grace existed gets the default', () => {
    const { carrierCheckGraceMs: _, ...old } = DEFAULT_FULFILLMENT_POLICY;
    expect(carrierCheckGraceOf(old)).toBe(15 * MIN);
    expect(carrierCheckGraceOf({ carrierCheckGraceMs: 0 })).toBe(0);
  });

  it('refuses the verdicts the policy lists, and only those', () => {
    expect(refusesTrackingVerdict('invalid_format')).toBe(true);
    expect(refusesTrackingVerdict('carrier_mismatch')).toBe(true);
    expect(refusesTrackingVerdict('unknown_format')).toBe(false);
    expect(refusesTrackingVerdict('valid')).toBe(false);
    expect(
      refusesTrackingVerdict('carrier_mismatch', { refusedVerdicts: ['invalid_format'] }),
    ).toBe(false);
  });

  it('says a duration the way messages do', () => {
    expect(describeDuration(30 * MIN)).toBe('30 minutes');
    expect(describeDuration(2 * H)).toBe('2 hours');
    expect(describeDuration(24 * H)).toBe('a day');
    expect(describeDuration(H)).toBe('an hour');
    expect(describeDuration(90 * MIN)).toBe('90 minutes');
    expect(describeDuration(36 * H)).toBe('36 hours');
    expect(describeDuration(45 * 1000)).toBe('45 seconds');
  });
});
