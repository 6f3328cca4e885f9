import { listSlaBoard } from '@switchyard/db';
import { z } from 'zod';
import { operatorProcedure } from '../trpc.ts';

/** The dashboard's "at risk" horizon: due to ship within 48 hours (R-SLA-1), or late. */
const AT_RISK_MS = 48 * 60 * 60 * 1000;

const output = z.object({
  now: z.string(),
  orders: z.array(
    z.object({
      tenantId: z.string(),
      tenantName: z.string(),
      orderId: z.string(),
      orderNumber: z.string(),
      status: z.string(),
      shipBy: z.string(),
      late: z.boolean(),
    }),
  ),
});

/**
 * The SLA board across tenants (R-SLA-1): open orders by marketplace deadline, the late ones
 * (past it) first, then those due within 48 hours; at most 200, the most urgent.
 */
export const slaBoardProcedure = operatorProcedure.output(output).query(async ({ ctx }) => {
  const now = new Date();
  const rows = await listSlaBoard(ctx.deps.db, { horizonMs: AT_RISK_MS, limit: 200 });
  return {
    now: now.toISOString(),
    orders: rows.map((o) => ({
      tenantId: o.tenant_id,
      tenantName: o.tenant_name,
      orderId: o.order_id,
      orderNumber: o.platform_order_id,
      status: o.status,
      shipBy: new Date(o.ship_by).toISOString(),
      late: new Date(o.ship_by) < now,
    })),
  };
});
