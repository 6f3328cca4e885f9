import { encrypt } from '@switchyard/auth';
import { appendOrderEvent, getOrderLabel, saveOrderLabel } from '@switchyard/db';
import {
  chooseLabelService,
  defaultLabelParcel,
  findCarrier,
  type Hold,
  labelRefusedHold,
  labelUnavailableHold,
  normalizeTrackingNumber,
} from '@switchyard/domain';
import {
  type PackageDetail,
  type ShopAuth,
  type TikTokShopClient,
  TikTokShopError,
} from '@switchyard/tiktok-shop';
import { ApplicationFailure } from '@temporalio/activity';
import { shopAuth } from '../shared/shop-auth.ts';
import type { ActivityContext } from './context.ts';

type LabelInput = { tenantId: string; orderId: string; shopId: string; platformOrderId: string };
type Service = { id: string; name: string; priceMinor: bigint; currency: string };

/**
 * Buys the order's TikTok Shipping label once (R-CHK-3: a TIKTOK order ships only on the
 * platform's label) and keeps it for the supplier. Returns the holds when none can be bought.
 *
 * Exactly once across retries: a stored label ends it; otherwise the marketplace is asked
 * first whether the order already has a TikTok Shipping package (bought by an attempt whose
 * answer was lost, or that crashed before storing it), which is taken instead of a new one.
 * A refusal of the marketplace is a hold the tenant can re-check; a transient failure (rate
 * limit, outage) fails the activity, which Temporal retries.
 */
export async function ensureOrderLabel(ctx: ActivityContext, input: LabelInput): Promise<Hold[]> {
  const { tenantId, orderId } = input;
  if (await ctx.tx(tenantId, (trx) => getOrderLabel(trx, orderId))) return [];
  return ctx.withMarketplace({ tenantId, orderId }, async (client) => {
    const { auth, opts } = await shopAuth(ctx.deps, client, tenantId, input.shopId);
    const call = { client, auth, opts };
    const existing = await findPackage(call, input.platformOrderId);
    if (existing.found) return store(ctx, call, input, existing.found, null);
    const parcel = defaultLabelParcel(existing.unpacked.length);
    try {
      const quotes = await client.queryShippingServices(
        auth,
        input.platformOrderId,
        { parcel, orderLineItemIds: existing.unpacked },
        opts,
      );
      const chosen = chooseLabelService(quotes);
      if (!chosen) return [labelUnavailableHold()];
      const created = await client.createPackage(
        auth,
        {
          orderId: input.platformOrderId,
          orderLineItemIds: existing.unpacked,
          shippingServiceId: chosen.id,
          parcel,
        },
        opts,
      );
      const detail = await client.getPackageDetail(auth, created.packageId, opts);
      return store(ctx, call, input, detail, chosen);
    } catch (err) {
      if (!(err instanceof TikTokShopError) || err.retryable) throw err;
      // A purchase that raced another attempt is refused as packed: take that package.
      const again = await findPackage(call, input.platformOrderId);
      if (again.found) return store(ctx, call, input, again.found, null);
      return [labelRefusedHold(err.message)];
    }
  });
}

type Call = {
  client: TikTokShopClient;
  auth: ShopAuth;
  opts: Awaited<ReturnType<typeof shopAuth>>['opts'];
};

/** The order's TikTok Shipping package if it has one, and its line items not in any package. */
async function findPackage(c: Call, platformOrderId: string) {
  const [order] = await c.client.getOrderDetail(c.auth, [platformOrderId], c.opts);
  if (!order)
    throw ApplicationFailure.nonRetryable(`order ${platformOrderId} not found`, 'ORDER_NOT_FOUND');
  const ids = new Set([
    ...(order.packages ?? []).map((p) => String(p.id)),
    ...order.line_items.flatMap((li) => (li.package_id ? [String(li.package_id)] : [])),
  ]);
  for (const id of [...ids].sort()) {
    const detail = await c.client.getPackageDetail(c.auth, id, c.opts);
    if (detail.shippingType === 'TIKTOK' && detail.orderIds.includes(String(order.id)))
      return { found: detail, unpacked: [] };
  }
  const unpacked = order.line_items.filter((li) => !li.package_id).map((li) => String(li.id));
  return { found: undefined, unpacked };
}

/** Fetches the label document and stores the label with it; the first stored label wins. */
async function store(
  ctx: ActivityContext,
  c: Call,
  input: LabelInput,
  pkg: PackageDetail,
  service: Service | null,
): Promise<Hold[]> {
  const doc = await c.client.getShippingDocument(
    c.auth,
    pkg.packageId,
    { documentType: 'SHIPPING_LABEL', documentSize: 'A6', documentFormat: 'PDF' },
    c.opts,
  );
  const file = await c.client.downloadDocument(doc.docUrl);
  const tracking = normalizeTrackingNumber(pkg.trackingNumber ?? doc.trackingNumber ?? '');
  const carrier = findCarrier(pkg.shippingProviderName ?? '')?.code;
  if (!/^[A-Z0-9]{1,40}$/.test(tracking) || !carrier)
    throw ApplicationFailure.nonRetryable(
      `package ${pkg.packageId} has no usable tracking number or carrier`,
      'LABEL_INCOMPLETE',
    );
  const { tenantId, orderId } = input;
  await ctx.tx(tenantId, async (trx) => {
    const saved = await saveOrderLabel(trx, {
      tenantId,
      orderId,
      packageId: pkg.packageId,
      trackingNumber: tracking,
      carrier,
      serviceId: service?.id ?? null,
      serviceName: service?.name ?? null,
      priceMinor: service?.priceMinor ?? null,
      currency: service?.currency ?? null,
      documentEnc: encrypt(ctx.deps.keyring, Buffer.from(file.bytes).toString('base64')),
      documentType: file.contentType.split(';')[0]?.trim() || 'application/pdf',
    });
    await appendOrderEvent(trx, {
      tenantId,
      orderId,
      kind: 'label_purchased',
      dedupeKey: `label_purchased:${saved.package_id}`,
      detail: {
        rule: 'R-CHK-3',
        packageId: saved.package_id,
        trackingNumber: saved.tracking_number,
        carrier: saved.carrier,
        service: saved.service_name,
        priceMinor: saved.price_minor === null ? null : Number(saved.price_minor),
        currency: saved.currency,
      },
    });
  });
  return [];
}
