import type { CurrencySummary, FeePlan } from '@switchyard/billing';
import { formatMoney } from '@switchyard/domain';
import { z } from 'zod';

/**
 * Money leaves the api as integer minor units in a decimal string (no float, no 2^53 limit)
 * beside the same amount written out in its currency, e.g. `{ minor: "1230", text: "12.30 USD" }`.
 */
export const money = z.object({ minor: z.string(), text: z.string() });
export const toMoney = (minor: bigint, currency: string) => ({
  minor: minor.toString(),
  text: formatMoney(minor, currency),
});

/** A month (UTC) as `YYYY-MM`. */
export const monthInput = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

export const currencySummary = z.object({
  currency: z.string(),
  orders: z.number(),
  fees: money,
  markup: money,
  credits: money,
  adjustments: money,
  total: money,
});

export function toCurrencySummary(s: CurrencySummary): z.infer<typeof currencySummary> {
  const m = (minor: bigint) => toMoney(minor, s.currency);
  return {
    currency: s.currency,
    orders: s.orders,
    fees: m(s.feesMinor),
    markup: m(s.markupMinor),
    credits: m(s.creditsMinor),
    adjustments: m(s.adjustmentsMinor),
    total: m(s.totalMinor),
  };
}

export const feePlan = z.object({
  /** Null: the platform's default plan. */
  id: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  currency: z.string(),
  orderFee: money,
  markupBp: z.number(),
  slaCredit: z.object({
    kind: z.enum(['none', 'amount', 'percent']),
    /** Minor units (`amount`) or basis points of the order fee (`percent`). */
    value: z.string(),
  }),
  chargeCancelled: z.boolean(),
});

export function toFeePlanOutput(p: FeePlan): z.infer<typeof feePlan> {
  return {
    id: p.id,
    effectiveFrom: p.effectiveFrom?.toISOString() ?? null,
    currency: p.currency,
    orderFee: toMoney(p.orderFeeMinor, p.currency),
    markupBp: p.markupBp,
    slaCredit: { kind: p.slaCreditKind, value: p.slaCreditValue.toString() },
    chargeCancelled: p.chargeCancelled,
  };
}
