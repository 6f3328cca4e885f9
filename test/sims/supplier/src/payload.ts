import { z } from 'zod';

/**
 * What this supplier needs to fulfil an order (R-IN-4). Its own schema rather than the
 * platform's: a supplier validates what it receives and answers 400, it does not share
 * our types.
 */
export const inboundDispatchSchema = z.object({
  type: z.literal('order.dispatched'),
  dispatch_id: z.string().min(1),
  order_ref: z.string().optional(),
  order: z.object({
    order_number: z.string().min(1),
    lines: z.array(z.object({ sku_code: z.string().min(1), quantity: z.int().min(1) })).min(1),
    recipient: z.object({
      name: z.string().min(1),
      phone: z.string().min(1),
      address_lines: z.array(z.string().min(1)).min(1),
      city: z.string().min(1),
      postal_code: z.string().min(1),
      country: z.string().length(2),
    }),
    carrier_code: z.string().min(1),
  }),
  /** When the platform expects the acknowledgement (R-SLA-2). */
  ack_due_at: z.iso.datetime({ offset: true }).optional(),
  callback_base_url: z.string().optional(),
  /** A platform label (TikTok Shipping): printed from `url`, shipped under its number. */
  label: z
    .object({
      url: z.url(),
      tracking_number: z.string().min(1),
      carrier: z.string().min(1),
    })
    .optional(),
});

export type InboundDispatch = z.infer<typeof inboundDispatchSchema>;

export type ParsedDispatch =
  | { ok: true; dispatch: InboundDispatch }
  | { ok: false; issues: Array<{ path: string; message: string }> };

/** Paths and messages only: zod issues never carry the buyer's data back in the 400 body. */
export function parseInboundDispatch(rawBody: string): ParsedDispatch {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { ok: false, issues: [{ path: '', message: 'body is not valid JSON' }] };
  }
  const result = inboundDispatchSchema.safeParse(json);
  if (result.success) return { ok: true, dispatch: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  };
}

/** A notice from the platform about a dispatch this supplier holds. */
export const inboundNoticeSchema = z.object({
  type: z.enum(['tracking.rejected', 'shipment.first_scan_missing']),
  notice_id: z.string().min(1),
  dispatch_id: z.string().min(1),
  tracking_number: z.string().min(1),
  carrier: z.string().min(1),
});

export type InboundNotice = z.infer<typeof inboundNoticeSchema>;

/** The `type` of a JSON body, or undefined; decides which schema reads it. */
export function messageType(rawBody: string): unknown {
  try {
    return (JSON.parse(rawBody) as { type?: unknown } | null)?.type;
  } catch {
    return undefined;
  }
}
