import { recheckOrder } from '@switchyard/workflows';
import { z } from 'zod';
import { orderIdInput } from '../schemas.ts';
import { tenantProcedure } from '../trpc.ts';

const output = z.object({ status: z.literal('rechecking') });

/** Runs the checks of a held order again, e.g. after the buyer fixed the address. */
export const recheckOrderProcedure = tenantProcedure
  .input(orderIdInput)
  .output(output)
  .mutation(async ({ ctx, input }) => {
    await recheckOrder(ctx.deps, ctx.tenantId, input.id);
    return { status: 'rechecking' as const };
  });
