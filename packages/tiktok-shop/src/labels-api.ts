import { parseData } from './auth-api.ts';
import { TikTokShopError } from './errors.ts';
import {
  createPackageDataSchema,
  packageDetailDataSchema,
  shippingDocumentDataSchema,
  shippingServicesDataSchema,
} from './schemas.ts';
import { type ShopAuth, shopCall } from './shop-api.ts';
import type { TransportConfig } from './transport.ts';

/** A parcel as the label is bought for it: grams and centimetres (sent as TikTok's strings). */
export interface ParcelSpec {
  weightGrams: number;
  lengthCm: number;
  widthCm: number;
  heightCm: number;
}

/** A TikTok Shipping service offered for a parcel (reference §5, purchase flow). */
export interface ShippingService {
  id: string;
  name: string;
  /** Decimal string in `currency`, as TikTok sends money. */
  price: string;
  currency: string;
  shippingProviderId?: string | undefined;
  shippingProviderName?: string | undefined;
  earliestDeliveryDays?: number | undefined;
  latestDeliveryDays?: number | undefined;
}

export interface PackageDetail {
  packageId: string;
  status: string | undefined;
  shippingType: string | undefined;
  orderIds: string[];
  orderLineItemIds: string[];
  trackingNumber: string | undefined;
  shippingProviderId: string | undefined;
  shippingProviderName: string | undefined;
}

export type DocumentType =
  | 'SHIPPING_LABEL'
  | 'PACKING_SLIP'
  | 'SHIPPING_LABEL_AND_PACKING_SLIP'
  | 'SHIPPING_LABEL_PICTURE'
  | 'HAZMAT_LABEL'
  | 'INVOICE_LABEL';

/** Largest document we take from a `doc_url`; a label is a few kilobytes. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

function decimal(n: number, what: string): string {
  if (!Number.isFinite(n) || n <= 0) throw new RangeError(`${what} must be positive, got ${n}`);
  return String(Math.round(n * 100) / 100);
}

function parcelBody(p: ParcelSpec) {
  return {
    weight: { value: decimal(p.weightGrams, 'weightGrams'), unit: 'GRAM' },
    dimension: {
      length: decimal(p.lengthCm, 'lengthCm'),
      width: decimal(p.widthCm, 'widthCm'),
      height: decimal(p.heightCm, 'heightCm'),
      unit: 'CM',
    },
  };
}

export async function queryShippingServices(
  cfg: TransportConfig,
  auth: ShopAuth,
  orderId: string,
  input: { parcel: ParcelSpec; orderLineItemIds?: string[] | undefined },
): Promise<ShippingService[]> {
  const path = `/fulfillment/202309/orders/${encodeURIComponent(orderId)}/shipping_services/query`;
  const data = await shopCall(cfg, auth, {
    method: 'POST',
    path,
    endpoint: '/fulfillment/202309/orders/{order_id}/shipping_services/query',
    body: {
      ...(input.orderLineItemIds && { order_line_item_ids: input.orderLineItemIds }),
      ...parcelBody(input.parcel),
    },
    idempotent: true, // a quote changes nothing
  });
  return parseData(shippingServicesDataSchema, data, 'shipping services').shipping_services.map(
    (s) => ({
      id: s.id,
      name: s.name,
      price: s.price,
      currency: s.currency,
      shippingProviderId: s.shipping_provider_id,
      shippingProviderName: s.shipping_provider_name,
      earliestDeliveryDays: s.earliest_delivery_days,
      latestDeliveryDays: s.latest_delivery_days,
    }),
  );
}

/**
 * Buys the label: creates the package on a service. Not idempotent: after a lost response a
 * resend would be refused (the lines are packed) or, worse, buy a second label for other lines;
 * the caller looks for the order's package (order detail, package detail) before creating.
 */
export async function createPackage(
  cfg: TransportConfig,
  auth: ShopAuth,
  input: {
    orderId: string;
    orderLineItemIds: string[];
    shippingServiceId: string;
    parcel: ParcelSpec;
  },
): Promise<{ packageId: string; orderLineItemIds: string[] }> {
  const path = '/fulfillment/202309/packages';
  const data = await shopCall(cfg, auth, {
    method: 'POST',
    path,
    endpoint: path,
    body: {
      order_id: input.orderId,
      order_line_item_ids: input.orderLineItemIds,
      shipping_service_id: input.shippingServiceId,
      ...parcelBody(input.parcel),
    },
    idempotent: false,
  });
  const d = parseData(createPackageDataSchema, data, 'create package');
  return {
    packageId: d.package_id,
    orderLineItemIds: d.order_line_item_ids ?? input.orderLineItemIds,
  };
}

