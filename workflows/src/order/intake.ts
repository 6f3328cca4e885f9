import { decrypt, encrypt } from '@switchyard/auth';
import {
  type ApiCallInput,
  appendOrderEvent,
  getImportedOrder,
  getShop,
  recordApiCalls,
  type Trx,
  upsertOrder,
} from '@switchyard/db';
import type { FulfillmentOrder, FulfillmentPolicy, Hold, Recipient } from '@switchyard/domain';
import { ApplicationFailure } from '@temporalio/activity';
import { shopAuth } from '../shared/shop-auth.ts';
import { checkOrder } from './checks.ts';
import type { ActivityContext, Scope } from './context.ts';
import { ensureOrderLabel } from './label.ts';
import { mapTikTokOrder } from './map-order.ts';
import { type LineGroupRoute, routeOrderGroups, routeRecordedOrder } from './route.ts';

type Source = 'marketplace' | 'csv';

/** Recording an order and running the checks, again whenever the tenant fixes something. */
export function intakeActivities(ctx: ActivityContext) {
  const { deps, tx } = ctx;

  /** The order as its source knows it: the marketplace API, or the tenant's CSV import (R-IN-3). */
  async function fetchOrder(
    tenantId: string,
    shopId: string,
    platformOrderId: string,
    orderId: string | null,
    source: Source,
    log?: ApiCallInput[],
  ) {
    if (source === 'csv') {
      const row = await tx(tenantId, (trx) => getImportedOrder(trx, shopId, platformOrderId));
      if (!row)
        throw ApplicationFailure.nonRetryable(
          `imported order ${platformOrderId} not found`,
          'ORDER_NOT_FOUND',
        );
      const data = JSON.parse(decrypt(deps.keyring, row.data_enc)) as FulfillmentOrder & {
        totalMinor: string;
      };
      return {
        ...data,
        totalMinor: BigInt(data.totalMinor),
        shipBy: data.shipBy ? new Date(data.shipBy) : null,
      };
    }
    return ctx.withMarketplace({ tenantId, orderId, log }, async (client) => {
      const { auth, opts } = await shopAuth(deps, client, tenantId, shopId);
      const [o] = await client.getOrderDetail(auth, [platformOrderId], opts);
      if (!o)
        throw ApplicationFailure.nonRetryable(
          `order ${platformOrderId} not found`,
          'ORDER_NOT_FOUND',
        );
      return mapTikTokOrder(o);
    });
  }

  /** Logs the calls (R-DIAG-1) of a step that failed before its transaction wrote them. */
  const logThenThrow = (tenantId: string, calls: ApiCallInput[]) => async (err: unknown) => {
    if (calls.length > 0) await tx(tenantId, (trx) => recordApiCalls(trx, calls));
    throw err;
  };

  /** Checks the order and stores the outcome: cleaned address (original kept), mapped lines, holds. */
  async function checkAndStore(
    trx: Trx,
    tenantId: string,
    orderId: string,
    shopId: string,
    order: FulfillmentOrder,
  ) {
    const shop = await getShop(trx, shopId);
    const row = await trx
      .selectFrom('orders')
      .select('recipient_override_enc')
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    const override: Recipient | null = row.recipient_override_enc
      ? JSON.parse(decrypt(deps.keyring, row.recipient_override_enc))
      : null;
    const checked = await checkOrder(trx, order, { carriers: shop?.carriers ?? [] }, override);
    const enc = (r: Recipient | null) => (r ? encrypt(deps.keyring, JSON.stringify(r)) : null);
    await trx
      .updateTable('orders')
      .set({
        recipient_enc: enc(checked.recipient),
        recipient_original_enc: enc(order.recipient),
        ship_country: checked.recipient?.country ?? null,
        carrier: order.carrierCode,
        supplier_lines: JSON.stringify(checked.supplierLines),
        holds: JSON.stringify(checked.holds),
        updated_at: new Date(),
      })
      .where('id', '=', orderId)
      .execute();
    if (checked.changes.length > 0) {
      // The timeline says what was cleaned, never the buyer's data itself (R-ONB-3).
      const changes = checked.changes.map((c) => ({ field: c.field, kind: c.kind }));
      await appendOrderEvent(trx, {
        tenantId,
        orderId,
        kind: 'address_cleaned',
        dedupeKey: `address_cleaned:${JSON.stringify(changes)}`,
        detail: { changes },
      });
    }
    return checked;
  }

  /**
   * After the checks passed: a TikTok Shipping order gets its platform label (R-CHK-3) before
   * any supplier sees it; when none can be bought the order is held with the reason, on its row
   * as the checks' holds are, and a re-check tries again.
   */
  async function labelHolds(
    tenantId: string,
    orderId: string,
    shopId: string,
    platformOrderId: string,
    order: FulfillmentOrder,
    source: Source,
  ): Promise<Hold[]> {
    if (order.shippingType !== 'TIKTOK' || source !== 'marketplace') return [];
    const holds = await ensureOrderLabel(ctx, { tenantId, orderId, shopId, platformOrderId });
    if (holds.length > 0)
      await tx(tenantId, (trx) =>
        trx
          .updateTable('orders')
          .set({ holds: JSON.stringify(holds), updated_at: new Date() })
          .where('id', '=', orderId)
          .execute(),
      );
    return holds;
  }

  /** Routes an order as it is stored (after a hold, or for its line groups). */
  function routeStored({ tenantId, orderId }: Scope) {
    return tx(tenantId, async (trx) => {
      const order = await trx
        .selectFrom('orders')
        .select(['ship_country', 'carrier', 'supplier_lines', 'ship_by'])
        .where('id', '=', orderId)
        .executeTakeFirstOrThrow();
      return routeOrderGroups(trx, {
        tenantId,
        orderId,
        country: order.ship_country,
        carrier: order.carrier,
        lines: order.supplier_lines,
        shipBy: order.ship_by,
        now: ctx.now(),
      });
    });
  }

  return {
    /**
     * Records the order once (PII encrypted) and runs the checks, in one transaction. With
     * `rank`, an order that nothing holds comes back with its supplier candidates too.
     */
    async recordOrder(input: {
      tenantId: string;
      shopId: string;
      platformOrderId: string;
      workflowId: string;
      source?: Source;
      rank?: boolean;
      /** The order's policy; its routing mode decides which suppliers it tries (R-RT-1). */
      policy?: Pick<FulfillmentPolicy, 'routingMode'>;
    }): Promise<{
      orderId: string;
      holds: Hold[];
      shipByMs: number | null;
      candidates?: string[];
    }> {
      const { tenantId, shopId, platformOrderId, workflowId } = input;
      const source = input.source ?? 'marketplace';
      // The marketplace call is logged in the transaction that records the order.
      const calls: ApiCallInput[] = [];
      const order = await fetchOrder(tenantId, shopId, platformOrderId, null, source, calls).catch(
        logThenThrow(tenantId, calls),
      );
      const recorded = await tx(tenantId, async (trx) => {
        await recordApiCalls(trx, calls);
        const orderId = await upsertOrder(trx, {
          tenantId,
          shopId,
          platformOrderId,
          workflowId,
          status: 'received',
          shipCountry: order.recipient?.country ?? null,
          currency: order.currency,
          totalMinor: order.totalMinor,
          lines: order.lines,
          recipientEnc: null,
          shipBy: order.shipBy,
          source,
        });
        await appendOrderEvent(trx, {
          tenantId,
          orderId,
          kind: 'received',
          dedupeKey: 'received',
          detail: { source, marketplaceStatus: order.status },
        });
        const checked = await checkAndStore(trx, tenantId, orderId, shopId, order);
        const { holds } = checked;
        const shipByMs = order.shipBy?.getTime() ?? null;
        if (!input.rank || holds.length > 0) return { orderId, holds, shipByMs };
        const candidates = await routeRecordedOrder(trx, {
          tenantId,
          orderId,
          country: checked.recipient?.country ?? null,
          carrier: order.carrierCode,
          lines: checked.supplierLines,
          shipBy: order.shipBy,
          now: ctx.now(),
          mode: input.policy?.routingMode,
        });
        return { orderId, holds, shipByMs, candidates };
      }).catch(logThenThrow(tenantId, calls));
      // No label for an order that is held or that no supplier can take.
      if (recorded.holds.length > 0 || recorded.candidates?.length === 0) return recorded;
      const { orderId, shipByMs } = recorded;
      const held = await labelHolds(tenantId, orderId, shopId, platformOrderId, order, source);
      return held.length > 0 ? { orderId, holds: held, shipByMs } : recorded;
    },

    /** Re-reads the order (the buyer may have fixed the address) and checks it again. */
    async recheckOrder({ tenantId, orderId }: Scope) {
      const row = await ctx.loadOrder(tenantId, orderId);
      const order = await fetchOrder(
        tenantId,
        row.shop_id,
        row.platform_order_id,
        orderId,
        row.source,
      );
      const checked = await tx(tenantId, (trx) =>
        checkAndStore(trx, tenantId, orderId, row.shop_id, order),
      );
      if (checked.holds.length > 0) return checked.holds;
      // As at intake: no label for an order no single supplier can take. Split, each line group
      // gets its own when it is dispatched (R-RT-1, R-CHK-3).
      if (
        order.shippingType === 'TIKTOK' &&
        (await routeStored({ tenantId, orderId })).candidates.length === 0
      )
        return [];
      return labelHolds(tenantId, orderId, row.shop_id, row.platform_order_id, order, row.source);
    },

    /** Supplier ids able to take the order, best first (R-RT-1), once a hold is released. */
    async rankSuppliers(scope: Scope): Promise<string[]> {
      return (await routeStored(scope)).candidates;
    },

    /**
     * R-RT-1: the line groups of an order no single supplier can fill, each with its suppliers
     * best first; none when one supplier can take it all, or no set of suppliers can.
     */
    async routeLineGroups(scope: Scope): Promise<LineGroupRoute[]> {
      return (await routeStored(scope)).groups;
    },
  };
}
