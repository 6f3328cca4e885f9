import { type ApiCallInput, getOrder, type Trx, withTenant } from '@switchyard/db';
import { DEFAULT_FULFILLMENT_POLICY, type FulfillmentPolicy } from '@switchyard/domain';
import type { CallRecord, TikTokShopClient } from '@switchyard/tiktok-shop';
import { ApplicationFailure } from '@temporalio/activity';
import { logMarketplaceCalls, marketplaceCallRow } from '../shared/api-calls.ts';
import type { OrderActivityDeps } from './deps.ts';

export type Scope = { tenantId: string; orderId: string };

/**
 * The order's policy, passed by its workflow. A task that a worker of the previous release
 * scheduled carries none, and is held to the defaults that release had.
 */
export type WithPolicy = { policy?: FulfillmentPolicy | undefined };
export const policyOf = (input: WithPolicy): FulfillmentPolicy =>
  input.policy ?? DEFAULT_FULFILLMENT_POLICY;

/** Helpers every order activity shares: tenant transactions, logged marketplace calls, loads. */
export function activityContext(deps: OrderActivityDeps) {
  const tx = <T>(tenantId: string, fn: (trx: Trx) => Promise<T>) =>
    withTenant(deps.db, tenantId, fn);

  /**
   * Runs marketplace calls and logs each HTTP attempt against the order (R-DIAG-1): in a
   * transaction of its own, or into `scope.log` when the caller writes them with its own.
   */
  async function withMarketplace<T>(
    scope: { tenantId: string; orderId: string | null; log?: ApiCallInput[] },
    fn: (client: TikTokShopClient) => Promise<T>,
  ): Promise<T> {
    const calls: CallRecord[] = [];
    try {
      return await fn(deps.marketplace((rec) => calls.push(rec)));
    } finally {
      const { tenantId, orderId, log } = scope;
      if (log) log.push(...calls.map((c) => marketplaceCallRow(tenantId, orderId, c)));
      else await logMarketplaceCalls(deps.db, tenantId, orderId, calls);
    }
  }

  async function loadOrder(tenantId: string, orderId: string) {
    const order = await tx(tenantId, (trx) => getOrder(trx, orderId));
    if (!order)
      throw ApplicationFailure.nonRetryable(`order ${orderId} not found`, 'ORDER_NOT_FOUND');
    return order;
  }

  return { deps, tx, withMarketplace, loadOrder, now: deps.now ?? (() => new Date()) };
}

export type ActivityContext = ReturnType<typeof activityContext>;
