import type { OrderStatus } from '@switchyard/domain';
import type { FulfillmentPolicy } from '@switchyard/domain/policy';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { OrderRef } from '../shared/order-intake.ts';

export type { OrderRef };

/**
 * Input of the order workflow; `version` lets running workflows evolve (patched()). Since
 * version 2 the input carries the policy the order is held to, resolved when it starts, so a
 * later change of policy never changes what a running workflow does. Version 1 inputs, of
 * workflows started before, carry none and run with the defaults. Version 3 runs the short
 * database steps as local activities and merges steps that belong together (record + rank,
 * last push-back + charge + completion); workflows started on 1 or 2 keep their steps. From
 * version 4 the partner API records a supplier's acknowledgement before the workflow takes it,
 * so the workflow runs no step for it, and at the deadline withdraws only a dispatch that is
 * still unanswered; version 3 workflows keep recording it themselves. Version 5 dispatches in a
 * local activity and holds each supplier to the clocks its dispatch reports.
 */
export type OrderWorkflowInput =
  | (OrderRef & { version: 1; policy?: undefined })
  | (OrderRef & { version: 2 | 3 | 4 | 5; policy: FulfillmentPolicy });

/** R-SLA-2: the supplier confirms receipt, expected ship time and channel. */
export interface SupplierAck {
  dispatchId: string;
  expectedShipAt?: string;
  channel?: string;
}

/** R-SLA-3: the supplier returns tracking number and carrier. */
export interface SupplierShipment {
  dispatchId: string;
  trackingNumber: string;
  carrier: string;
  /** A split shipment's items (supplier item codes); absent: everything not yet shipped. */
  lines?: Array<{ supplierItemCode: string; quantity: number }>;
  /** The api's record of it (supplier_shipments), when it came by supplierShippedSignal. */
  shipmentId?: string;
}

export interface SupplierRejection {
  dispatchId: string;
  reason: string;
}

export interface OrderProgress {
  /** Where the workflow is: the order's status as the tenant sees it. */
  phase: OrderStatus;
  orderId?: string;
  dispatchId?: string;
  supplierId?: string;
  trackingNumber?: string;
  /** R-RT-1 split: each line group's own dispatch and where it is. */
  groups?: GroupProgress[];
}

export interface GroupProgress {
  index: number;
  phase: OrderStatus;
  dispatchId?: string;
  supplierId?: string;
}

/** R-SLA-2, as api processes of before told it; still taken while any of them may run. */
export const supplierAckUpdate = defineUpdate<{ accepted: true }, [SupplierAck]>('supplierAck');
/**
 * R-SLA-2: the partner API has recorded the supplier's acknowledgement, and the workflow only
 * needs waking. A signal is durable once the server has it and never waits for a worker: a
 * supplier that acknowledges from inside our dispatch call is not kept waiting on the workflow
 * task that makes that call (a local activity from version 5).
 */
export const supplierAckedSignal = defineSignal<[SupplierAck]>('supplierAcked');
/**
 * R-SLA-3: the api has recorded the supplier's shipment (supplier_shipments) and answered the
 * supplier; the workflow only needs waking. A signal is durable once the server has it and
 * waits for no worker, and the api's sweep sends it again while the record is not taken, so a
 * shipment is never lost to a starved worker or a Temporal restart. A repeat of one the
 * workflow already took (same `shipmentId`) is ignored.
 */
export const supplierShippedSignal = defineSignal<[SupplierShipment]>('supplierShipped');
/** R-SLA-3, as api processes of before delivered it; still taken while any of them may run. */
export const supplierShipmentUpdate = defineUpdate<{ accepted: true }, [SupplierShipment]>(
  'supplierShipment',
);
export const supplierRejectUpdate = defineUpdate<{ accepted: true }, [SupplierRejection]>(
  'supplierReject',
);
export const cancelOrderSignal = defineSignal<[{ reason: string }]>('cancelOrder');
/** The tenant fixed what held the order (mapping, address): run the checks again. */
export const recheckSignal = defineSignal('recheck');
/**
 * The marketplace says the order may ship (AWAITING_SHIPMENT). An order held because the
 * marketplace had not released it re-checks at once; any other order ignores it.
 */
export const marketplaceReleasedSignal = defineSignal('marketplaceReleased');
export const progressQuery = defineQuery<OrderProgress>('progress');
