import { revokeSupplierPartnerKey } from '@switchyard/auth/credentials';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { operatorProcedure } from '../trpc.ts';

/**
 * Ends a rotation early, or shuts out a leaked key: the key stops working at once. A key of
 * another supplier, or one already revoked or expired, is not found.
 */
export const revokePartnerKeyProcedure = operatorProcedure
  .input(z.object({ supplierId: z.uuid(), keyId: z.uuid() }))
  .output(z.object({ revoked: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    if (!(await revokeSupplierPartnerKey(ctx.deps.db, input.supplierId, input.keyId)))
      throw new AppError('NOT_FOUND', 'no such live key of this supplier');
    ctx.deps.log.info({ operatorId: ctx.operatorId, ...input }, 'partner key revoked');
    return { revoked: true as const };
  });
