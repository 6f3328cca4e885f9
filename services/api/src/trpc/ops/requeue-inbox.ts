import { requeueInbox, withTenant } from '@switchyard/db';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { operatorProcedure } from '../trpc.ts';

/**
 * Makes a parked notification due for the inbox dispatcher again, with a fresh count of
 * attempts: for after the cause was fixed. Runs inside the entry's tenant transaction.
 */
export const requeueInboxProcedure = operatorProcedure
  .input(z.object({ tenantId: z.uuid(), notificationId: z.string().min(1).max(200) }))
  .output(z.object({ requeued: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    const done = await withTenant(ctx.deps.db, input.tenantId, (trx) =>
      requeueInbox(trx, input.notificationId),
    );
    if (!done) throw new AppError('NOT_FOUND', 'no parked inbox entry with this id');
    ctx.deps.log.info({ operatorId: ctx.operatorId, ...input }, 'inbox entry requeued');
    return { requeued: true as const };
  });
