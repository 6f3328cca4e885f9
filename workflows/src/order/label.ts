import { encrypt } from '@switchyard/auth';
import { appendOrderEvent, getOrderLabel, saveOrderLabel, type Trx } from '@switchyard/db';
import {
  chooseLabelService,
  findCarrier,
  type Hold,
  labelParcel,
  labelRefusedHold,
  labelUnavailableHold,
  normalizeTrackingNumber,
  type ShipmentSupplierLine,
  selectShipmentLineItems,
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

type GroupLine = Omit<ShipmentSupplierLine, 'sources'> & {
  sources?: ShipmentSupplierLine['sources'] | undefined;
};
type LabelInput = {
  tenantId: string;
  orderId: string;
  shopId: string;
  platformOrderId: string;
  /** R-RT-1 split: the line group whose package this is, with its supplier lines. */
  group?: { index: number; lines: readonly GroupLine[] } | undefined;
};
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
 *
 * A line group of a split order (R-RT-1) gets a package of its own lines only, so each
 * supplier prints the label of what it ships; a package of the order holding only the group's
 * SKUs and not yet another group's label is the one an earlier attempt bought.
 */
export async function ensureOrderLabel(ctx: ActivityContext, input: LabelInput): Promise<Hold[]> {
  const { tenantId, orderId, group } = input;
  const { mine, taken, weighed } = await ctx.tx(tenantId, async (trx) => ({
    mine: await getOrderLabel(trx, orderId, group?.index ?? null),
    taken: group ? await labelledPackages(trx, orderId) : new Set<string>(),
    weighed: await weighedLines(trx, orderId, group?.lines),
  }));
  if (mine) return [];
  return ctx.withMarketplace({ tenantId, orderId }, async (client) => {
    const { auth, opts } = await shopAuth(ctx.deps, client, tenantId, input.shopId);
    const call = { client, auth, opts };
    const want = group && { lines: group.lines, taken };
    const existing = await findPackage(call, input.platformOrderId, want);
    if (existing.found) return store(ctx, call, input, existing.found, null);
    if (existing.unpacked.length === 0)
      return [labelRefusedHold('no line item of the order is left to pack')];
    // The catalog's weights when it has them all, else the documented default parcel.
    const parcel = labelParcel(weighed, existing.unpacked.length);
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
      const again = await findPackage(call, input.platformOrderId, want);
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

/**
 * The package's supplier lines (the group's, or the order's) with each item's weight a unit as
 * the catalog has it: the heaviest any supplier reports, since the label is bought before the
 * parcel is packed and declaring too little risks a carrier adjustment.
 */
async function weighedLines(
  trx: Trx,
  orderId: string,
  groupLines: readonly GroupLine[] | undefined,
) {
  const lines =
    groupLines ??
    (
      await trx
        .selectFrom('orders')
        .select('supplier_lines')
        .where('id', '=', orderId)
        .executeTakeFirst()
    )?.supplier_lines ??
    [];
  const codes = [...new Set(lines.map((l) => l.supplierItemCode))];
  const rows =
    codes.length === 0
      ? []
      : await trx
          .selectFrom('supplier_items')
          .select((eb) => ['supplier_item_code', eb.fn.max('weight_grams').as('grams')])
          .where('supplier_item_code', 'in', codes)
          .groupBy('supplier_item_code')
          .execute();
  const grams = new Map(rows.map((r) => [r.supplier_item_code, r.grams]));
  return lines.map((l) => ({
    quantity: l.quantity,
    weightGrams: grams.get(l.supplierItemCode) ?? null,
  }));
}

/** Packages of the order stored as a label already (another group's). */
async function labelledPackages(trx: Trx, orderId: string) {
  const rows = await trx
    .selectFrom('order_labels')
    .select('package_id')
    .where('order_id', '=', orderId)
    .execute();
  return new Set(rows.map((r) => r.package_id));
}

type Wanted = { lines: readonly GroupLine[]; taken: ReadonlySet<string> };

/**
 * The order's TikTok Shipping package if it has one, and the line items to pack otherwise: all
 * not in any package, or, for a line group, those of its lines (through the SKU mapping).
 */
async function findPackage(c: Call, platformOrderId: string, want?: Wanted) {
  const [order] = await c.client.getOrderDetail(c.auth, [platformOrderId], c.opts);
  if (!order)
    throw ApplicationFailure.nonRetryable(`order ${platformOrderId} not found`, 'ORDER_NOT_FOUND');
  const ids = new Set([
    ...(order.packages ?? []).map((p) => String(p.id)),
    ...order.line_items.flatMap((li) => (li.package_id ? [String(li.package_id)] : [])),
  ]);
  const skus = new Set(want?.lines.flatMap((l) => (l.sources ?? []).map((s) => s.skuId)));
  for (const id of [...ids].sort()) {
    if (want?.taken.has(id)) continue;
    if (want) {
      const inside = order.line_items.filter((li) => String(li.package_id ?? '') === id);
      if (inside.length === 0 || !inside.every((li) => skus.has(String(li.sku_id)))) continue;
    }
    const detail = await c.client.getPackageDetail(c.auth, id, c.opts);
    if (detail.shippingType === 'TIKTOK' && detail.orderIds.includes(String(order.id)))
      return { found: detail, unpacked: [] };
  }
  const free = order.line_items.filter((li) => !li.package_id);
  if (!want) return { found: undefined, unpacked: free.map((li) => String(li.id)) };
  const picked = selectShipmentLineItems(
    want.lines.map((l) => ({ ...l, sources: l.sources ?? [] })),
    want.lines,
    free.map((li) => ({ id: String(li.id), skuId: String(li.sku_id) })),
  );
  return { found: undefined, unpacked: 'ids' in picked ? picked.ids : [] };
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
      lineGroup: input.group?.index ?? null,
    });
    await appendOrderEvent(trx, {
      tenantId,
      orderId,
      kind: 'label_purchased',
      dedupeKey: `label_purchased:${saved.package_id}`,
      detail: {
        rule: 'R-CHK-3',
        ...(input.group && { lineGroup: input.group.index }),
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
