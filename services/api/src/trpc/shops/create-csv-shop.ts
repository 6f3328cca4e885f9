import { createCsvShop } from '@switchyard/onboarding';
import { z } from 'zod';
import { tenantProcedure } from '../trpc.ts';

const input = z.object({
  name: z.string().trim().min(1).max(200),
  region: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code'),
  /** The seller center's shop id or code, when the seller knows it. */
  platformShopId: z.string().trim().min(1).max(64).optional(),
});

/**
 * A shop for a seller without API access (R-IN-3): orders arrive by CSV import, tracking goes
 * back through the bulk-shipping export.
 */
export const createCsvShopProcedure = tenantProcedure
  .input(input)
  .output(z.object({ id: z.string(), platformShopId: z.string() }))
  .mutation(({ ctx, input }) => createCsvShop(ctx.deps.db, ctx.tenantId, input));
