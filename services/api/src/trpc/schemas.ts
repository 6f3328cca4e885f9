import {
  ORDER_EVENT_KINDS,
  ORDER_STATUSES,
  type OrderEventKind,
  type OrderStatus,
} from '@switchyard/domain';
import { z } from 'zod';

/** Shared pieces of procedure inputs and outputs. */

export const orderIdInput = z.object({ id: z.uuid() });

export const timelineEvent = z.object({
  kind: z.enum(ORDER_EVENT_KINDS),
  at: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

/** What every order output shows: identity, progress and its timeline (R-DIAG-1). */
export const orderSummary = z.object({
  id: z.string(),
  orderNumber: z.string(),
  status: z.enum(ORDER_STATUSES),
  shipCountry: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  carrier: z.string().nullable(),
  /** The marketplace's ship-by deadline (R-SLA-1); null when it named none. */
  shipBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  timeline: z.array(timelineEvent),
});

const iso = (d: Date | string) => new Date(d).toISOString();

/** Maps an order row with its timeline to the summary every order output starts with. */
export function toOrderSummary(o: {
  id: string;
  platform_order_id: string;
  status: OrderStatus;
  ship_country: string | null;
  tracking_number: string | null;
  carrier: string | null;
  ship_by: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  timeline: Array<{ kind: OrderEventKind; at: Date | string; detail: unknown }>;
}): z.infer<typeof orderSummary> {
  return {
    id: o.id,
    orderNumber: o.platform_order_id,
    status: o.status,
    shipCountry: o.ship_country,
    trackingNumber: o.tracking_number,
    carrier: o.carrier,
    shipBy: o.ship_by === null ? null : iso(o.ship_by),
    createdAt: iso(o.created_at),
    updatedAt: iso(o.updated_at),
    timeline: o.timeline.map((e) => ({
      kind: e.kind,
      at: iso(e.at),
      detail: e.detail as Record<string, unknown>,
    })),
  };
}

/** A failed check (R-CHK-*): stable code, rule id, English and Chinese text, suggested fix. */
export const hold = z.object({
  code: z.string(),
  rule: z.string(),
  message: z.string(),
  messageZh: z.string(),
  fix: z.string(),
});
