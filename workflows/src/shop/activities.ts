import { getShop, platformOrdersIn, withTenant } from '@switchyard/db';
import { PAST_CHECKS_STATUSES } from '@switchyard/domain';
import type { CallRecord } from '@switchyard/tiktok-shop';
import { ApplicationFailure } from '@temporalio/activity';
import { logMarketplaceCalls } from '../shared/api-calls.ts';
import { shopAuth } from '../shared/shop-auth.ts';
import { refreshShopTokensLocked, SHOP_NEEDS_REAUTH } from '../shared/shop-tokens.ts';
import type { ShopActivityDeps } from './deps.ts';

type ShopScope = { tenantId: string; shopId: string };

/** Only an active OAuth-bound shop has marketplace credentials to keep and orders to poll. */
const bound = (shop: { status: string; mode: string } | undefined) =>
  shop?.status === 'active' && shop.mode === 'api';

/** Activities of the per-shop workflows (token refresh, reconciliation). */
export function createShopActivities(deps: ShopActivityDeps) {
  const logCalls = (tenantId: string, calls: CallRecord[]) =>
    logMarketplaceCalls(deps.db, tenantId, null, calls);

  return {
    async tokenExpiry({ tenantId, shopId }: ShopScope) {
      const shop = await withTenant(deps.db, tenantId, (trx) => getShop(trx, shopId));
      return {
        active: bound(shop),
        accessExpiresAtMs: shop?.access_expires_at?.getTime() ?? 0,
      };
    },

    /** 'needs_reauth' when the marketplace refuses the refresh token for good. */
    async refreshShopTokens({ tenantId, shopId }: ShopScope): Promise<'ok' | 'needs_reauth'> {
      const calls: CallRecord[] = [];
      try {
        await refreshShopTokensLocked(
          deps,
          deps.marketplace((c) => calls.push(c)),
          tenantId,
          shopId,
        );
        return 'ok';
      } catch (err) {
        if (err instanceof ApplicationFailure && err.type === SHOP_NEEDS_REAUTH)
          return 'needs_reauth';
        throw err;
      } finally {
        await logCalls(tenantId, calls);
      }
    },

    /**
     * Lists orders updated in [fromMs, untilMs) page by page and hands each to the same
     * idempotent intake as webhooks: shippable orders start their workflow or tell the running
     * one (which releases an order recorded while the marketplace held it); cancelled ones
     * signal it. Deterministic workflow ids make every repeat harmless.
     */
    async reconcileShopOrders(input: ShopScope & { fromMs: number; untilMs: number }) {
      const { tenantId, shopId } = input;
      const calls: CallRecord[] = [];
      const client = deps.marketplace((c) => calls.push(c));
      let seen = 0;
      let started = 0;
      try {
        const shop = await withTenant(deps.db, tenantId, (trx) => getShop(trx, shopId));
        if (!bound(shop)) return { active: false, seen, started };
        const { auth, opts } = await shopAuth(deps, client, tenantId, shopId);
        let pageToken: string | undefined;
        do {
          const page = await client.searchOrders(
            auth,
            {
              pageSize: 50,
              pageToken,
              updateTimeGe: Math.floor(input.fromMs / 1000),
              updateTimeLt: Math.ceil(input.untilMs / 1000),
              sortField: 'update_time',
              sortOrder: 'ASC',
            },
            opts,
          );
          const awaiting = page.orders.filter((o) => o.status === 'AWAITING_SHIPMENT');
          const settled = await withTenant(deps.db, tenantId, (trx) =>
            platformOrdersIn(
              trx,
              shopId,
              awaiting.map((o) => String(o.id)),
              PAST_CHECKS_STATUSES,
            ),
          );
          for (const o of page.orders) {
            seen++;
            const order = { tenantId, shopId, platformOrderId: String(o.id) };
            if (o.status === 'AWAITING_SHIPMENT' && !settled.has(order.platformOrderId)) {
              const r = await deps.orders.startOrRelease(order);
              if (r.started) started++;
            } else if (o.status === 'CANCELLED') {
              await deps.orders.cancel(order, 'cancelled on the marketplace');
            }
          }
          pageToken = page.nextPageToken || undefined;
        } while (pageToken);
        return { active: true, seen, started };
      } finally {
        await logCalls(tenantId, calls);
      }
    },
  };
}

export type ShopActivities = ReturnType<typeof createShopActivities>;
