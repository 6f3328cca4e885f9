import { type Db, notifyTenant, setShopStatus, withTenant } from '@switchyard/db';
import { orderWorkflowId } from '@switchyard/domain';
import type { TtsWebhookEvent } from '@switchyard/tiktok-shop';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { signalRecheck, startOrReleaseOrderWorkflow } from './order/client.ts';
import { cancelOrderSignal } from './order/messages.ts';

/** What acting on a marketplace notification needs; the shop's rows are written under RLS. */
export interface MarketplaceEventDeps {
  db: Db;
  temporal: Client;
  /** Where order workflows run (the order task queue by default). */
  taskQueue?: string;
}

type Scope = { tenantId: string; shopId: string };

/** Signals an order's workflow if it exists; an order never started has nothing to tell. */
async function signalOrder(
  deps: MarketplaceEventDeps,
  s: Scope,
  orderId: string,
  send: (h: WorkflowHandle) => Promise<void>,
) {
  await send(
    deps.temporal.workflow.getHandle(orderWorkflowId(s.tenantId, s.shopId, orderId)),
  ).catch((err: Error) => {
    if (err.name !== 'WorkflowNotFoundError') throw err;
  });
}

/**
 * What a marketplace notification means for the shop and its orders (R-IN-1), for whoever
 * received and stored it: shippable orders start their workflow (or tell the running one,
 * which releases an order recorded while the marketplace still held it), cancellations and
 * address changes signal it, authorization events mark the shop and tell the tenant
 * (R-ONB-2). Every branch is idempotent.
 */
export async function routeMarketplaceEvent(
  deps: MarketplaceEventDeps,
  s: Scope,
  event: TtsWebhookEvent,
): Promise<void> {
  switch (event.kind) {
    case 'order_status':
      // By status only: `is_on_hold_order` stays true on orders that went through ON_HOLD long
      // after they were released (reference §3), so it cannot tell whether to start.
      if (event.status === 'AWAITING_SHIPMENT') {
        await startOrReleaseOrderWorkflow(
          deps.temporal,
          { ...s, platformOrderId: event.orderId },
          deps.taskQueue,
        );
      } else if (event.status === 'CANCELLED') {
        await signalOrder(deps, s, event.orderId, (h) =>
          h.signal(cancelOrderSignal, { reason: 'cancelled on the marketplace' }),
        );
      }
      return;
    case 'cancellation':
      if (
        event.cancelStatus === 'CANCELLATION_REQUEST_SUCCESS' ||
        event.cancelStatus === 'CANCELLATION_REQUEST_COMPLETE'
      ) {
        await signalOrder(deps, s, event.orderId, (h) =>
          h.signal(cancelOrderSignal, { reason: 'buyer cancellation accepted' }),
        );
      }
      return;
    case 'address_update':
      // The buyer fixed the address: a held order re-runs its checks.
      await signalRecheck(deps.temporal, [orderWorkflowId(s.tenantId, s.shopId, event.orderId)]);
      return;
    case 'deauthorization':
      await withTenant(deps.db, s.tenantId, async (trx) => {
        await setShopStatus(trx, s.shopId, 'deauthorized');
        await notifyTenant(trx, {
          ...s,
          kind: 'shop_deauthorized',
          message: 'The seller revoked this shop’s authorization; orders are no longer received.',
          dedupeKey: `deauthorized:${event.notificationId}`,
        });
      });
      return;
    case 'authorization_expiring':
      await withTenant(deps.db, s.tenantId, (trx) =>
        notifyTenant(trx, {
          ...s,
          kind: 'authorization_expiring',
          message: `The shop’s authorization expires on ${new Date(event.expirationTime * 1000).toISOString().slice(0, 10)}; authorize it again to keep orders flowing.`,
          dedupeKey: `expiring:${s.shopId}:${new Date(event.timestamp * 1000).toISOString().slice(0, 10)}`,
        }),
      );
      return;
    default:
      return; // package updates and unknown topics are stored, not acted on
  }
}
