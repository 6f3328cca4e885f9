import { parseData } from './auth-api.ts';
import { TikTokShopError } from './errors.ts';
import {
  markShippedDataSchema,
  orderDetailDataSchema,
  providersDataSchema,
  searchOrdersDataSchema,
  type TtsOrder,
} from './schemas.ts';
import { callTikTok, type TransportConfig } from './transport.ts';

/** Credentials of one shop-scoped call. */
export interface ShopAuth {
  accessToken: string;
  shopCipher: string;
}

export interface SearchOrdersInput {
  /** 1–100 (reference §4). */
  pageSize: number;
  pageToken?: string | undefined;
  updateTimeGe?: number | undefined;
  updateTimeLt?: number | undefined;
  orderStatus?: string | undefined;
  sortField?: 'create_time' | 'update_time' | undefined;
  sortOrder?: 'ASC' | 'DESC' | undefined;
}

export interface SearchOrdersResult {
  orders: TtsOrder[];
  /** Empty string when there are no more pages. */
  nextPageToken: string;
  totalCount: number;
}

export interface MarkShippedInput {
  trackingNumber: string;
  shippingProviderId: string;
  /** Omit to ship every remaining line (simulator behaviour; TikTok's default is UNCONFIRMED). */
  orderLineItemIds?: string[] | undefined;
}

export interface MarkShippedResult {
  orderId: string;
  packageId: string;
  orderLineItemIds: string[];
  warning?: string | undefined;
}

export const MAX_DETAIL_IDS = 50;

export function shopCall(
  cfg: TransportConfig,
  auth: ShopAuth,
  spec: {
    method: 'GET' | 'POST';
    path: string;
    endpoint: string;
    query?: Record<string, string | undefined>;
    body?: unknown;
    idempotent: boolean;
  },
) {
  return callTikTok(cfg, {
    ...spec,
    base: 'api',
    accessToken: auth.accessToken,
    shopCipher: auth.shopCipher,
    signed: true,
  });
}

export async function searchOrders(
  cfg: TransportConfig,
  auth: ShopAuth,
  input: SearchOrdersInput,
): Promise<SearchOrdersResult> {
  if (!Number.isInteger(input.pageSize) || input.pageSize < 1 || input.pageSize > 100) {
    throw new RangeError(`pageSize must be an integer in 1..100, got ${input.pageSize}`);
  }
  const body: Record<string, unknown> = {};
  if (input.updateTimeGe !== undefined) body.update_time_ge = input.updateTimeGe;
  if (input.updateTimeLt !== undefined) body.update_time_lt = input.updateTimeLt;
  if (input.orderStatus !== undefined) body.order_status = input.orderStatus;
  const path = '/order/202309/orders/search';
  const data = await shopCall(cfg, auth, {
    method: 'POST',
    path,
    endpoint: path,
    query: {
      page_size: String(input.pageSize),
      page_token: input.pageToken || undefined,
      sort_field: input.sortField,
      sort_order: input.sortOrder,
    },
    body,
    idempotent: true, // a search changes nothing, despite being a POST
  });
  const d = parseData(searchOrdersDataSchema, data, 'order search');
  return {
    orders: d.orders,
    nextPageToken: d.next_page_token ?? '',
    totalCount: d.total_count ?? d.orders.length,
  };
}

export async function getOrderDetail(
  cfg: TransportConfig,
  auth: ShopAuth,
  ids: string[],
): Promise<TtsOrder[]> {
  if (ids.length === 0) return [];
  if (ids.length > MAX_DETAIL_IDS) {
    throw new RangeError(`getOrderDetail takes at most ${MAX_DETAIL_IDS} ids, got ${ids.length}`);
  }
  const path = '/order/202309/orders';
  // Lists go as one comma-joined value and are signed that way (reference §2).
  const data = await shopCall(cfg, auth, {
    method: 'GET',
    path,
    endpoint: path,
    query: { ids: ids.join(',') },
    idempotent: true,
  });
  return parseData(orderDetailDataSchema, data, 'order detail').orders;
}

export async function getShippingProviders(
  cfg: TransportConfig,
  auth: ShopAuth,
  deliveryOptionId: string,
): Promise<Array<{ id: string; name: string }>> {
  const path = `/logistics/202309/delivery_options/${encodeURIComponent(deliveryOptionId)}/shipping_providers`;
  const data = await shopCall(cfg, auth, {
    method: 'GET',
    path,
    endpoint: '/logistics/202309/delivery_options/{delivery_option_id}/shipping_providers',
    idempotent: true,
  });
  return parseData(providersDataSchema, data, 'shipping providers').shipping_providers.map((p) => ({
    id: p.id,
    name: p.name,
  }));
}

export async function markPackageShipped(
  cfg: TransportConfig,
  auth: ShopAuth,
  orderId: string,
  input: MarkShippedInput,
): Promise<MarkShippedResult> {
  const path = `/fulfillment/202309/orders/${encodeURIComponent(orderId)}/packages`;
  const body: Record<string, unknown> = {
    tracking_number: input.trackingNumber,
    shipping_provider_id: input.shippingProviderId,
  };
  if (input.orderLineItemIds) body.order_line_item_ids = input.orderLineItemIds;
  // Not idempotent: after a lost response a blind resend could create a second package; the
  // caller reconciles via getOrderDetail instead (convention 12).
  const data = await shopCall(cfg, auth, {
    method: 'POST',
    path,
    endpoint: '/fulfillment/202309/orders/{order_id}/packages',
    body,
    idempotent: false,
  });
  const d = parseData(markShippedDataSchema, data, 'mark shipped');
  return {
    orderId: d.order_id ?? orderId,
    packageId: d.package_id,
    orderLineItemIds: d.order_line_item_ids ?? input.orderLineItemIds ?? [],
    warning: d.warning?.message,
  };
}

/** Order-level correction, allowed within 72 h of shipping for non-split orders (reference §5). */
export async function updateShippingInfo(
  cfg: TransportConfig,
  auth: ShopAuth,
  orderId: string,
  input: { trackingNumber: string; shippingProviderId: string },
): Promise<void> {
  if (!input.trackingNumber) {
    throw new TikTokShopError({
      code: 'TTS_BAD_REQUEST',
      message: 'TTS_BAD_REQUEST: trackingNumber is required',
      retryable: false,
    });
  }
  const path = `/fulfillment/202309/orders/${encodeURIComponent(orderId)}/shipping_info/update`;
  await shopCall(cfg, auth, {
    method: 'POST',
    path,
    endpoint: '/fulfillment/202309/orders/{order_id}/shipping_info/update',
    body: { tracking_number: input.trackingNumber, shipping_provider_id: input.shippingProviderId },
    idempotent: true, // setting the same tracking twice leaves the same state
  });
}
