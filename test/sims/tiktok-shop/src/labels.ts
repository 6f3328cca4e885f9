import { normalizeTrackingNumber } from '@switchyard/domain';
import { generateTrackingNumber } from '@switchyard/domain/testing';
import { badParam, CODES, SimApiError } from './api-error.ts';
import type { SimClock } from './clock.ts';
import { labelPdf, labelZpl } from './label-document.ts';
import type { OrderStore } from './order-store.ts';
import type { Rng } from './rng.ts';
import {
  type Parcel,
  type ParcelInput,
  parseParcel,
  quoteServices,
  renderService,
  type SimShippingService,
} from './shipping-services.ts';
import type { SimFaults, SimOrder } from './types.ts';

export const DOCUMENT_TYPES = [
  'SHIPPING_LABEL',
  'PACKING_SLIP',
  'SHIPPING_LABEL_AND_PACKING_SLIP',
  'SHIPPING_LABEL_PICTURE',
  'HAZMAT_LABEL',
  'INVOICE_LABEL',
] as const;
const DOC_TTL_MS = 24 * 3600_000; // doc_url is valid 24 h (reference §5)

/** A package bought through TikTok Shipping: TikTok's label, handed over later. */
export interface SimLabelPackage {
  id: string;
  orderId: string;
  shopId: string;
  lineItemIds: string[];
  service: SimShippingService;
  priceCents: number;
  parcel: Parcel;
  trackingNumber: string;
  createTimeSec: number;
  handoverMethod?: 'PICKUP' | 'DROP_OFF';
}

/**
 * The TikTok Shipping "purchase" flow (reference §5, US): query services for a parcel, create
 * the package on one, fetch its shipping documents, then hand it over (Ship Package). The
 * carrier learns the label's number when the package is created, as a label bought from it.
 */
export class Labels {
  readonly packages = new Map<string, SimLabelPackage>();
  private readonly docs = new Map<
    string,
    { packageId: string; type: string; format: string; expiresAtMs: number }
  >();

  constructor(
    private readonly deps: {
      orders: OrderStore;
      clock: SimClock;
      rng: Rng;
      faults: SimFaults;
      /** Tells the carrier of a new label (the carrier-tracking sim); absent, nobody is told. */
      registerLabel?: ((carrier: string, trackingNumber: string) => Promise<void>) | undefined;
    },
  ) {}

  queryServices(
    shopId: string,
    orderId: string,
    input: ParcelInput & { order_line_item_ids?: string[] | undefined },
  ) {
    const o = this.labelOrder(shopId, orderId);
    this.lineItems(o, input.order_line_item_ids);
    const parcel = parseParcel(input);
    const quotes = this.deps.faults.noShippingService ? [] : quoteServices(parcel);
    return { shipping_services: quotes.map((q) => renderService(q.service, q.priceCents)) };
  }

  async createPackage(
    shopId: string,
    input: ParcelInput & {
      order_id: string;
      order_line_item_ids?: string[] | undefined;
      shipping_service_id: string;
    },
  ) {
    const o = this.labelOrder(shopId, input.order_id);
    const ids = this.lineItems(o, input.order_line_item_ids);
    const parcel = parseParcel(input);
    const quote = (this.deps.faults.noShippingService ? [] : quoteServices(parcel)).find(
      (q) => q.service.id === input.shipping_service_id,
    );
    if (!quote)
      throw new SimApiError(
        CODES.SERVICE_UNAVAILABLE,
        `Shipping service ${input.shipping_service_id} is not available for this package`,
      );
    // The tracking id, without the 420+ZIP routing prefix a USPS barcode may carry: the number
    // the carrier and the Order API know the parcel by.
    const trackingNumber = normalizeTrackingNumber(
      generateTrackingNumber(quote.service.carrierCode, this.deps.rng.next),
    );
    // The carrier issues the number before TikTok answers: a failure here fails the call.
    await this.deps.registerLabel?.(quote.service.carrierCode, trackingNumber);
    const pkg: SimLabelPackage = {
      id: this.deps.rng.numericId('1154'),
      orderId: o.id,
      shopId,
      lineItemIds: ids,
      service: quote.service,
      priceCents: quote.priceCents,
      parcel,
      trackingNumber,
      createTimeSec: this.deps.clock.nowSec(),
    };
    this.packages.set(pkg.id, pkg);
    o.packages.push({
      id: pkg.id,
      trackingNumber,
      shippingProviderId: quote.service.providerId,
      shippingProviderName: quote.service.providerName,
      orderLineItemIds: [...ids],
      shippedAtMs: this.deps.clock.now(),
    });
    for (const li of o.lineItems) {
      if (!ids.includes(li.id)) continue;
      li.package_id = pkg.id;
      li.package_status = 'PROCESSING';
      li.tracking_number = trackingNumber;
      li.shipping_provider_id = quote.service.providerId;
      li.shipping_provider_name = quote.service.providerName;
    }
    o.updateTime = this.deps.clock.nowSec();
    return {
      package_id: pkg.id,
      order_id: o.id,
      order_line_item_ids: ids,
      create_time: pkg.createTimeSec,
      shipping_service_info: renderService(pkg.service, pkg.priceCents),
    };
  }

  packageDetail(shopId: string, packageId: string) {
    const p = this.mustPackage(shopId, packageId);
    const o = this.deps.orders.must(p.orderId);
    return {
      package_id: p.id,
      package_status: p.handoverMethod ? 'FULFILLING' : 'PROCESSING',
      shipping_type: 'TIKTOK',
      handover_method: p.handoverMethod ?? null,
      orders: [{ id: o.id, skus: [] }],
      order_line_item_ids: p.lineItemIds,
      tracking_number: p.trackingNumber,
      shipping_provider_id: p.service.providerId,
      shipping_provider_name: p.service.providerName,
      split_and_combine_tag: 'DEFAULT',
      create_time: p.createTimeSec,
    };
  }

