import { decrypt, encrypt } from '@switchyard/auth';
import {
  addLedgerEntry,
  appendOrderEvent,
  getOrder,
  getSupplier,
  insertDispatch,
  listActiveSuppliers,
  markDispatchAcknowledged,
  markDispatchRejected,
  markDispatchShipped,
  recordApiCall,
  type Trx,
  updateOrder,
  upsertOrder,
  withTenant,
} from '@switchyard/db';
import {
  checkRequiredFields,
  computeOrderFee,
  type FulfillmentOrder,
  type Hold,
  type Recipient,
  rankSuppliers,
} from '@switchyard/domain';
import { SupplierDispatchError } from '@switchyard/suppliers';
import { type CallRecord, TikTokShopError } from '@switchyard/tiktok-shop';
import { ApplicationFailure } from '@temporalio/activity';
import { logMarketplaceCalls } from '../api-calls.ts';
import type { OrderActivityDeps } from './deps.ts';
import { mapTikTokOrder } from './map-order.ts';
import { shopAuth } from './shop-auth.ts';

type Scope = { tenantId: string; orderId: string };
const ACK_WINDOW_MS = 30 * 60 * 1000; // R-SLA-2

/** Order activities; each is idempotent because Temporal may run it more than once. */
export function createOrderActivities(deps: OrderActivityDeps) {
  const now = deps.now ?? (() => new Date());
  const tx = <T>(tenantId: string, fn: (trx: Trx) => Promise<T>) =>
    withTenant(deps.db, tenantId, fn);

  /** Runs marketplace calls for one order and logs each HTTP attempt (R-DIAG-1). */
  async function withMarketplace<T>(
    scope: { tenantId: string; orderId: string | null },
    fn: (client: ReturnType<OrderActivityDeps['marketplace']>) => Promise<T>,
  ): Promise<T> {
    const calls: CallRecord[] = [];
    try {
      return await fn(deps.marketplace((rec) => calls.push(rec)));
    } finally {
      await logMarketplaceCalls(deps.db, scope.tenantId, scope.orderId, calls);
    }
  }

  async function fetchOrder(
    tenantId: string,
    shopId: string,
    platformOrderId: string,
    orderId: string | null,
  ) {
    return withMarketplace({ tenantId, orderId }, async (client) => {
      const { auth, onTokenExpired } = await shopAuth(deps, client, tenantId, shopId);
      const [o] = await client.getOrderDetail(auth, [platformOrderId], { onTokenExpired });
      if (!o)
        throw ApplicationFailure.nonRetryable(
          `order ${platformOrderId} not found`,
          'ORDER_NOT_FOUND',
        );
      return mapTikTokOrder(o);
    });
  }

  function check(order: FulfillmentOrder): Hold[] {
    return checkRequiredFields(order);
  }

  async function loadOrder(tenantId: string, orderId: string) {
    const order = await tx(tenantId, (trx) => getOrder(trx, orderId));
    if (!order)
      throw ApplicationFailure.nonRetryable(`order ${orderId} not found`, 'ORDER_NOT_FOUND');
    return order;
  }

  return {
    /** Fetches the order from the marketplace, stores it (PII encrypted) and runs the checks. */
    async recordOrder(input: {
      tenantId: string;
      shopId: string;
      platformOrderId: string;
      workflowId: string;
    }) {
      const { tenantId, shopId, platformOrderId, workflowId } = input;
      const order = await fetchOrder(tenantId, shopId, platformOrderId, null);
      const holds = check(order);
      const orderId = await tx(tenantId, async (trx) => {
        const id = await upsertOrder(trx, {
          tenantId,
          shopId,
          platformOrderId,
          workflowId,
          status: 'received',
          shipCountry: order.recipient?.country ?? null,
          currency: order.currency,
          totalMinor: order.totalMinor,
          lines: order.lines,
          recipientEnc: order.recipient
            ? encrypt(deps.keyring, JSON.stringify(order.recipient))
            : null,
          shipBy: order.shipBy,
        });
        await appendOrderEvent(trx, {
          tenantId,
          orderId: id,
          kind: 'received',
          dedupeKey: 'received',
          detail: { marketplaceStatus: order.status },
        });
        await trx
          .updateTable('orders')
          .set({ carrier: order.carrierCode })
          .where('id', '=', id)
          .execute();
        return id;
      });
      return { orderId, holds, shipByMs: order.shipBy?.getTime() ?? null };
    },

    /** Re-reads the order (the buyer may have fixed the address) and checks it again. */
    async recheckOrder({ tenantId, orderId }: Scope) {
      const row = await loadOrder(tenantId, orderId);
      const order = await fetchOrder(tenantId, row.shop_id, row.platform_order_id, orderId);
      await tx(tenantId, (trx) =>
        trx
          .updateTable('orders')
          .set({
            recipient_enc: order.recipient
              ? encrypt(deps.keyring, JSON.stringify(order.recipient))
              : null,
            carrier: order.carrierCode,
          })
          .where('id', '=', orderId)
          .execute(),
      );
      return check(order);
    },

    /** Supplier ids able to take the order, best first (R-RT-1). */
    async rankSuppliers({ tenantId, orderId }: Scope): Promise<string[]> {
      const order = await loadOrder(tenantId, orderId);
      const suppliers = await listActiveSuppliers(deps.db);
      return rankSuppliers(suppliers, {
        country: order.ship_country ?? '',
        carrier: order.carrier ?? '',
      }).map((s) => s.id);
    },

    /** Pushes the order to the supplier (R-RT-2); the dispatch id doubles as webhook id. */
    async dispatchToSupplier(
      input: Scope & { supplierId: string; dispatchId: string; attempt: number },
    ): Promise<{ ok: boolean }> {
      const { tenantId, orderId, supplierId, dispatchId } = input;
      const order = await loadOrder(tenantId, orderId);
      const supplier = await getSupplier(deps.db, supplierId);
      if (!supplier || !order.recipient_enc)
        throw ApplicationFailure.nonRetryable('supplier or address missing', 'DISPATCH_INCOMPLETE');
      const workflowId = order.workflow_id;
      await tx(tenantId, (trx) =>
        insertDispatch(trx, {
          id: dispatchId,
          tenantId,
          orderId,
          supplierId,
          workflowId,
          attempt: input.attempt,
        }),
      );
      const r: Recipient = JSON.parse(decrypt(deps.keyring, order.recipient_enc));
      const started = Date.now();
      const log = (httpStatus: number | null, code: string | null) =>
        tx(tenantId, (trx) =>
          recordApiCall(trx, {
            tenantId,
            orderId,
            target: `supplier:${supplier.code}`,
            endpoint: 'POST dispatch',
            httpStatus,
            code,
            latencyMs: Date.now() - started,
          }),
        );
      try {
        const res = await deps.suppliers.dispatch(
          {
            endpointUrl: supplier.endpoint_url,
            signingSecret: decrypt(deps.keyring, supplier.signing_secret_enc),
          },
          {
            type: 'order.dispatched',
            dispatch_id: dispatchId,
            order_ref: order.platform_order_id,
            order: {
              order_number: order.platform_order_id,
              lines: order.lines.map((l) => ({
                sku_code: l.sellerSku,
                quantity: l.quantity,
                ...(l.name && { name: l.name }),
              })),
              recipient: {
                name: r.name,
                phone: r.phone,
                address_lines: r.addressLines,
                city: r.city,
                ...(r.region && { region: r.region }),
                postal_code: r.postalCode,
                country: r.country,
              },
              carrier_code: order.carrier ?? '',
              ship_by: (order.ship_by ?? new Date(now().getTime() + 48 * 3600_000)).toISOString(),
            },
            ack_due_at: new Date(now().getTime() + ACK_WINDOW_MS).toISOString(),
            callback_base_url: deps.partnerApiUrl,
          },
        );
        await log(res.status, null);
      } catch (err) {
        if (!(err instanceof SupplierDispatchError)) throw err;
        await log(err.status ?? null, err.code);
        if (err.retryable) throw err;
        await tx(tenantId, async (trx) => {
          await markDispatchRejected(trx, dispatchId);
          await appendOrderEvent(trx, {
            tenantId,
            orderId,
            kind: 'dispatch_refused',
            dedupeKey: `dispatch_refused:${dispatchId}`,
            detail: { supplier: supplier.code, code: err.code },
          });
        });
        return { ok: false };
      }
      await tx(tenantId, async (trx) => {
        await updateOrder(trx, orderId, { status: 'dispatched', supplierId });
        await appendOrderEvent(trx, {
          tenantId,
          orderId,
          kind: 'dispatched',
          dedupeKey: `dispatched:${dispatchId}`,
          detail: { supplier: supplier.code, dispatchId },
        });
      });
      return { ok: true };
    },

    async recordAck(
      input: Scope & { dispatchId: string; expectedShipAt?: string; channel?: string },
    ) {
      const { tenantId, orderId, dispatchId } = input;
      await tx(tenantId, async (trx) => {
        await markDispatchAcknowledged(
          trx,
          dispatchId,
          input.expectedShipAt ? new Date(input.expectedShipAt) : null,
        );
        await updateOrder(trx, orderId, { status: 'acknowledged' });
        await appendOrderEvent(trx, {
          tenantId,
          orderId,
          kind: 'acknowledged',
          dedupeKey: `acknowledged:${dispatchId}`,
          detail: { dispatchId, expectedShipAt: input.expectedShipAt, channel: input.channel },
        });
      });
    },

    async withdrawDispatch(input: Scope & { dispatchId: string; reason: string }) {
      const { tenantId, orderId, dispatchId, reason } = input;
      await tx(tenantId, async (trx) => {
        await trx
          .updateTable('dispatches')
          .set({ status: 'withdrawn' })
          .where('id', '=', dispatchId)
          .where('status', '!=', 'shipped')
          .execute();
        await appendOrderEvent(trx, {
          tenantId,
          orderId,
          kind: 'dispatch_withdrawn',
          dedupeKey: `withdrawn:${dispatchId}`,
          detail: { dispatchId, reason },
        });
      });
    },

    /** R-SLA-4: tracking is 2 hours overdue. Recorded on the timeline for the tenant and operator. */
    async remindSupplier(input: Scope & { dispatchId: string }) {
      const { tenantId, orderId, dispatchId } = input;
      await tx(tenantId, (trx) =>
        appendOrderEvent(trx, {
          tenantId,
          orderId,
          kind: 'supplier_reminded',
          dedupeKey: `reminded:${dispatchId}`,
          detail: { dispatchId, rule: 'R-SLA-4' },
        }),
      );
    },

    /**
     * Pushes tracking to the marketplace ("mark package shipped"). Idempotent: if the order already
     * carries this tracking number, a retried push does not create a second package.
     */
    async pushTracking(
      input: Scope & { dispatchId: string; trackingNumber: string; carrier: string },
    ): Promise<{ ok: boolean; code?: string }> {
      const { tenantId, orderId, dispatchId, trackingNumber, carrier } = input;
      const order = await loadOrder(tenantId, orderId);
      const refused = async (code: string, message: string) => {
        await tx(tenantId, (trx) =>
          appendOrderEvent(trx, {
            tenantId,
            orderId,
            kind: 'tracking_rejected',
            dedupeKey: `tracking_rejected:${dispatchId}:${trackingNumber}`,
            detail: { code, message, trackingNumber },
          }),
        );
        return { ok: false, code };
      };
      const result = await withMarketplace({ tenantId, orderId }, async (client) => {
        const { auth, onTokenExpired } = await shopAuth(deps, client, tenantId, order.shop_id);
        const [current] = await client.getOrderDetail(auth, [order.platform_order_id], {
          onTokenExpired,
        });
        if (current?.line_items.some((li) => li.tracking_number === trackingNumber))
          return { ok: true as const, already: true };
        const deliveryOptionId = current?.delivery_option_id
          ? String(current.delivery_option_id)
          : '';
        const providers = await client.getShippingProviders(auth, deliveryOptionId, {
          onTokenExpired,
        });
        const provider = providers.find((p) => p.name.toLowerCase() === carrier.toLowerCase());
        if (!provider)
          return {
            ok: false as const,
            code: 'CARRIER_NOT_AVAILABLE',
            message: `${carrier} is not offered for this delivery option`,
          };
        try {
          await client.markPackageShipped(
            auth,
            order.platform_order_id,
            { trackingNumber, shippingProviderId: provider.id },
            { onTokenExpired },
          );
          return { ok: true as const, already: false };
        } catch (err) {
          if (err instanceof TikTokShopError && !err.retryable)
            return { ok: false as const, code: err.code, message: err.message };
          throw err;
        }
      });
      if (!result.ok) return refused(result.code, result.message);
      await tx(tenantId, async (trx) => {
        await markDispatchShipped(trx, dispatchId, trackingNumber, carrier);
        await updateOrder(trx, orderId, { status: 'shipped', trackingNumber, carrier });
        await appendOrderEvent(trx, {
          tenantId,
          orderId,
          kind: 'tracking_pushed',
          dedupeKey: `tracking_pushed:${trackingNumber}`,
          detail: { trackingNumber, carrier, dispatchId },
        });
      });
      return { ok: true };
    },

    /** R-BIL-1 per-order fee, written once whatever is retried (R-BIL-3). */
    async chargeOrder({ tenantId, orderId }: Scope) {
      const fee = computeOrderFee(deps.fees);
      await tx(tenantId, async (trx) => {
        const wrote = await addLedgerEntry(trx, {
          tenantId,
          orderId,
          kind: 'order_fee',
          amountMinor: fee.amountMinor,
          currency: fee.currency,
        });
        if (wrote)
          await appendOrderEvent(trx, {
            tenantId,
            orderId,
            kind: 'charged',
            dedupeKey: 'charged:order_fee',
            detail: {
              kind: 'order_fee',
              amountMinor: Number(fee.amountMinor),
              currency: fee.currency,
            },
          });
      });
    },

    async recordProgress(
      input: Scope & {
        kind: string;
        dedupeKey: string;
        detail: Record<string, unknown>;
        status?: string | undefined;
      },
    ) {
      const { tenantId, orderId } = input;
      await tx(tenantId, async (trx) => {
        if (input.status) await updateOrder(trx, orderId, { status: input.status });
        await appendOrderEvent(trx, {
          tenantId,
          orderId,
          kind: input.kind,
          dedupeKey: input.dedupeKey,
          detail: input.detail,
        });
      });
    },
  };
}

export type OrderActivities = ReturnType<typeof createOrderActivities>;
