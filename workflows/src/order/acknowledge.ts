import {
  addSupplierDay,
  appendOrderEvents,
  markDispatchAcknowledged,
  type OrderEventInput,
  type Trx,
  updateOrder,
} from '@switchyard/db';
import { ackedInTime } from '@switchyard/domain';

/** R-SLA-2: what a supplier states when it acknowledges a dispatch. */
export interface Acknowledgement {
  tenantId: string;
  orderId: string;
  dispatchId: string;
  expectedShipAt?: string | undefined;
  channel?: string | undefined;
}

/** The timeline's step for a dispatch the supplier received (R-RT-2), one per dispatch. */
export const dispatchedEvent = (
  a: { tenantId: string; orderId: string; dispatchId: string },
  supplierCode: string,
): OrderEventInput => ({
  tenantId: a.tenantId,
  orderId: a.orderId,
  kind: 'dispatched',
  dedupeKey: `dispatched:${a.dispatchId}`,
  detail: { supplier: supplierCode, dispatchId: a.dispatchId },
});

/**
 * Records a supplier's acknowledgement (R-SLA-2) in the caller's transaction, in the tenant's
 * scope: the dispatch, the order's status and its timeline. Only a dispatch that is `sent` and
 * that its order still waits on is acknowledged; returns false for any other, which is left as
 * it is. The partner API calls it before it tells the order's workflow; version 3 workflows
 * still call it after (recordAck), when it usually finds the dispatch acknowledged already.
 */
export async function recordAcknowledgement(trx: Trx, a: Acknowledgement): Promise<boolean> {
  const { tenantId, orderId, dispatchId } = a;
  const expectedShipAt = a.expectedShipAt ? new Date(a.expectedShipAt) : null;
  const acked = await markDispatchAcknowledged(trx, dispatchId, expectedShipAt);
  if (!acked) return false;
  // R-RT-1 record: counted once, as the acknowledgement is recorded once.
  if (ackedInTime(new Date(acked.createdAt), new Date()))
    await addSupplierDay(trx, acked.supplierId, { ackedInTime: 1 });
  await updateOrder(trx, orderId, { status: 'acknowledged', supplierId: acked.supplierId });
  await appendOrderEvents(trx, [
    // A supplier can answer before the call that dispatched it has returned and been recorded.
    // Its answer shows it received the order: that step goes first (once, by its key), so the
    // timeline reads in order whichever transaction commits first.
    dispatchedEvent(a, acked.supplierCode),
    {
      tenantId,
      orderId,
      kind: 'acknowledged',
      dedupeKey: `acknowledged:${dispatchId}`,
      detail: { dispatchId, expectedShipAt: a.expectedShipAt, channel: a.channel },
    },
  ]);
  return true;
}
