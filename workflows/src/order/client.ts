import {
  DEFAULT_FULFILLMENT_POLICY,
  type FulfillmentPolicy,
  orderWorkflowId,
} from '@switchyard/domain';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { OrderIntake, OrderRef } from '../shared/order-intake.ts';
import { ORDER_TASK_QUEUE, startOnce } from '../shared/start-once.ts';
import {
  cancelOrderSignal,
  marketplaceReleasedSignal,
  type OrderWorkflowInput,
  recheckSignal,
} from './messages.ts';
import { orderFulfillment } from './workflows.ts';

/** An order to start, and the policy it is held to when not the platform's defaults. */
export type OrderStart = OrderRef & { policy?: FulfillmentPolicy };

/** The input an order's workflow starts with today: the order and its policy. */
export function orderWorkflowInput({ policy, ...order }: OrderStart): OrderWorkflowInput {
  return { version: 5, ...order, policy: policy ?? DEFAULT_FULFILLMENT_POLICY };
}

/**
 * Starts the order's workflow once: the id is derived from the order, so a duplicated or
 * replayed notification finds the running (or finished) workflow and changes nothing (R-IN-1).
 */
export async function startOrderWorkflow(
  client: Client,
  input: OrderStart,
  taskQueue = ORDER_TASK_QUEUE,
): Promise<{ workflowId: string; started: boolean }> {
  const workflowId = orderWorkflowId(input.tenantId, input.shopId, input.platformOrderId);
  // A finished order's id stays taken: a late duplicate must not fulfil the order twice.
  const started = await startOnce(client, orderFulfillment, {
    workflowId,
    taskQueue,
    args: [orderWorkflowInput(input)],
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
  });
  return { workflowId, started };
}

/**
 * For the marketplace saying an order may ship (AWAITING_SHIPMENT), by notification or in
 * reconciliation: starts the order's workflow, or tells the running one. The order may have
 * been recorded while the marketplace still withheld it (MARKETPLACE_ON_HOLD); this is what
 * releases it. The workflow keeps the signal if it comes before the hold is recorded, and
 * ignores it when it is not held by the marketplace. A workflow that no longer runs is left alone.
 */
export async function startOrReleaseOrderWorkflow(
  client: Client,
  input: OrderStart,
  taskQueue = ORDER_TASK_QUEUE,
): Promise<{ workflowId: string; started: boolean; signalled: boolean }> {
  const r = await startOrderWorkflow(client, input, taskQueue);
  if (r.started) return { ...r, signalled: false };
  try {
    await client.workflow.getHandle(r.workflowId).signal(marketplaceReleasedSignal);
    return { ...r, signalled: true };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return { ...r, signalled: false };
    throw err;
  }
}

// Enough parallelism for a tenant with many held orders, without flooding the frontend.
const SIGNAL_CONCURRENCY = 16;

/**
 * Asks each order's workflow to run the checks again. Only after what changed (a tenant's fix,
 * the buyer's address) is committed, or the re-check may read the old data. A workflow that
 * no longer exists has nothing to re-check. Returns how many were signalled.
 */
export async function signalRecheck(temporal: Client, workflowIds: readonly string[]) {
  let signalled = 0;
  for (let i = 0; i < workflowIds.length; i += SIGNAL_CONCURRENCY) {
    const batch = workflowIds.slice(i, i + SIGNAL_CONCURRENCY);
    const sent = await Promise.all(
      batch.map((id) =>
        temporal.workflow
          .getHandle(id)
          .signal(recheckSignal)
          .then(
            () => true,
            (err: Error) => {
              if (err.name === 'WorkflowNotFoundError') return false;
              throw err;
            },
          ),
      ),
    );
    signalled += sent.filter(Boolean).length;
  }
  return signalled;
}

/** The order family's intake, for the worker to hand to the families that find orders. */
export function createOrderIntake(client: Client, taskQueue = ORDER_TASK_QUEUE): OrderIntake {
  return {
    start: (order) => startOrderWorkflow(client, order, taskQueue),
    startOrRelease: (order) => startOrReleaseOrderWorkflow(client, order, taskQueue),
    async cancel(order, reason) {
      await client.workflow
        .getHandle(orderWorkflowId(order.tenantId, order.shopId, order.platformOrderId))
        .signal(cancelOrderSignal, { reason })
        .catch(() => {}); // never started, or already finished: nothing to stop
    },
  };
}