  /** A document link valid 24 h, served by the sim itself (reference §5 `doc_url`). */
  documents(shopId: string, packageId: string, q: Record<string, string>, origin: string) {
    const p = this.mustPackage(shopId, packageId);
    const type = q.document_type;
    if (!type || !(DOCUMENT_TYPES as readonly string[]).includes(type))
      throw badParam(`document_type must be one of ${DOCUMENT_TYPES.join(', ')}`);
    if (q.document_size !== undefined && !['A6', 'A5'].includes(q.document_size))
      throw badParam('document_size must be A6 or A5');
    const format = q.document_format ?? 'PDF';
    if (!['PDF', 'ZPL'].includes(format)) throw badParam('document_format must be PDF or ZPL');
    const token = this.deps.rng.token(32);
    this.docs.set(token, {
      packageId: p.id,
      type,
      format,
      expiresAtMs: this.deps.clock.now() + DOC_TTL_MS,
    });
    return { doc_url: `${origin}/shipping-documents/${token}`, tracking_number: p.trackingNumber };
  }

  /** The bytes behind a `doc_url`; undefined once expired or never issued. */
  document(token: string): { body: Uint8Array; contentType: string } | undefined {
    const d = this.docs.get(token);
    if (!d || d.expiresAtMs <= this.deps.clock.now()) return undefined;
    const p = this.packages.get(d.packageId);
    if (!p) return undefined;
    const lines = [
      `TikTok Shipping - ${p.service.name}`,
      `${d.type} package ${p.id}`,
      `Order ${p.orderId}`,
      `Tracking ${p.trackingNumber}`,
    ];
    return d.format === 'ZPL'
      ? { body: labelZpl(lines), contentType: 'text/plain; charset=utf-8' }
      : { body: labelPdf(lines), contentType: 'application/pdf' };
  }

  /** Ship Package: the seller hands the package to the carrier (reference §5). */
  ship(
    shopId: string,
    packageId: string,
    input: { handover_method: 'PICKUP' | 'DROP_OFF'; self_shipment?: unknown },
  ) {
    const p = this.mustPackage(shopId, packageId);
    if (input.self_shipment !== undefined)
      throw badParam('self_shipment is only for SEND_BY_SELLER delivery options');
    if (p.handoverMethod)
      throw new SimApiError(CODES.PACKAGE_ALREADY_SHIPPED, `Package ${p.id} is already shipped`);
    const o = this.deps.orders.must(p.orderId);
    if (o.status !== 'AWAITING_SHIPMENT' && o.status !== 'PARTIALLY_SHIPPING')
      throw new SimApiError(
        CODES.ORDER_NOT_SHIPPABLE,
        `Order status ${o.status} does not allow shipping`,
      );
    p.handoverMethod = input.handover_method;
    const nowSec = this.deps.clock.nowSec();
    const pkg = o.packages.find((x) => x.id === p.id);
    if (pkg) pkg.shippedAtMs = this.deps.clock.now();
    for (const li of o.lineItems) {
      if (li.package_id !== p.id) continue;
      li.package_status = 'FULFILLING';
      li.rts_time = nowSec;
    }
    const handedOver = new Set(
      [...this.packages.values()]
        .filter((x) => x.orderId === o.id && x.handoverMethod)
        .flatMap((x) => x.lineItemIds),
    );
    const all = o.lineItems.every((li) => handedOver.has(li.id));
    if (all) o.rtsTime = nowSec;
    this.deps.orders.transition(o, all ? 'AWAITING_COLLECTION' : 'PARTIALLY_SHIPPING');
  }

  private labelOrder(shopId: string, orderId: string): SimOrder {
    const o = this.deps.orders.orders.get(orderId);
    if (!o || o.shopId !== shopId)
      throw new SimApiError(CODES.ORDER_NOT_FOUND, `Order ${orderId} not found in this shop`, 404);
    if (o.shippingType !== 'TIKTOK')
      throw new SimApiError(
        CODES.NOT_TIKTOK_SHIPPING,
        `Order ${orderId} does not use TikTok Shipping`,
      );
    if (o.status !== 'AWAITING_SHIPMENT' && o.status !== 'PARTIALLY_SHIPPING')
      throw new SimApiError(
        CODES.ORDER_NOT_SHIPPABLE,
        `Order status ${o.status} does not allow shipping`,
      );
    return o;
  }

  /** The lines to pack: all unpacked lines when none are named; a packed line is refused. */
  private lineItems(o: SimOrder, ids: string[] | undefined): string[] {
    const chosen = ids?.length ? ids : o.lineItems.filter((l) => !l.package_id).map((l) => l.id);
    if (chosen.length === 0)
      throw new SimApiError(CODES.ALREADY_PACKAGED, `Order ${o.id} is already in a package`);
    for (const id of chosen) {
      const li = o.lineItems.find((l) => l.id === id);
      if (!li) throw badParam(`order_line_item_id ${id} is not in order ${o.id}`);
      if (li.package_id)
        throw new SimApiError(
          CODES.ALREADY_PACKAGED,
          `order_line_item_id ${id} is already in package ${li.package_id}`,
        );
    }
    return chosen;
  }

  private mustPackage(shopId: string, packageId: string): SimLabelPackage {
    const p = this.packages.get(packageId);
    if (!p || p.shopId !== shopId)
      throw new SimApiError(
        CODES.PACKAGE_NOT_FOUND,
        `Package ${packageId} not found in this shop`,
        404,
      );
    return p;
  }
}
