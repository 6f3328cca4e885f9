import type { SimOrder } from './types.ts';

const HOUR_S = 3600;

/** The Order API view of an order (GET /order/202309/orders and search). */
export function renderOrder(o: SimOrder): Record<string, unknown> {
  const paid = o.paidTime;
  const HOUR = Math.max(1, Math.round(HOUR_S / (o.slaScale ?? 1)));
  const first = o.packages[0];
  const out: Record<string, unknown> = {
    id: o.id,
    status: o.status,
    create_time: o.createTime,
    update_time: o.updateTime,
    fulfillment_type: 'FULFILLMENT_BY_SELLER',
    shipping_type: o.shippingType,
    delivery_type: 'HOME_DELIVERY',
    delivery_option_id: o.deliveryOptionId,
    delivery_option_name: o.deliveryOptionName,
    order_type: 'NORMAL',
    is_on_hold_order: o.onHoldOrder,
    is_buyer_request_cancel: false,
    is_cod: false,
    is_sample_order: false,
    is_replacement_order: false,
    split_or_combine_tag: o.packages.length > 1 ? 'SPLIT' : '',
    user_id: o.userId,
    buyer_email: `v${o.userId.slice(-8)}@scs.tiktokw.us`,
    buyer_message: o.buyerMessage,
    seller_note: '',
    warehouse_id: '',
    payment: o.payment,
    line_items: o.lineItems,
    packages: o.packages.map((p) => ({ id: p.id })),
  };
  if (paid !== undefined) {
    out.paid_time = paid;
    // R-SLA-1: ship within 48 h of payment, first tracking event within 72 h.
    out.rts_sla_time = paid + 48 * HOUR;
    out.tts_sla_time = paid + 72 * HOUR;
    out.shipping_due_time = paid + 72 * HOUR;
    out.collection_due_time = paid + 7 * 24 * HOUR;
    out.cancel_order_sla_time = paid + 72 * HOUR;
  }
  if (o.rtsTime !== undefined) out.rts_time = o.rtsTime;
  if (o.collectionTime !== undefined) out.collection_time = o.collectionTime;
  if (o.deliveryTime !== undefined) out.delivery_time = o.deliveryTime;
  if (o.cancelTime !== undefined) {
    out.cancel_time = o.cancelTime;
    out.cancel_reason = 'Buyer changed mind';
    out.cancellation_initiator = 'BUYER';
  }
  if (first) {
    out.tracking_number = first.trackingNumber;
    out.shipping_provider = first.shippingProviderName;
    out.shipping_provider_id = first.shippingProviderId;
  }
  // The address is withheld until the remorse window is over (reference §4).
  if (o.status !== 'UNPAID' && o.status !== 'ON_HOLD') out.recipient_address = o.recipientAddress;
  return out;
}
