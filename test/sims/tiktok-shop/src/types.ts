/** A seller shop as `/authorization/202309/shops` lists it. */
export interface SimShop {
  id: string;
  name: string;
  region: string;
  sellerType: 'LOCAL' | 'CROSS_BORDER';
  cipher: string;
  code: string;
}

/** One unit of an order (TikTok has no quantity field), in TikTok's snake_case. */
export interface SimLineItem {
  id: string;
  sku_id: string;
  seller_sku: string;
  product_id: string;
  product_name: string;
  sku_name: string;
  sku_image: string;
  original_price: string;
  sale_price: string;
  seller_discount: string;
  platform_discount: string;
  currency: string;
  /** Absent where TikTok's value is not documented (lines of an ON_HOLD order). */
  display_status?: string;
  is_gift: boolean;
  package_id?: string;
  package_status?: string;
  tracking_number?: string;
  shipping_provider_id?: string;
  shipping_provider_name?: string;
  rts_time?: number;
}

export interface SimPackage {
  id: string;
  trackingNumber: string;
  shippingProviderId: string;
  shippingProviderName: string;
  orderLineItemIds: string[];
  shippedAtMs: number;
}

export type SimOrderStatus =
  | 'UNPAID'
  | 'ON_HOLD'
  | 'AWAITING_SHIPMENT'
  | 'PARTIALLY_SHIPPING'
  | 'AWAITING_COLLECTION'
  | 'IN_TRANSIT'
  | 'DELIVERED'
  | 'COMPLETED'
  | 'CANCELLED';

/** The sim's internal order; `renderOrder` turns it into the Order API shape. */
export interface SimOrder {
  id: string;
  shopId: string;
  status: SimOrderStatus;
  /**
   * TikTok's `is_on_hold_order`: the order has been or will be through ON_HOLD, in every status
   * (reference §3). It never says whether the order is on hold now.
   */
  onHoldOrder: boolean;
  createTime: number;
  updateTime: number;
  /** Divides its deadlines (compressed-time simulations); absent, the marketplace's own. */
  slaScale?: number;
  paidTime?: number;
  rtsTime?: number;
  collectionTime?: number;
  deliveryTime?: number;
  cancelTime?: number;
  userId: string;
  buyerMessage: string;
  deliveryOptionId: string;
  deliveryOptionName: string;
  /** `TIKTOK`: the seller buys TikTok's platform label for it (reference §5 TikTok Shipping). */
  shippingType: 'TIKTOK' | 'SELLER';
  currency: string;
  lineItems: SimLineItem[];
  payment: Record<string, string>;
  /** Always kept; the API withholds it while UNPAID / ON_HOLD (reference §4). */
  recipientAddress: Record<string, unknown>;
  packages: SimPackage[];
}

export interface CreateOrderItem {
  skuId?: string;
  sellerSku?: string;
  productId?: string;
  productName?: string;
  /** Decimal string, e.g. "12.99". */
  unitPrice?: string;
  quantity?: number;
}

export interface CreateOrderInput {
  items: CreateOrderItem[];
  /** Default true: the buyer pays at once and the order enters ON_HOLD. */
  paid: boolean;
  badAddress: 'PO_BOX' | 'WRONG_POSTCODE';
  address: Record<string, unknown>;
  deliveryOptionId: string;
  buyerMessage: string;
  shippingType: 'TIKTOK' | 'SELLER';
}

export interface WebhookLogEntry {
  notificationId: string;
  type: number;
  shopId: string;
  attempt: number;
  /**
   * HTTP status, 'error' for network failure/timeout, 'dropped' for an injected drop,
   * 'held_back' when an injected reorder holds the notification back (it is sent later).
   */
  status: number | 'error' | 'dropped' | 'held_back';
  at: number;
}

export interface SimFaults {
  dropWebhookRate: number;
  duplicateWebhookRate: number;
  /**
   * Share of notifications held back for up to `reorderDelayMs` before their first delivery, so
   * that later ones overtake them: TikTok promises no order between notifications (reference §3).
   */
  reorderWebhookRate?: number | undefined;
  reorderDelayMs?: number | undefined;
  failRate: number;
  rateLimit?: { perSecond: number; burst: number } | undefined;
  latencyMs: number;
  /** TikTok Shipping has no service for any parcel (e.g. a carrier outage): queries list none. */
  noShippingService?: boolean | undefined;
}
