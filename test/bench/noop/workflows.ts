import {
  condition,
  defineSignal,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';
import type { NoopActivities } from './activities.ts';

export const supplierAck = defineSignal('supplierAck');
export const supplierShipment = defineUpdate<void>('supplierShipment');

const acts = proxyActivities<NoopActivities>({ startToCloseTimeout: '30 seconds' });
const local = proxyLocalActivities<NoopActivities>({ startToCloseTimeout: '30 seconds' });

/**
 * The order workflow's happy path (input version 5) with nothing inside: two local activities
 * (record, dispatch), one regular activity (push-back), the supplier's acknowledgement (a signal) and shipment (an update), each awaited under a timer as the
 * order awaits its acknowledgement and shipment. What the engine can do with work of this
 * shape is the ceiling the end-to-end benchmark compares orders with.
 */
export async function noopOrder(): Promise<void> {
  let acked = false;
  let shipped = false;
  setHandler(supplierAck, () => {
    acked = true;
  });
  setHandler(supplierShipment, () => {
    shipped = true;
  });
  await local.recordOrder();
  await local.dispatchToSupplier();
  await condition(() => acked, '30 minutes');
  await condition(() => shipped, '30 minutes');
  await acts.pushTracking();
}
