import { addSupplierDay, countRefusedNumbers, type Trx } from '@switchyard/db';
import { shippedOnTime } from '@switchyard/domain';

/**
 * R-RT-1 record: a shipped dispatch counts as shipped, on time when it met the order's deadline,
 * and with valid tracking when no number of it was refused (by the partner API's check or by
 * the marketplace). Called in the transaction that marks the dispatch shipped, once.
 */
export async function countShipment(
  trx: Trx,
  d: { orderId: string; dispatchId: string; supplierId: string; dispatchedAt: Date },
): Promise<void> {
  const order = await trx
    .selectFrom('orders')
    .select('ship_by')
    .where('id', '=', d.orderId)
    .executeTakeFirstOrThrow();
  const refused = await countRefusedNumbers(trx, d.orderId, d.dispatchId);
  await addSupplierDay(trx, d.supplierId, {
    shipped: 1,
    shippedOnTime: shippedOnTime(d.dispatchedAt, new Date(), order.ship_by) ? 1 : 0,
    validTracking: refused === 0 ? 1 : 0,
  });
}