export async function getPackageDetail(
  cfg: TransportConfig,
  auth: ShopAuth,
  packageId: string,
): Promise<PackageDetail> {
  const path = `/fulfillment/202309/packages/${encodeURIComponent(packageId)}`;
  const data = await shopCall(cfg, auth, {
    method: 'GET',
    path,
    endpoint: '/fulfillment/202309/packages/{package_id}',
    idempotent: true,
  });
  const d = parseData(packageDetailDataSchema, data, 'package detail');
  return {
    packageId: d.package_id,
    status: d.package_status,
    shippingType: d.shipping_type,
    orderIds: (d.orders ?? []).map((o) => o.id),
    orderLineItemIds: d.order_line_item_ids ?? [],
    trackingNumber: d.tracking_number,
    shippingProviderId: d.shipping_provider_id,
    shippingProviderName: d.shipping_provider_name,
  };
}

/** A link to the package's document (valid 24 h) and the label's tracking number. */
export async function getShippingDocument(
  cfg: TransportConfig,
  auth: ShopAuth,
  packageId: string,
  input: { documentType: DocumentType; documentSize?: 'A6' | 'A5'; documentFormat?: 'PDF' | 'ZPL' },
): Promise<{ docUrl: string; trackingNumber: string | undefined }> {
  const path = `/fulfillment/202309/packages/${encodeURIComponent(packageId)}/shipping_documents`;
  const data = await shopCall(cfg, auth, {
    method: 'GET',
    path,
    endpoint: '/fulfillment/202309/packages/{package_id}/shipping_documents',
    query: {
      document_type: input.documentType,
      document_size: input.documentSize,
      document_format: input.documentFormat,
    },
    idempotent: true,
  });
  const d = parseData(shippingDocumentDataSchema, data, 'shipping documents');
  return { docUrl: d.doc_url, trackingNumber: d.tracking_number };
}

/**
 * Downloads a `doc_url`: a bearer link, fetched without our credentials. A failure is
 * retryable (the link is good for 24 h, and a new one can be asked for).
 */
export async function downloadDocument(
  cfg: TransportConfig,
  url: string,
): Promise<{ bytes: Uint8Array; contentType: string }> {
  const fail = (message: string, retryable: boolean, cause?: unknown) =>
    new TikTokShopError({
      code: retryable ? 'TTS_NETWORK' : 'TTS_UNKNOWN',
      message,
      retryable,
      cause,
    });
  let res: Response;
  try {
    res = await cfg.fetch(url, { signal: AbortSignal.timeout(cfg.timeoutMs) });
  } catch (err) {
    throw fail(`TTS_NETWORK: document download failed: ${String(err)}`, true, err);
  }
  if (!res.ok) throw fail(`document download: HTTP ${res.status}`, true);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.byteLength === 0 || bytes.byteLength > MAX_DOCUMENT_BYTES)
    throw fail(`document download: ${bytes.byteLength} bytes`, false);
  return { bytes, contentType: res.headers.get('content-type') ?? 'application/octet-stream' };
}

/**
 * Ship Package: hands a TikTok Shipping package over (drop-off or pickup). The label's number
 * is TikTok's; nothing is typed. Not idempotent: a repeat is refused as already shipped, which
 * the caller reads from the package detail.
 */
export async function shipPackage(
  cfg: TransportConfig,
  auth: ShopAuth,
  packageId: string,
  input: { handoverMethod: 'PICKUP' | 'DROP_OFF' },
): Promise<void> {
  const path = `/fulfillment/202309/packages/${encodeURIComponent(packageId)}/ship`;
  await shopCall(cfg, auth, {
    method: 'POST',
    path,
    endpoint: '/fulfillment/202309/packages/{package_id}/ship',
    body: { handover_method: input.handoverMethod },
    idempotent: false,
  });
}
