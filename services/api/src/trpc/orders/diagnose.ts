import { getOrderDiagnosis, withTenant } from '@switchyard/db';
import { DISPATCH_STATUSES, ORDER_STATUSES } from '@switchyard/domain';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { orderIdInput } from '../schemas.ts';
import { tenantProcedure } from '../trpc.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const candidate = z.object({
  supplierId: z.string(),
  code: z.string(),
  score: z.number(),
  parts: z.object({ cost: z.number(), speed: z.number(), record: z.number() }),
  landedCostMinor: z.number(),
  expectedShipAt: z.string(),
  late: z.boolean(),
  pinned: z.boolean(),
});
const line = z.object({ supplierItemCode: z.string(), quantity: z.number() });

/** R-RT-1: a routing decision as the timeline stored it. */
const routingDecision = z.object({
  decision: z.enum(['single', 'split', 'none']),
  chosen: z.string().optional(),
  ranked: z.array(candidate).optional(),
  groups: z.array(z.object({ lines: z.array(line), ranked: z.array(candidate) })).optional(),
  unfillable: z.array(line).optional(),
  rejected: z.array(
    z.object({ supplierId: z.string(), code: z.string(), reasons: z.array(z.string()) }),
  ),
  moreRejected: z.number().optional(),
});

const output = z.object({
  orderNumber: z.string(),
  status: z.enum(ORDER_STATUSES),
  /** Level 1: did the platform hear about the order from the marketplace, and when. */
  marketplace: z.array(
    z.object({
      notificationId: z.string(),
      type: z.number(),
      orderStatus: z.string().nullable(),
      receivedAt: z.string(),
      processedAt: z.string().nullable(),
    }),
  ),
  /** Level 2: every call the platform made for the order. */
  calls: z.array(
    z.object({
      target: z.string(),
      endpoint: z.string(),
      httpStatus: z.number().nullable(),
      code: z.string().nullable(),
      latencyMs: z.number(),
      at: z.string(),
    }),
  ),
  /** Level 3: the supplier side. */
  dispatches: z.array(
    z.object({
      id: z.string(),
      attempt: z.number(),
      supplier: z.string(),
      status: z.enum(DISPATCH_STATUSES),
      sentAt: z.string(),
      acknowledgedAt: z.string().nullable(),
      expectedShipAt: z.string().nullable(),
      shippedAt: z.string().nullable(),
      trackingNumber: z.string().nullable(),
      /** R-RT-1 split: the line group it carries, with its items; null: the whole order. */
      lineGroup: z
        .object({
          index: z.number(),
          lines: z.array(z.object({ supplierItemCode: z.string(), quantity: z.number() })),
        })
        .nullable(),
    }),
  ),
  /** Where routing sent the order and why: chosen, score parts, fallbacks, rejections. */
  routing: z.array(routingDecision.extend({ at: z.string() })),
});

/** R-DIAG-1: why is this order late? The three levels of tracing in one answer. */
export const diagnoseOrder = tenantProcedure
  .input(orderIdInput)
  .output(output)
  .query(async ({ ctx, input }) => {
    const d = await withTenant(ctx.deps.db, ctx.tenantId, (trx) =>
      getOrderDiagnosis(trx, input.id),
    );
    if (!d) throw new AppError('NOT_FOUND', 'order not found');
    return {
      orderNumber: d.order.platform_order_id,
      status: d.order.status,
      marketplace: d.notifications.map((n) => ({
        notificationId: n.notification_id,
        type: n.type,
        orderStatus: n.order_status,
        receivedAt: iso(n.received_at)!,
        processedAt: iso(n.processed_at),
      })),
      calls: d.calls.map((c) => ({
        target: c.target,
        endpoint: c.endpoint,
        httpStatus: c.http_status,
        code: c.code,
        latencyMs: c.latency_ms,
        at: iso(c.at)!,
      })),
      dispatches: d.dispatches.map((x) => ({
        id: x.id,
        attempt: x.attempt,
        supplier: x.name,
        status: x.status,
        sentAt: iso(x.created_at)!,
        acknowledgedAt: iso(x.acked_at),
        expectedShipAt: iso(x.expected_ship_at),
        shippedAt: iso(x.shipped_at),
        trackingNumber: x.tracking_number,
        lineGroup:
          x.line_group === null
            ? null
            : {
                index: x.line_group,
                lines: (x.lines ?? []).map((l) => ({
                  supplierItemCode: l.supplierItemCode,
                  quantity: l.quantity,
                })),
              },
      })),
      routing: d.routing.map((r) => ({ ...routingDecision.parse(r.detail), at: iso(r.at)! })),
    };
  });
