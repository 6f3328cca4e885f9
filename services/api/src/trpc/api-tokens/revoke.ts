import { revokeTenantApiToken } from '@switchyard/auth/credentials';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { tenantProcedure } from '../trpc.ts';

/** Revokes one of the tenant's API tokens; another tenant's id is simply not found. */
export const revokeApiTokenProcedure = tenantProcedure
  .input(z.object({ id: z.uuid() }))
  .output(z.object({ revoked: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    if (!(await revokeTenantApiToken(ctx.deps.db, ctx.tenantId, input.id)))
      throw new AppError('NOT_FOUND', 'no such active token');
    return { revoked: true as const };
  });
