import { issueApiToken } from '@switchyard/auth/credentials';
import { z } from 'zod';
import { tenantProcedure } from '../trpc.ts';

/** A new API token for the tenant's own systems; the secret is shown this once, stored hashed. */
export const createApiTokenProcedure = tenantProcedure
  .input(z.object({ name: z.string().trim().min(1).max(100) }))
  .output(z.object({ token: z.string() }))
  .mutation(async ({ ctx, input }) => ({
    token: await issueApiToken(ctx.deps.db, ctx.tenantId, input.name),
  }));
