/**
 * R-BIL-1: tenant fee = a base fee per fulfilled order plus a markup (basis points) on the
 * supplier's logistics cost. Markup rounds half-up in integer arithmetic.
 */
export interface FeeSchedule {
  currency: string;
  orderFeeMinor: bigint;
  markupBp: number;
}

/** Typical market figures from the source: $0.30 per order, 10% markup. */
export const DEFAULT_FEE_SCHEDULE: FeeSchedule = {
  currency: 'USD',
  orderFeeMinor: 30n,
  markupBp: 1000,
};

export function computeOrderFee(schedule: FeeSchedule): { amountMinor: bigint; currency: string } {
  return { amountMinor: schedule.orderFeeMinor, currency: schedule.currency };
}

export function computeMarkup(logisticsCostMinor: bigint, markupBp: number): bigint {
  if (logisticsCostMinor < 0n) throw new RangeError('logistics cost cannot be negative');
  return (logisticsCostMinor * BigInt(markupBp) + 5_000n) / 10_000n;
}
