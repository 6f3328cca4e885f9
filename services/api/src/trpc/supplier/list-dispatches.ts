import {
  dispatchLines,
  getOrdersForSupplier,
  listDispatchLabels,
  listSupplierDispatchBoard,
  withSupplier,
  withTenant,
} from '@switchyard/db';
import { DISPATCH_STATUSES } from '@switchyard/domain';
import { z } from 'zod';
import { pageInput, pageOutput } from '../pagination.ts';
import { supplierProcedure } from '../trpc.ts';

const input = z.object(pageInput({ default: 25, max: 100 })).default({ limit: 25 });

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const output = pageOutput(
  z.object({
    id: z.string(),
    status: z.enum(DISPATCH_STATUSES),
    orderNumber: z.string().nullable(),
    lines: z.array(z.object({ itemCode: z.string(), quantity: z.number() })),
    createdAt: z.string(),
    ackDueAt: z.string().nullable(),
    shipBy: z.string().nullable(),
    expectedShipAt: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    carrier: z.string().nullable(),
    /** The order ships on a platform label (R-CHK-3): its number, to print and ship under. */
    labelTrackingNumber: z.string().nullable(),
  }),
);

/**
 * The supplier's dispatches for its portal page (R-RT-2, R-SLA-2): open ones first, keyset
 * pages. Each order's number, items and deadline are read in that order's tenant scope, as the
 * partner API's pull does; the buyer's address is left to the batch file and the API.
 */
export const listSupplierDispatchesProcedure = supplierProcedure
  .input(input)
  .output(output)
  .query(async ({ ctx, input }) => {
    const page = await withSupplier(ctx.deps.db, ctx.supplierId, (trx) =>
      listSupplierDispatchBoard(trx, ctx.supplierId, input),
    );
    const byTenant = new Map<string, typeof page.items>();
    for (const d of page.items)
      byTenant.set(d.tenant_id, [...(byTenant.get(d.tenant_id) ?? []), d]);
    const orders = new Map<string, Awaited<ReturnType<typeof getOrdersForSupplier>>[number]>();
    // A line group's dispatch carries its group's label (R-RT-1), else the order's.
    const labels: Awaited<ReturnType<typeof listDispatchLabels>> = new Map();
    for (const [tenantId, ds] of byTenant) {
      await withTenant(ctx.deps.db, tenantId, async (trx) => {
        const ids = ds.map((d) => d.order_id);
        for (const o of await getOrdersForSupplier(trx, ids)) orders.set(o.id, o);
        const found = await listDispatchLabels(
          trx,
          ds.map((d) => d.id),
        );
        for (const [id, l] of found) labels.set(id, l);
      });
    }
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((d) => {
        const order = orders.get(d.order_id);
        return {
          id: d.id,
          status: d.status,
          orderNumber: order?.platform_order_id ?? null,
          lines: order
            ? dispatchLines(d, order).map((l) => ({
                itemCode: l.supplierItemCode,
                quantity: l.quantity,
              }))
            : [],
          createdAt: iso(d.created_at)!,
          ackDueAt: iso(d.ack_due_at),
          shipBy: iso(order?.ship_by ?? null),
          expectedShipAt: iso(d.expected_ship_at),
          trackingNumber: d.tracking_number,
          carrier: d.carrier,
          labelTrackingNumber: labels.get(d.id)?.tracking_number ?? null,
        };
      }),
    };
  });
