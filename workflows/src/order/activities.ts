import { appendOrderEvent, raiseOperatorAlert, updateOrder } from '@switchyard/db';
import type { OrderProgressEvent, OrderStatus } from '@switchyard/domain';
import { orderBilling } from './billing.ts';
import { activityContext, type Scope } from './context.ts';
import type { OrderActivityDeps } from './deps.ts';
import { dispatchActivities } from './dispatch.ts';
import { groupHoldActivities } from './group-hold.ts';
import { intakeActivities } from './intake.ts';
import { pushBackActivities } from './push-back.ts';

/** Order activities; each is idempotent because Temporal may run it more than once. */
export function createOrderActivities(deps: OrderActivityDeps) {
  const ctx = activityContext(deps);
  const billing = orderBilling(ctx);
  return {
    ...intakeActivities(ctx),
    ...dispatchActivities(ctx),
    ...pushBackActivities(ctx),
    ...groupHoldActivities(ctx),

    /**
     * One step on the order's timeline (R-DIAG-1), with its new status when it has one, and a
     * cancellation's charge when its plan has one.
     */
    async recordProgress(
      input: Scope & {
        kind: OrderProgressEvent;
        dedupeKey: string;
        detail: Record<string, unknown>;
        status?: OrderStatus | undefined;
      },
    ) {
      const { tenantId, orderId } = input;
      await ctx.tx(tenantId, async (trx) => {
        if (input.status) await updateOrder(trx, orderId, { status: input.status });
        await appendOrderEvent(trx, {
          tenantId,
          orderId,
          kind: input.kind,
          dedupeKey: input.dedupeKey,
          detail: input.detail,
        });
        // R-BIL-1: a cancelled order pays its fee only when its plan says so.
        if (input.status === 'cancelled')
          await billing.chargeOrderFee(trx, { tenantId, orderId, cancelled: true });
        // Routing and re-routing ran out of suppliers: someone must look at the network.
        if (input.kind === 'no_supplier')
          await raiseOperatorAlert(trx, {
            kind: 'order_unfulfilled',
            dedupeKey: `order_unfulfilled:${orderId}`,
            tenantId,
            orderId,
            message: `Order ${orderId} failed: no supplier could take it (${Number(input.detail.tried ?? 0)} tried)`,
            detail: input.detail,
            deliver: true,
          });
      });
    },
  };
}

export type OrderActivities = ReturnType<typeof createOrderActivities>;
