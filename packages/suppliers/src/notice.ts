import { z } from 'zod';

const id = z.string().min(1).max(200);
const trackingNumber = z.string().regex(/^[A-Z0-9]{1,40}$/);

/**
 * What the platform tells a supplier about a dispatch after handing it over, signed like a
 * dispatch. `notice_id` is the webhook id: the same notice sent again dedupes at the supplier.
 * - `tracking.rejected`: the number cannot be pushed (R-TRK-1, R-TRK-2); send the right one.
 * - `shipment.first_scan_missing`: the carrier has not scanned the parcel in time (R-SLA-1).
 */
export const supplierNoticeSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('tracking.rejected'),
    notice_id: id,
    dispatch_id: id,
    tracking_number: trackingNumber,
    carrier: z.string().min(1).max(32),
    code: z.string().min(1).max(64),
    reason: z.string().min(1).max(500),
  }),
  z.object({
    type: z.literal('shipment.first_scan_missing'),
    notice_id: id,
    dispatch_id: id,
    tracking_number: trackingNumber,
    carrier: z.string().min(1).max(32),
    pushed_at: z.iso.datetime(),
  }),
]);

export type SupplierNotice = z.infer<typeof supplierNoticeSchema>;
