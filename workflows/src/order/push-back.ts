import {
  type ApiCallInput,
  appendOrderEvent,
  clearConsecutiveStrikes,
  getLabelOfDispatch,
  getOrder,
  getShop,
  markDispatchShipped,
  markLabelHandedOver,
  markSupplierShipmentTaken,
  notifyTenant,
  recordApiCalls,
  recordShipment,
  recordStrike,
  type Trx,
  updateOrder,
} from '@switchyard/db';
import {
  findCarrier,
  normalizeTrackingNumber,
  refusesTrackingVerdict,
  selectShipmentLineItems,
  TIKTOK_SHIPPING,
  validateTrackingNumber,
} from '@switchyard/domain';
import {
  type CallOptions,
  type ShopAuth,
  type TikTokShopClient,
  TikTokShopError,
} from '@switchyard/tiktok-shop';
import { ApplicationFailure } from '@temporalio/activity';
import { shopAuth } from '../shared/shop-auth.ts';
import { sendSupplierNotice } from '../shared/supplier-notice.ts';
import { orderBilling } from './billing.ts';
import { checkWithCarrier, type Parcel, parcelOf } from './carrier-check.ts';
import { type ActivityContext, policyOf, type Scope, type WithPolicy } from './context.ts';
import { countShipment } from './scorecard.ts';

type PushInput = Scope &
  WithPolicy & {
    dispatchId: string;
    trackingNumber: string;
    carrier: string;
    lines?: Array<{ supplierItemCode: string; quantity: number }> | undefined;
    /**
     * When this package completes the order: charge it and close it in the same transaction
     * (order workflows of input version 3; older ones charge and close in steps of their own).
     */
    finish?: boolean | undefined;
    /**
     * R-RT-1 split: the package is of a line group's dispatch. `itemCodes` are the group's
     * supplier items (a package names only those); `done`: this package ships the rest of the
     * group, so its dispatch is shipped, though other groups' items are still to come;
     * `supplierId`: the group's supplier (the order's own names the last one dispatched).
     */
    group?: { itemCodes: string[]; done: boolean; supplierId: string } | undefined;
  };

const shippedBy = (d: { supplierId: string; createdAt: Date }) => ({
  supplierId: d.supplierId,
  dispatchedAt: new Date(d.createdAt),
});

