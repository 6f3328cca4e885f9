import { z } from 'zod';

// Response schemas are deliberately loose: TikTok adds fields and enum values without notice, and
// a new status string must not make us drop an order. Only what we rely on is required.

const id = z.union([z.string(), z.number().transform(String)]);
const money = z.string();
const unix = z.number();

/** Envelope of every Open API and auth response (reference §0). */
export const envelopeSchema = z.looseObject({
  code: z.number(),
  message: z.string().optional(),
  request_id: z.string().optional(),
  data: z.unknown().optional(),
});

export const tokenDataSchema = z.looseObject({
  access_token: z.string(),
  access_token_expire_in: unix,
  refresh_token: z.string(),
  refresh_token_expire_in: unix,
  open_id: z.string().optional(),
  seller_name: z.string().optional(),
  seller_base_region: z.string().optional(),
  user_type: z.number().optional(),
  granted_scopes: z.array(z.string()).optional(),
});

export const shopSchema = z.looseObject({
  id,
  name: z.string().optional(),
  region: z.string().optional(),
  seller_type: z.string().optional(),
  cipher: z.string(),
  code: z.string().optional(),
});
export const shopsDataSchema = z.looseObject({ shops: z.array(shopSchema).default([]) });

export const addressSchema = z.looseObject({
  name: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  phone_number: z.string().optional(),
  full_address: z.string().optional(),
  address_detail: z.string().optional(),
  address_line1: z.string().optional(),
  address_line2: z.string().optional(),
  address_line3: z.string().optional(),
  address_line4: z.string().optional(),
  postal_code: z.string().optional(),
  region_code: z.string().optional(),
  post_town: z.string().optional(),
  district_info: z
    .array(
      z.looseObject({
        address_level: z.string().optional(),
        address_level_name: z.string().optional(),
        address_name: z.string().optional(),
        iso_code: z.string().optional(),
      }),
    )
    .optional(),
});

/** One unit: TikTok has no quantity field, count line items per sku_id (reference §4). */
export const lineItemSchema = z.looseObject({
  id,
  sku_id: id,
  seller_sku: z.string().optional(),
  product_id: id.optional(),
  product_name: z.string().optional(),
  sku_name: z.string().optional(),
  sale_price: money.optional(),
  original_price: money.optional(),
  seller_discount: money.optional(),
  platform_discount: money.optional(),
  currency: z.string().optional(),
  display_status: z.string().optional(),
  package_id: id.optional(),
  package_status: z.string().optional(),
  tracking_number: z.string().optional(),
  shipping_provider_id: id.optional(),
  shipping_provider_name: z.string().optional(),
  is_gift: z.boolean().optional(),
});

export const paymentSchema = z.looseObject({
  currency: z.string().optional(),
  sub_total: money.optional(),
  shipping_fee: money.optional(),
  seller_discount: money.optional(),
  platform_discount: money.optional(),
  total_amount: money.optional(),
  original_total_product_price: money.optional(),
  tax: money.optional(),
});

export const orderSchema = z.looseObject({
  id,
  status: z.string(),
  create_time: unix.optional(),
  update_time: unix.optional(),
  paid_time: unix.optional(),
  rts_sla_time: unix.optional(),
  tts_sla_time: unix.optional(),
  shipping_due_time: unix.optional(),
  fulfillment_type: z.string().optional(),
  shipping_type: z.string().optional(),
  delivery_option_id: id.optional(),
  delivery_option_name: z.string().optional(),
  is_on_hold_order: z.boolean().optional(),
  tracking_number: z.string().optional(),
  shipping_provider_id: id.optional(),
  packages: z.array(z.looseObject({ id })).optional(),
  line_items: z.array(lineItemSchema).default([]),
  payment: paymentSchema.optional(),
  recipient_address: addressSchema.optional(),
});

export const searchOrdersDataSchema = z.looseObject({
  orders: z.array(orderSchema).default([]),
  next_page_token: z.string().optional(),
  total_count: z.number().optional(),
});
export const orderDetailDataSchema = z.looseObject({ orders: z.array(orderSchema).default([]) });

export const providersDataSchema = z.looseObject({
  shipping_providers: z.array(z.looseObject({ id, name: z.string() })).default([]),
});

export const markShippedDataSchema = z.looseObject({
  order_id: id.optional(),
  package_id: id,
  order_line_item_ids: z.array(id).optional(),
  warning: z.looseObject({ message: z.string().optional() }).optional(),
});

/** An order in TikTok's own snake_case shape (field names traceable to the docs). */
export type TtsOrder = z.infer<typeof orderSchema>;
export type TtsLineItem = z.infer<typeof lineItemSchema>;
export type TtsAddress = z.infer<typeof addressSchema>;
export type TtsPayment = z.infer<typeof paymentSchema>;

export const shippingServiceSchema = z.looseObject({
  id,
  name: z.string(),
  price: money,
  currency: z.string(),
  shipping_provider_id: id.optional(),
  shipping_provider_name: z.string().optional(),
  earliest_delivery_days: z.number().optional(),
  latest_delivery_days: z.number().optional(),
});
export const shippingServicesDataSchema = z.looseObject({
  shipping_services: z.array(shippingServiceSchema).default([]),
});
export const createPackageDataSchema = z.looseObject({
  package_id: id,
  order_id: id.optional(),
  order_line_item_ids: z.array(id).optional(),
  shipping_service_info: shippingServiceSchema.partial().optional(),
});
export const packageDetailDataSchema = z.looseObject({
  package_id: id,
  package_status: z.string().optional(),
  shipping_type: z.string().optional(),
  orders: z.array(z.looseObject({ id })).optional(),
  order_line_item_ids: z.array(id).optional(),
  tracking_number: z.string().optional(),
  shipping_provider_id: id.optional(),
  shipping_provider_name: z.string().optional(),
});
export const shippingDocumentDataSchema = z.looseObject({
  doc_url: z.url(),
  tracking_number: z.string().optional(),
});
