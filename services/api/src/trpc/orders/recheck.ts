import { lockOrderForFix, withTenant } from '@switchyard/db';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { orderIdInput } from '../schemas.ts';
import { tenantProcedure } from '../trpc.ts';
import { signalRecheck } from './signal-recheck.ts';

const output = z.object({ status: z.literal('rechecking') });

/** Runs the checks of a held order again, e.g. after the buyer fixed the address. */
export const recheckOrderProcedure = tenantProcedure
  .input(orderIdInput)
  .output(output)
  .mutation(async ({ ctx, input }) => {
    const order = await withTenant(ctx.deps.db, ctx.tenantId, (trx) =>
      lockOrderForFix(trx, input.id),
    );
    if (!order) throw new AppError('NOT_FOUND', 'order not found');
    if (!order.held)
      throw new AppError('BAD_REQUEST', `order is ${order.status} and not held by a check`);
    await signalRecheck(ctx.deps, [order.workflowId]);
    return { status: 'rechecking' as const };
  });