/** Tracking back to the marketplace, and the charge once it is there. */
export function pushBackActivities(ctx: ActivityContext) {
  const { deps, tx } = ctx;
  const billing = orderBilling(ctx);

  async function refuse(
    input: PushInput,
    code: string,
    message: string,
    supplierId?: string | null,
  ) {
    await tx(input.tenantId, (trx) =>
      appendOrderEvent(trx, {
        tenantId: input.tenantId,
        orderId: input.orderId,
        kind: 'tracking_rejected',
        dedupeKey: `tracking_rejected:${input.dispatchId}:${input.trackingNumber}`,
        detail: { code, message, trackingNumber: input.trackingNumber },
      }),
    );
    // The supplier is asked for the right number at once rather than at the R-SLA-4 reminder.
    // Best effort: the notice id dedupes a retry at the supplier, and the reminder still comes.
    const number = normalizeTrackingNumber(input.trackingNumber);
    if (supplierId && /^[A-Z0-9]{1,40}$/.test(number)) {
      await sendSupplierNotice(
        deps,
        { tenantId: input.tenantId, orderId: input.orderId, supplierId },
        {
          type: 'tracking.rejected',
          notice_id: `tracking_rejected:${input.dispatchId}:${number}`,
          dispatch_id: input.dispatchId,
          tracking_number: number,
          carrier: input.carrier.slice(0, 32) || '-',
          code,
          reason: message.slice(0, 500),
        },
      );
    }
    return { ok: false, code };
  }

  /**
   * The marketplace refused our push-back: count the strike, warn the tenant near the freeze
   * (R-PEN-1: three refused push-backs in a row freeze the shop).
   */
  async function strike(input: PushInput, shopId: string, code: string) {
    await tx(input.tenantId, async (trx) => {
      const s = await recordStrike(trx, shopId);
      if (s.consecutive_strikes >= policyOf(input).strikeGuard) {
        await notifyTenant(trx, {
          tenantId: input.tenantId,
          shopId,
          kind: 'strike_warning',
          message: `The marketplace refused ${s.consecutive_strikes} tracking numbers in a row (${code}); a third freezes shipping for 24 h. Unverified numbers are held until one is accepted.`,
          dedupeKey: `strikes:${shopId}:${s.total_strikes}`,
        });
      }
    });
  }

  /**
   * R-BIL-1 per-order fee and the R-SLA-5 credits of a completed order, written once whatever
   * is retried (R-BIL-3).
   */
  async function charge(trx: Trx, scope: Scope) {
    await billing.chargeOrderFee(trx, { ...scope, cancelled: false });
    await billing.creditBreachedPromises(trx, scope);
  }

  /** A dispatch shipped: the supplier's record counts it and its logistics cost is marked up. */
  async function shipped(trx: Trx, input: PushInput, d: { supplierId: string; createdAt: Date }) {
    const { tenantId, orderId, dispatchId } = input;
    await countShipment(trx, { orderId, dispatchId, ...shippedBy(d) });
    await billing.chargeShipment(trx, { tenantId, orderId, dispatchId, supplierId: d.supplierId });
  }

  /** The last package is out: the order is charged and completed, once (R-BIL-3). */
  async function finish(trx: Trx, input: PushInput) {
    const { tenantId, orderId } = input;
    await charge(trx, input);
    await updateOrder(trx, orderId, { status: 'completed' });
    await appendOrderEvent(trx, {
      tenantId,
      orderId,
      kind: 'completed',
      dedupeKey: `completed:${input.dispatchId}`,
      detail: {},
    });
  }

  /**
   * A file-only shop has no API to push to: the validated number waits in the bulk-shipping
   * export (R-TRK-3) that the seller uploads to the seller center.
   */
  async function recordForExport(
    input: PushInput,
    shopId: string,
    carrierCode: string,
    checkDigitVerified: boolean,
    parcel: Parcel,
  ) {
    const { tenantId, orderId, dispatchId, trackingNumber } = input;
    await tx(tenantId, async (trx) => {
      const dispatch = await markDispatchShipped(trx, dispatchId, trackingNumber, carrierCode);
      if (dispatch) await shipped(trx, input, dispatch);
      await watch(trx, input, parcel);
      await updateOrder(trx, orderId, { status: 'shipped', trackingNumber, carrier: carrierCode });
      await appendOrderEvent(trx, {
        tenantId,
        orderId,
        kind: 'tracking_ready_for_export',
        dedupeKey: `tracking_export:${trackingNumber}`,
        detail: {
          trackingNumber,
          carrier: carrierCode,
          dispatchId,
          shopId,
          checkDigitVerified,
          carrierStatus: parcel.carrierStatus,
        },
      });
      if (input.finish) await finish(trx, input);
    });
    return { ok: true, remainingUnits: 0 };
  }

  /** The parcel goes on the first-scan watch (R-SLA-1) with the push-back that sends it. */
  async function watch(trx: Trx, input: PushInput, parcel: Parcel) {
    if (!parcel.supplierId) return;
    await recordShipment(trx, {
      tenantId: input.tenantId,
      orderId: input.orderId,
      trackingNumber: parcel.trackingNumber,
      carrier: parcel.carrier,
      dispatchId: input.dispatchId,
      supplierId: parcel.supplierId,
      shopId: parcel.shopId,
      carrierStatus: parcel.carrierStatus,
      firstScanAt: parcel.firstScanAt,
    });
  }

  /**
   * The marketplace step of a platform-label package (reference §5, TikTok Shipping): Ship
   * Package, not Mark As Shipped, since TikTok issued the number. Drop-off, because the
   * supplier takes the parcel to the carrier; a pickup would need a slot booked per supplier.
   * Once only: a package the marketplace shows handed over already (a retried activity) is
   * not shipped again. A line group's package (R-RT-1 split) leaves the order's other groups to
   * ship: the units not yet handed over are counted at the marketplace.
   */
  async function handOver(
    client: TikTokShopClient,
    auth: ShopAuth,
    opts: CallOptions,
    packageId: string,
    splitOrderId?: string,
  ) {
    const shipped = async () => ({
      ok: true as const,
      remaining: splitOrderId ? await unitsLeft(client, auth, opts, splitOrderId) : 0,
    });
    const detail = await client.getPackageDetail(auth, packageId, opts);
    if (detail.status !== 'PROCESSING') return shipped();
    try {
      await client.shipPackage(auth, packageId, { handoverMethod: 'DROP_OFF' }, opts);
      return shipped();
    } catch (err) {
      if (!(err instanceof TikTokShopError) || err.retryable) throw err;
      // A lost answer to the first call: the package is handed over after all.
      const again = await client.getPackageDetail(auth, packageId, opts);
      if (again.status !== 'PROCESSING') return shipped();
      return { ok: false as const, code: err.code, message: err.message, strike: false };
    }
  }

  /** Line items of the order in no package or in one not handed over yet (reference §5). */
  async function unitsLeft(
    client: TikTokShopClient,
    auth: ShopAuth,
    opts: CallOptions,
    platformOrderId: string,
  ) {
    const [current] = await client.getOrderDetail(auth, [platformOrderId], opts);
    const gone = ['FULFILLING', 'COMPLETED', 'CANCELLED'];
    return (current?.line_items ?? []).filter(
      (li) => !li.package_status || !gone.includes(li.package_status),
    ).length;
  }

  const { push, ...activities } = {
    /** pushTracking's work; the carrier's and the marketplace's calls go into `calls`. */
    async push(
      input: PushInput,
      calls: ApiCallInput[],
    ): Promise<{ ok: boolean; code?: string; remainingUnits?: number }> {
      const { tenantId, orderId, dispatchId, trackingNumber, carrier } = input;
      const { order, shop, label } = await tx(tenantId, async (trx) => {
        const order = await getOrder(trx, orderId);
        if (!order)
          throw ApplicationFailure.nonRetryable(`order ${orderId} not found`, 'ORDER_NOT_FOUND');
        return {
          order,
          shop: await getShop(trx, order.shop_id),
          // Only a TikTok Shipping order ships on a platform label (R-CHK-3).
          label:
            order.carrier === TIKTOK_SHIPPING
              ? await getLabelOfDispatch(trx, dispatchId)
              : undefined,
        };
      });
      const supplierId = input.group?.supplierId ?? order.supplier_id;
      const carrierCode = findCarrier(carrier)?.code;
      if (!carrierCode)
        return refuse(
          input,
          'CARRIER_UNKNOWN',
          `${carrier} is not a carrier the marketplace knows (R-TRK-3)`,
        );
      if (order.carrier && carrierCode !== order.carrier) {
        return refuse(
          input,
          'CARRIER_NOT_CHOSEN',
          `the order ships with ${order.carrier}, not ${carrierCode} (R-TRK-1)`,
        );
      }
      const policy = policyOf(input);
      const verdict = validateTrackingNumber(trackingNumber, carrierCode);
      if (refusesTrackingVerdict(verdict.status, policy))
        return refuse(input, `TRACKING_${verdict.status.toUpperCase()}`, verdict.message);
      // Stop risky push-backs before the marketplace's third strike (R-PEN-1).
      const nearFreeze = (shop?.consecutive_strikes ?? 0) >= policy.strikeGuard;
      if (verdict.status === 'unknown_format' && nearFreeze) {
        return refuse(
          input,
          'TRACKING_UNVERIFIED_NEAR_FREEZE',
          'an unverifiable number is not pushed while the shop is one strike from a freeze (R-PEN-1)',
        );
      }

      // R-TRK-2: the carrier must know the number ("Label Created") before it is pushed; a
      // number it never issued is refused like a malformed one, and the supplier sends another.
      const number = verdict.normalized;
      // A TikTok Shipping label is tracked by the carrier it was bought on.
      const trackedBy =
        carrierCode !== TIKTOK_SHIPPING
          ? carrierCode
          : (label?.carrier ?? verdict.matches.find((c) => c !== TIKTOK_SHIPPING) ?? carrierCode);
      // A platform label's number is the label's (the partner API saw to it); anything else
      // here would be a strike at the marketplace (R-PEN-1), so it is refused before the call.
      if (label && number !== label.tracking_number)
        return refuse(
          input,
          'TRACKING_NOT_LABEL',
          `the order ships on its TikTok Shipping label ${label.tracking_number} (R-CHK-3)`,
        );
      const known = await checkWithCarrier(ctx, deps.carriers, input, trackedBy, number, calls);
      if (known.kind === 'unknown')
        return refuse(
          input,
          'TRACKING_UNKNOWN_TO_CARRIER',
          `${trackedBy} has no label with number ${number} (R-TRK-2)`,
          supplierId,
        );
      const parcel = parcelOf(known, number, trackedBy, order.shop_id, supplierId);

      if (shop?.mode === 'csv')
        return recordForExport(
          input,
          order.shop_id,
          carrierCode,
          verdict.checkDigitVerified,
          parcel,
        );

      const logged = { tenantId, orderId, log: calls };
      const result = await ctx.withMarketplace(logged, async (client) => {
        const { auth, opts } = await shopAuth(deps, client, tenantId, order.shop_id, shop);
        if (label)
          return handOver(
            client,
            auth,
            opts,
            label.package_id,
            input.group ? order.platform_order_id : undefined,
          );
        const [current] = await client.getOrderDetail(auth, [order.platform_order_id], opts);
        const items = current?.line_items ?? [];
        const unshipped = items
          .filter((li) => !li.tracking_number)
          .map((li) => ({ id: String(li.id), skuId: String(li.sku_id) }));
        // Already pushed (a retried activity): never a second package.
        if (items.some((li) => li.tracking_number === trackingNumber))
          return { ok: true as const, remaining: unshipped.length };
        let lineItemIds: string[] | undefined;
        if (input.lines) {
          const mine = input.group
            ? order.supplier_lines.filter((l) =>
                input.group!.itemCodes.includes(l.supplierItemCode),
              )
            : order.supplier_lines;
          const picked = selectShipmentLineItems(
            mine.map((l) => ({ ...l, sources: l.sources ?? [] })),
            input.lines,
            unshipped,
          );
          if ('error' in picked)
            return {
              ok: false as const,
              code: `SHIPMENT_${picked.error}`,
              message: `${picked.supplierItemCode}: ${picked.error}`,
              strike: false,
            };
          lineItemIds = picked.ids.length < unshipped.length ? picked.ids : undefined;
        }
        const providers = await client.getShippingProviders(
          auth,
          String(current?.delivery_option_id ?? ''),
          opts,
        );
        const provider = providers.find((p) => findCarrier(p.name)?.code === carrierCode);
        if (!provider)
          return {
            ok: false as const,
            code: 'CARRIER_NOT_AVAILABLE',
            message: `${carrier} is not offered for this delivery option`,
            strike: false,
          };
        try {
          await client.markPackageShipped(
            auth,
            order.platform_order_id,
            { trackingNumber, shippingProviderId: provider.id, orderLineItemIds: lineItemIds },
            opts,
          );
          return {
            ok: true as const,
            remaining: lineItemIds ? unshipped.length - lineItemIds.length : 0,
          };
        } catch (err) {
          if (err instanceof TikTokShopError && !err.retryable)
            return { ok: false as const, code: err.code, message: err.message, strike: true };
          throw err;
        }
      });
      if (!result.ok) {
        if (result.strike) await strike(input, order.shop_id, result.code);
        return refuse(input, result.code, result.message);
      }
      const complete = result.remaining === 0;
      await tx(tenantId, async (trx) => {
        await clearConsecutiveStrikes(trx, order.shop_id);
        if (label) await markLabelHandedOver(trx, label.package_id, ctx.now());
        // A split order stays open at the supplier until its last package is pushed; a line
        // group's dispatch, until its group's last.
        const dispatch =
          (complete || (input.group?.done ?? false)) &&
          (await markDispatchShipped(trx, dispatchId, trackingNumber, carrierCode));
        if (dispatch) await shipped(trx, input, dispatch);
        await watch(trx, input, parcel);
        await updateOrder(trx, orderId, {
          status: complete ? 'shipped' : 'partially_shipped',
          trackingNumber,
          carrier: carrierCode,
        });
        await appendOrderEvent(trx, {
          tenantId,
          orderId,
          kind: 'tracking_pushed',
          dedupeKey: `tracking_pushed:${trackingNumber}`,
          detail: {
            trackingNumber,
            carrier: carrierCode,
            dispatchId,
            ...(label && { packageId: label.package_id, step: 'ship_package' }),
            checkDigitVerified: verdict.checkDigitVerified,
            carrierStatus: parcel.carrierStatus,
            remainingUnits: result.remaining,
          },
        });
        if (complete && input.finish) await finish(trx, input);
        await recordApiCalls(trx, calls);
      });
      calls.length = 0;
      return { ok: true, remainingUnits: result.remaining };
    },

    /** R-BIL-1 per-order fee, written once whatever is retried (R-BIL-3). */
    async chargeOrder(scope: Scope) {
      await tx(scope.tenantId, (trx) => charge(trx, scope));
    },
  };

  return {
    ...activities,
    /**
     * Validates the supplier's tracking number (R-TRK-1) and pushes it to the marketplace ("mark
     * package shipped"). Idempotent: if the order already carries this number, a retried push
     * does not create a second package. Returns ok:false when the number must be corrected.
     * The carrier's and the marketplace's calls are logged (R-DIAG-1) with the push-back's own
     * writes; whatever ends the activity otherwise logs them in a transaction of theirs.
     */
    async pushTracking(
      input: PushInput,
    ): Promise<{ ok: boolean; code?: string; remainingUnits?: number }> {
      const calls: ApiCallInput[] = [];
      try {
        const result = await push(input, calls);
        // The supplier's recorded shipment is taken, pushed or refused (the refusal is on the
        // timeline and told to the supplier): the sweep stops waking the order for it.
        await tx(input.tenantId, (trx) =>
          markSupplierShipmentTaken(trx, input.dispatchId, input.trackingNumber),
        );
        return result;
      } finally {
        if (calls.length > 0) await tx(input.tenantId, (trx) => recordApiCalls(trx, calls));
      }
    },
  };
}
