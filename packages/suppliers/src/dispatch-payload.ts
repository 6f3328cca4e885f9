import { z } from 'zod';

/**
 * Address lines are capped at 120 characters because suppliers' label printers and the
 * marketplace reject longer lines (R-CHK-2); catching it here keeps a bad dispatch from
 * ever leaving the platform.
 */
const addressLine = z.string().min(1).max(120);

/** R-CHK-2: the phone must carry a country code such as +1 or +44. */
const phoneWithCountryCode = z
  .string()
  .regex(/^\+[1-9][0-9 ()-]{5,20}$/, 'phone must start with + and a country code');

/** One order line, already mapped to the supplier's item code (R-CHK-1). */
export const dispatchLineSchema = z.object({
  sku_code: z.string().min(1),
  quantity: z.int().min(1),
  name: z.string().min(1).optional(),
});

/** The buyer's shipping address: the minimum a supplier needs to ship (R-IN-4, R-ONB-3). */
export const dispatchRecipientSchema = z.object({
  name: z.string().min(1),
  phone: phoneWithCountryCode,
  address_lines: z.array(addressLine).min(1).max(3),
  city: z.string().min(1),
  region: z.string().min(1).optional(),
  postal_code: z.string().min(1),
  country: z.string().regex(/^[A-Z]{2}$/, 'country must be an ISO 3166-1 alpha-2 code'),
});

/**
 * A platform label (TikTok Shipping, R-CHK-3): the platform bought it; the supplier prints the
 * document at `url` (GET with its partner key) and ships under `tracking_number`. The link is
 * the platform's own and does not expire while the dispatch is open.
 */
export const dispatchLabelSchema = z.object({
  package_id: z.string().min(1),
  tracking_number: z.string().regex(/^[A-Z0-9]{1,40}$/),
  /** The carrier the label was bought on (USPS, UPS, FEDEX), which collects the parcel. */
  carrier: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  content_type: z.string().min(1),
});

/**
 * The JSON body of an `order.dispatched` webhook pushed to a supplier (R-RT-2).
 *
 * Unknown keys are stripped rather than rejected so that older connectors keep working
 * when a field is added.
 *
 * @example
 * const payload = dispatchPayloadSchema.parse(JSON.parse(body));
 */
export const dispatchPayloadSchema = z.object({
  type: z.literal('order.dispatched'),
  dispatch_id: z.string().regex(/^d_[A-Za-z0-9_-]+$/, 'dispatch_id must look like d_…'),
  order_ref: z.string().min(1),
  order: z.object({
    order_number: z.string().min(1),
    lines: z.array(dispatchLineSchema).min(1),
    recipient: dispatchRecipientSchema,
    carrier_code: z.string().min(1),
    ship_by: z.iso.datetime({ offset: true }),
  }),
  /** R-SLA-2: the supplier must acknowledge before this instant (receipt + 30 min). */
  ack_due_at: z.iso.datetime({ offset: true }),
  /** Base URL of the partner API the supplier calls back (ack, shipment, reject). */
  callback_base_url: z.url({ protocol: /^https?$/ }),
  /** Present when the order ships on a platform label: print it, ship under its number. */
  label: dispatchLabelSchema.optional(),
});

export type DispatchLabel = z.infer<typeof dispatchLabelSchema>;
export type DispatchPayload = z.infer<typeof dispatchPayloadSchema>;
export type DispatchLine = z.infer<typeof dispatchLineSchema>;
export type DispatchRecipient = z.infer<typeof dispatchRecipientSchema>;

/** What a dispatch payload is built from: the order as stored, its recipient decrypted. */
export interface DispatchPayloadInput {
  dispatchId: string;
  orderNumber: string;
  /** Supplier item codes from the tenant's mapping (R-CHK-1), never marketplace SKUs. */
  lines: readonly { supplierItemCode: string; quantity: number; name?: string | undefined }[];
  recipient: {
    name: string;
    phone: string;
    addressLines: string[];
    city: string;
    region?: string | undefined;
    postalCode: string;
    country: string;
  };
  carrierCode: string;
  shipBy: Date;
  ackDueAt: Date;
  callbackBaseUrl: string;
  /** The order's platform label, when it has one. */
  label?:
    | { packageId: string; trackingNumber: string; carrier: string; documentType: string }
    | null
    | undefined;
}

/**
 * The `order.dispatched` body (R-IN-4 fields): one builder for the push delivery and the pull
 * listing, so a supplier that pulls sees exactly what one that is pushed to receives.
 */
export function buildDispatchPayload(v: DispatchPayloadInput): DispatchPayload {
  const r = v.recipient;
  return {
    type: 'order.dispatched',
    dispatch_id: v.dispatchId,
    order_ref: v.orderNumber,
    order: {
      order_number: v.orderNumber,
      lines: v.lines.map((l) => ({
        sku_code: l.supplierItemCode,
        quantity: l.quantity,
        ...(l.name && { name: l.name }),
      })),
      recipient: {
        name: r.name,
        phone: r.phone,
        address_lines: r.addressLines,
        city: r.city,
        ...(r.region && { region: r.region }),
        postal_code: r.postalCode,
        country: r.country,
      },
      carrier_code: v.carrierCode,
      ship_by: v.shipBy.toISOString(),
    },
    ack_due_at: v.ackDueAt.toISOString(),
    callback_base_url: v.callbackBaseUrl,
    ...(v.label && {
      label: {
        package_id: v.label.packageId,
        tracking_number: v.label.trackingNumber,
        carrier: v.label.carrier,
        url: `${v.callbackBaseUrl.replace(/\/+$/, '')}/dispatches/${encodeURIComponent(v.dispatchId)}/label`,
        content_type: v.label.documentType,
      },
    }),
  };
}
