import { orderWorkflowId } from '@switchyard/domain';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { type ImportStarterInput, importStarterWorkflowId } from './imports/messages.ts';
import type { OrderWorkflowInput } from './order/messages.ts';
import {
  type ReconcilerInput,
  reconcilerWorkflowId,
  type TokenKeeperInput,
  tokenKeeperWorkflowId,
} from './shop/messages.ts';

export const ORDER_TASK_QUEUE = 'orders';

/**
 * Starts the order's workflow once: the id is derived from the order, so a duplicated or
 * replayed notification finds the running (or finished) workflow and changes nothing (R-IN-1).
 */
export async function startOrderWorkflow(
  client: Client,
  input: Omit<OrderWorkflowInput, 'version'>,
  taskQueue = ORDER_TASK_QUEUE,
): Promise<{ workflowId: string; started: boolean }> {
  const workflowId = orderWorkflowId(input.tenantId, input.shopId, input.platformOrderId);
  try {
    await client.workflow.start('orderFulfillment', {
      workflowId,
      taskQueue,
      args: [{ version: 1, ...input } satisfies OrderWorkflowInput],
      // A finished order's id stays taken: a late duplicate must not fulfil the order twice.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return { workflowId, started: true };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, started: false };
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
 * (R-ONB-2) and reconciliation polling (R-IN-2). Safe to call on every (re-)authorization.
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
  const start = async (type: string, workflowId: string, arg: unknown) => {
    try {
      // A keeper that stopped (shop needed re-authorization) may start again.
      await client.workflow.start(type, {
        workflowId,
        taskQueue,
        args: [arg],
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  };
  await start('shopTokenKeeper', tokenKeeperWorkflowId(shop.shopId), keeper);
  await start('shopReconciler', reconcilerWorkflowId(shop.shopId), reconciler);
}

/** Starts the durable starter of a CSV import's orders; a second call finds it. */
export async function startImportStarter(
  client: Client,
  input: Omit<ImportStarterInput, 'version'>,
  taskQueue = ORDER_TASK_QUEUE,
) {
  try {
    await client.workflow.start('csvImportStarter', {
      workflowId: importStarterWorkflowId(input.importId),
      taskQueue,
      args: [{ version: 1, ...input } satisfies ImportStarterInput],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/** Starts the daily buyer-data retention job (R-ONB-3) unless it already runs. */
export async function startRetentionJob(
  client: Client,
  retentionDays: number,
  taskQueue = ORDER_TASK_QUEUE,
) {
  try {
    await client.workflow.start('buyerDataRetention', {
      workflowId: 'maintenance:buyer-data-retention',
      taskQueue,
      args: [{ version: 1, retentionDays }],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
