import {
  type BillingFinding,
  type Db,
  logisticsCostOf,
  reconUnbilledDispatches,
  reconUnbilledOrders,
  withTenant,
} from '@switchyard/db';
import {
  computeLogisticsMarkup,
  computeOrderFee,
  SUPPLIER_SETTLEMENT_CURRENCY,
} from '../charges.ts';
import type { FeePlan } from '../plan.ts';
import { planInEffect } from './plans.ts';

/**
 * The ledger's side of the reconciliation (R-BIL-3): a completed order without its fee, a
 * shipped dispatch without the markup its plan asks. Each charge is written in the
 * transaction of its fact, so one missing is a fault, never a charge on its way. Whether a
 * charge is owed is decided as the order's billing decides it: the plan in effect at the fact,
 * the same computation (a zero fee or a 0 bp markup owes nothing).
 */
export async function ledgerFindings(db: Db, platformDefault: FeePlan): Promise<BillingFinding[]> {
  const findings: BillingFinding[] = [];
  for (const o of await reconUnbilledOrders(db)) {
    const fee = await withTenant(db, o.tenant_id, async (trx) => {
      const plan = await planInEffect(trx, {
        tenantId: o.tenant_id,
        at: new Date(o.completed_at),
        platformDefault,
      });
      return computeOrderFee(plan, { cancelled: false });
    });
    if (fee)
      findings.push({
        kind: 'order_fee_missing',
        subject: `order:${o.order_id}`,
        tenantId: o.tenant_id,
        detail: {
          orderId: o.order_id,
          expectedMinor: fee.amountMinor.toString(),
          currency: fee.currency,
        },
      });
  }
  for (const d of await reconUnbilledDispatches(db)) {
    const markup = await withTenant(db, d.tenant_id, async (trx) => {
      const cost = await logisticsCostOf(trx, { supplierId: d.supplier_id, orderId: d.order_id });
      if (cost === undefined) return null;
      const plan = await planInEffect(trx, {
        tenantId: d.tenant_id,
        at: new Date(d.shipped_at ?? Date.now()),
        platformDefault,
      });
      return computeLogisticsMarkup(plan, {
        costMinor: cost,
        currency: SUPPLIER_SETTLEMENT_CURRENCY,
      });
    });
    if (markup)
      findings.push({
        kind: 'markup_missing',
        subject: `dispatch:${d.dispatch_id}`,
        tenantId: d.tenant_id,
        detail: {
          orderId: d.order_id,
          dispatchId: d.dispatch_id,
          expectedMinor: markup.amountMinor.toString(),
          currency: markup.currency,
        },
      });
  }
  return findings;
}
