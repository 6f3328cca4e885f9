import {
  DEFAULT_FULFILLMENT_POLICY,
  type FulfillmentPolicy,
  orderWorkflowId,
} from '@switchyard/domain';
import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { type ImportStarterInput, importStarterWorkflowId } from './imports/messages.ts';
import {
  marketplaceReleasedSignal,
  type OrderRef,
  type OrderWorkflowInput,
} from './order/messages.ts';
import {
  type ReconcilerInput,
  reconcilerWorkflowId,
  type TokenKeeperInput,
  tokenKeeperWorkflowId,
} from './shop/messages.ts';

export const ORDER_TASK_QUEUE = 'orders';

/**
 * Starts a workflow under a deterministic id unless one with that id exists; every caller of
 * this module goes through it, which is what makes repeated starts harmless.
 * Returns whether this call started it.
 */
async function startOnce(
  client: Client,
  type: string,
  opts: {
    workflowId: string;
    taskQueue: string;
    arg: unknown;
    reuse?: 'REJECT_DUPLICATE' | 'ALLOW_DUPLICATE';
  },
): Promise<boolean> {
  try {
    await client.workflow.start(type, {
      workflowId: opts.workflowId,
      taskQueue: opts.taskQueue,
      args: [opts.arg],
      ...(opts.reuse && { workflowIdReusePolicy: opts.reuse }),
    });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}

/** An order to start, and the policy it is held to when not the platform's defaults. */
export type OrderStart = OrderRef & { policy?: FulfillmentPolicy };

/** The input an order's workflow starts with today: the order and its policy. */
export function orderWorkflowInput({ policy, ...order }: OrderStart): OrderWorkflowInput {
  return { version: 2, ...order, policy: policy ?? DEFAULT_FULFILLMENT_POLICY };
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
  const arg = orderWorkflowInput(input);
  // A finished order's id stays taken: a late duplicate must not fulfil the order twice.
  const started = await startOnce(client, 'orderFulfillment', {
    workflowId,
    taskQueue,
    arg,
    reuse: 'REJECT_DUPLICATE',
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

/** Timing of the per-shop workflows; production defaults, tests shorten them. */
export interface ShopWorkflowTiming {
  refreshAheadMs: number;
  reconcileIntervalMs: number;
  reconcileOverlapMs: number;
}

export const DEFAULT_SHOP_TIMING: ShopWorkflowTiming = {
  refreshAheadMs: 24 * 60 * 60 * 1000, // a day before the 7-day access token expires
  reconcileIntervalMs: 5 * 60 * 1000,
  reconcileOverlapMs: 10 * 60 * 1000,
};

/**
 * Starts (or finds running) the workflows that look after a bound shop: token refresh
 * (R-ONB-2) and reconciliation polling (R-IN-2). Safe to call on every (re-)authorization;
 * a keeper that stopped because the shop needed re-authorization starts again.
 */
export async function startShopWorkflows(
  client: Client,
  shop: { tenantId: string; shopId: string },
  taskQueue = ORDER_TASK_QUEUE,
  timing: ShopWorkflowTiming = DEFAULT_SHOP_TIMING,
  nowMs = Date.now(),
): Promise<void> {
  const keeper: TokenKeeperInput = { version: 1, ...shop, refreshAheadMs: timing.refreshAheadMs };
  const reconciler: ReconcilerInput = {
    version: 1,
    ...shop,
    intervalMs: timing.reconcileIntervalMs,
    overlapMs: timing.reconcileOverlapMs,
    sinceMs: nowMs - timing.reconcileOverlapMs,
  };
  await startOnce(client, 'shopTokenKeeper', {
    workflowId: tokenKeeperWorkflowId(shop.shopId),
    taskQueue,
    arg: keeper,
    reuse: 'ALLOW_DUPLICATE',
  });
  await startOnce(client, 'shopReconciler', {
    workflowId: reconcilerWorkflowId(shop.shopId),
    taskQueue,
    arg: reconciler,
    reuse: 'ALLOW_DUPLICATE',
  });
}

/** Starts the durable starter of a CSV import's orders; a second call finds it. */
export async function startImportStarter(
  client: Client,
  input: Omit<ImportStarterInput, 'version'>,
  taskQueue = ORDER_TASK_QUEUE,
) {
  const arg: ImportStarterInput = { version: 1, ...input };
  await startOnce(client, 'csvImportStarter', {
    workflowId: importStarterWorkflowId(input.importId),
    taskQueue,
    arg,
  });
}

/** Starts the daily buyer-data retention job (R-ONB-3) unless it already runs. */
export async function startRetentionJob(
  client: Client,
  retentionDays: number,
  taskQueue = ORDER_TASK_QUEUE,
) {
  await startOnce(client, 'buyerDataRetention', {
    workflowId: 'maintenance:buyer-data-retention',
    taskQueue,
    arg: { version: 1, retentionDays },
  });
}
