import type { OrderEventKind } from './statuses.ts';

/** The marketplace-neutral order the platform fulfils (R-IN-4 lists what a supplier needs). */
export interface FulfillmentOrder {
  platformOrderId: string;
  status: string;
  lines: Array<{ skuId: string; sellerSku: string; name: string; quantity: number }>;
  recipient: Recipient | null;
  currency: string;
  totalMinor: bigint;
  shipBy: Date | null;
  deliveryOptionId: string | null;
  /** Carrier registry code (`USPS`, `TIKTOK_SHIPPING` …). */
  carrierCode: string | null;
  /** `TIKTOK`: platform labels only (R-CHK-3); `SELLER`: the seller's own carrier. */
  shippingType?: 'TIKTOK' | 'SELLER';
}

export interface Recipient {
  name: string;
  phone: string;
  addressLines: string[];
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

/**
 * Exactly a recipient's fields, whatever else the value carries: what is stored or shown of a
 * buyer's address is never more than this (R-ONB-3).
 */
export function pickRecipient(r: Recipient): Recipient {
  return {
    name: r.name,
    phone: r.phone,
    addressLines: r.addressLines,
    city: r.city,
    region: r.region,
    postalCode: r.postalCode,
    country: r.country,
  };
}

/** Deterministic workflow id: one order, one workflow, however often it is announced (R-IN-1). */
export function orderWorkflowId(tenantId: string, shopId: string, platformOrderId: string): string {
  return `order:${tenantId}:${shopId}:${platformOrderId}`;
}

/** Lifecycle of an order on the platform, as the tenant sees it. */
export const ORDER_STATUSES = [
  'received',
  'on_hold',
  'dispatched',
  'acknowledged',
  'partially_shipped',
  'shipped',
  'completed',
  'cancelled',
  'failed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * An order in one of these has passed its checks (R-CHK-*), so the marketplace's saying it may
 * ship (AWAITING_SHIPMENT) can start or release nothing: reconciliation need not tell its
 * workflow (R-IN-2), which would cost the engine a workflow task for each order it lists.
 */
export const PAST_CHECKS_STATUSES = [
  'dispatched',
  'acknowledged',
  'partially_shipped',
  'shipped',
  'completed',
  'cancelled',
  'failed',
] as const satisfies readonly OrderStatus[];

/** How an order's workflow ends. */
export type OrderFinalStatus = Extract<OrderStatus, 'completed' | 'cancelled' | 'failed'>;

/**
 * The steps the order workflow itself writes on an order's timeline (R-DIAG-1); activities
 * write the steps of their own side effects (dispatched, tracking_pushed …).
 */
export const ORDER_PROGRESS_EVENTS = [
  'held',
  'hold_released',
  'no_supplier',
  'shipment_escalated',
  'completed',
  'cancelled',
] as const satisfies readonly OrderEventKind[];
export type OrderProgressEvent = (typeof ORDER_PROGRESS_EVENTS)[number];
