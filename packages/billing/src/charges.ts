import { type CreditedSla, formatMoney, PLATFORM_SHIPPING_RESPONSE_MS } from '@switchyard/domain';
import type { FeePlan } from './plan.ts';
import { applyRateBp } from './rounding.ts';

/**
 * How a ledger line came to be, stored with it so any line can be explained on its own: the
 * rule, the plan, the amount a rate was applied to and the rate (null for a fixed amount).
 */
export interface ChargeExplanation {
  rule: string;
  /** The tenant's plan id; null: the platform default plan. */
  planId: string | null;
  basisMinor: string;
  basisCurrency: string;
  rateBp: number | null;
  text: string;
  /** What the rule looked at (response minutes, deadline), for credits. */
  facts?: Record<string, string | number>;
}

/** One ledger line to write: signed minor units of `currency`, with its explanation. */
export interface Charge {
  amountMinor: bigint;
  currency: string;
  explanation: ChargeExplanation;
}

/** Suppliers' costs (rates, unit costs) are in this currency's minor units. */
export const SUPPLIER_SETTLEMENT_CURRENCY = 'USD';

const pct = (bp: number) => `${(bp / 100).toFixed(2)}%`;

/**
 * R-BIL-1: the base fee of one order under `plan`. A cancelled order pays it only when its
 * plan says so; null: nothing to charge.
 */
export function computeOrderFee(plan: FeePlan, order: { cancelled: boolean }): Charge | null {
  if (order.cancelled && !plan.chargeCancelled) return null;
  return {
    amountMinor: plan.orderFeeMinor,
    currency: plan.currency,
    explanation: {
      rule: 'R-BIL-1',
      planId: plan.id,
      basisMinor: plan.orderFeeMinor.toString(),
      basisCurrency: plan.currency,
      rateBp: null,
      text: `${order.cancelled ? 'cancelled order, charged by plan' : 'order fulfilled'}: ${formatMoney(plan.orderFeeMinor, plan.currency)}`,
    },
  };
}

/**
 * R-BIL-1: the markup on the logistics cost the supplier's shipment carried, in that cost's
 * currency (the platform settles with suppliers in USD; no exchange rate enters a charge).
 * Null when there is no cost or the markup rounds to nothing.
 */
export function computeLogisticsMarkup(
  plan: FeePlan,
  cost: { costMinor: bigint; currency: string },
): Charge | null {
  if (cost.costMinor < 0n) throw new RangeError('a logistics cost is never negative');
  const amountMinor = applyRateBp(cost.costMinor, plan.markupBp);
  if (amountMinor === 0n) return null;
  return {
    amountMinor,
    currency: cost.currency,
    explanation: {
      rule: 'R-BIL-1',
      planId: plan.id,
      basisMinor: cost.costMinor.toString(),
      basisCurrency: cost.currency,
      rateBp: plan.markupBp,
      text: `${pct(plan.markupBp)} of ${formatMoney(cost.costMinor, cost.currency)} logistics cost, half-up: ${formatMoney(amountMinor, cost.currency)}`,
    },
  };
}

/**
 * Which promises one order's shipping response broke: R-SLA-5, tracking back more than the
 * platform's 4.5 h after receipt (the promise is on average; a plan credits each order that
 * alone went past it), and R-SLA-1, tracking back after the marketplace's deadline.
 */
export function breachedPromises(o: {
  receivedAt: Date;
  respondedAt: Date;
  shipBy: Date | null;
}): Array<{ sla: CreditedSla; facts: Record<string, string | number> }> {
  const out: Array<{ sla: CreditedSla; facts: Record<string, string | number> }> = [];
  const responseMs = o.respondedAt.getTime() - o.receivedAt.getTime();
  if (responseMs > PLATFORM_SHIPPING_RESPONSE_MS)
    out.push({
      sla: 'R-SLA-5',
      facts: {
        responseMinutes: Math.floor(responseMs / 60_000),
        promiseMinutes: PLATFORM_SHIPPING_RESPONSE_MS / 60_000,
      },
    });
  if (o.shipBy && o.respondedAt.getTime() > o.shipBy.getTime())
    out.push({
      sla: 'R-SLA-1',
      facts: { shipBy: o.shipBy.toISOString(), respondedAt: o.respondedAt.toISOString() },
    });
  return out;
}

/**
 * R-SLA-5: the credit (a negative line) for one breached promise under `plan`: a fixed amount,
 * or a share of the order's fee. Null when the plan gives none or it rounds to nothing.
 */
export function computeSlaCredit(
  plan: FeePlan,
  breach: { sla: CreditedSla; orderFeeMinor: bigint; facts: Record<string, string | number> },
): Charge | null {
  if (plan.slaCreditKind === 'none') return null;
  const percent = plan.slaCreditKind === 'percent';
  const rateBp = percent ? Number(plan.slaCreditValue) : null;
  const magnitude = percent
    ? applyRateBp(breach.orderFeeMinor, Number(plan.slaCreditValue))
    : plan.slaCreditValue;
  if (magnitude === 0n) return null;
  return {
    amountMinor: -magnitude,
    currency: plan.currency,
    explanation: {
      rule: breach.sla,
      planId: plan.id,
      basisMinor: (percent ? breach.orderFeeMinor : plan.slaCreditValue).toString(),
      basisCurrency: plan.currency,
      rateBp,
      text: `${breach.sla} breached: credit ${percent ? `${pct(rateBp!)} of the order fee ${formatMoney(breach.orderFeeMinor, plan.currency)}, half-up` : 'per plan'}: ${formatMoney(-magnitude, plan.currency)}`,
      facts: breach.facts,
    },
  };
}
