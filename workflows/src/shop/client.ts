import type { Client } from '@temporalio/client';
import { ORDER_TASK_QUEUE, startOnce } from '../shared/start-once.ts';
import {
  type ReconcilerInput,
  reconcilerWorkflowId,
  type TokenKeeperInput,
  tokenKeeperWorkflowId,
} from './messages.ts';
import { shopReconciler, shopTokenKeeper } from './workflows.ts';

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
  await startOnce(client, shopTokenKeeper, {
    workflowId: tokenKeeperWorkflowId(shop.shopId),
    taskQueue,
    args: [keeper],
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
  });
  await startOnce(client, shopReconciler, {
    workflowId: reconcilerWorkflowId(shop.shopId),
    taskQueue,
    args: [reconciler],
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
  });
}
