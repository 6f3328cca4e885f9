import { resumeSupplier } from '@switchyard/db';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { operatorProcedure } from '../trpc.ts';

/**
 * R-RT-2: an operator resumes a supplier whose endpoint was paused after failing for long
 * (fixed on its side); routing offers it orders again and its count of failures starts over.
 */
export const resumeSupplierProcedure = operatorProcedure
  .input(z.object({ supplierId: z.uuid() }))
  .output(z.object({ resumed: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    if (!(await resumeSupplier(ctx.deps.db, input.supplierId)))
      throw new AppError('NOT_FOUND', 'no supplier with this id');
    ctx.deps.log.info({ operatorId: ctx.operatorId, ...input }, 'supplier endpoint resumed');
    return { resumed: true as const };
  });
