import {
  breachedPromises,
  type Charge,
  computeLogisticsMarkup,
  computeOrderFee,
  computeSlaCredit,
  type FeePlan,
  SUPPLIER_SETTLEMENT_CURRENCY,
} from '@switchyard/billing';
import { planInEffect } from '@switchyard/billing/operations';
import {
  addLedgerEntry,
  appendOrderEvent,
  type LedgerLine,
  logisticsCostOf,
  responseTimesOf,
  type Trx,
} from '@switchyard/db';
import type { ActivityContext, Scope } from './context.ts';

/** A computed charge as the ledger line's amount, plan and explanation. */
const lineOf = (c: Charge, plan: FeePlan) => ({
  amountMinor: c.amountMinor,
  currency: c.currency,
  planId: plan.id,
  explanation: c.explanation,
});

/**
 * The order's charges, each written in the transaction that records the fact it charges and
 * at most once per ledger key whatever is retried or replayed (R-BIL-3). Amounts come from
 * @switchyard/billing with the tenant's plan in effect at the fact, or the platform default.
 */
export function orderBilling(ctx: Pick<ActivityContext, 'deps' | 'now'>) {
  // The plan read once per transaction: a push-back that completes its order charges the
  // shipment's markup and the order fee in one commit, facts of the same moment under the same
  // plan, and read it twice before. Keyed by the transaction, so nothing outlives it.
  const plans = new WeakMap<Trx, Map<string, Promise<FeePlan>>>();
  function planAt(trx: Trx, tenantId: string, at: Date): Promise<FeePlan> {
    const byTenant = plans.get(trx) ?? new Map<string, Promise<FeePlan>>();
    plans.set(trx, byTenant);
    let plan = byTenant.get(tenantId);
    if (!plan) {
      plan = planInEffect(trx, { tenantId, at, platformDefault: ctx.deps.fees });
      byTenant.set(tenantId, plan);
    }
    return plan;
  }

  /**
   * Writes the line; the order fee also goes on the order's timeline (`charged`), as it always
   * has. Markups and credits are explained by their ledger lines (`billing.ledger`).
   */
  async function book(trx: Trx, line: LedgerLine & Scope): Promise<void> {
    if (!(await addLedgerEntry(trx, line)) || line.kind !== 'order_fee') return;
    await appendOrderEvent(trx, {
      tenantId: line.tenantId,
      orderId: line.orderId,
      kind: 'charged',
      dedupeKey: 'charged:order_fee',
      detail: { kind: line.kind, amountMinor: Number(line.amountMinor), currency: line.currency },
    });
  }

  return {
    /**
     * R-BIL-1 per-order fee: when the order completes, or when it is cancelled and its plan
     * charges cancellations.
     */
    async chargeOrderFee(trx: Trx, s: Scope & { cancelled: boolean }): Promise<void> {
      const plan = await planAt(trx, s.tenantId, ctx.now());
      const fee = computeOrderFee(plan, { cancelled: s.cancelled });
      if (fee)
        await book(trx, {
          kind: 'order_fee',
          tenantId: s.tenantId,
          orderId: s.orderId,
          ...lineOf(fee, plan),
        });
    },

    /** R-BIL-1 markup on the shipped dispatch's logistics cost, with the shipment fact. */
    async chargeShipment(
      trx: Trx,
      s: Scope & { dispatchId: string; supplierId: string },
    ): Promise<void> {
      const cost = await logisticsCostOf(trx, { supplierId: s.supplierId, orderId: s.orderId });
      if (cost === undefined) return;
      const plan = await planAt(trx, s.tenantId, ctx.now());
      const markup = computeLogisticsMarkup(plan, {
        costMinor: cost,
        currency: SUPPLIER_SETTLEMENT_CURRENCY,
      });
      if (markup) await book(trx, { kind: 'logistics_markup', ...s, ...lineOf(markup, plan) });
    },

    /**
     * R-SLA-5: a credit per promise the order's shipping response broke, with its completion,
     * computed on the fee its plan charges (a cancelled order is credited nothing).
     */
    async creditBreachedPromises(trx: Trx, s: Scope): Promise<void> {
      const t = await responseTimesOf(trx, s.orderId);
      if (!t) return;
      const breaches = breachedPromises({
        receivedAt: new Date(t.receivedAt),
        respondedAt: t.respondedAt ? new Date(t.respondedAt) : ctx.now(),
        shipBy: t.shipBy ? new Date(t.shipBy) : null,
      });
      if (breaches.length === 0) return;
      const plan = await planAt(trx, s.tenantId, ctx.now());
      for (const b of breaches) {
        const credit = computeSlaCredit(plan, { ...b, orderFeeMinor: plan.orderFeeMinor });
        if (credit)
          await book(trx, { kind: 'sla_credit', ...s, sla: b.sla, ...lineOf(credit, plan) });
      }
    },
  };
}
