import { listOrdersWithTimeline, withTenant } from '@switchyard/db';
import { ORDER_STATUSES } from '@switchyard/domain';
import { z } from 'zod';
import { mapPage, pageInput, pageOutput } from '../pagination.ts';
import { orderSummary, toOrderSummary } from '../schemas.ts';
import { tenantProcedure } from '../trpc.ts';

const input = z.object({
  ...pageInput({ default: 20, max: 100 }),
  status: z.enum(ORDER_STATUSES).optional(),
});

/** The tenant's orders, newest first, each with its timeline (R-DIAG-1). */
export const listOrders = tenantProcedure
  .input(input)
  .output(pageOutput(orderSummary))
  .query(async ({ ctx, input }) =>
    mapPage(
      await withTenant(ctx.deps.db, ctx.tenantId, (trx) => listOrdersWithTimeline(trx, input)),
      toOrderSummary,
    ),
  );
