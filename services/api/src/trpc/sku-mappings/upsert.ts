import { saveSkuMapping } from '@switchyard/workflows';
import { z } from 'zod';
import { tenantProcedure } from '../trpc.ts';

const code = z.string().trim().min(1).max(64);

/** One mapping as a seller gives it; the portal's mapping file is checked row by row with it. */
export const skuMappingInput = z.object({
  marketplaceSkuId: code,
  sellerSku: code.optional(),
  supplierItemCode: code,
  unitsPerSku: z.int().min(1).max(1000).optional(),
  /** Combined listing / bundle: one marketplace unit ships as these items. */
  components: z
    .array(z.object({ supplierItemCode: code, quantity: z.int().min(1).max(1000) }))
    .min(1)
    .max(50)
    .optional(),
  active: z.boolean().optional(),
});

const output = z.object({
  id: z.string(),
  /** Held orders whose checks were asked to run again. */
  rechecked: z.number(),
});

/**
 * Adds or changes a row of the tenant's SKU mapping table (R-CHK-1); every held order then
 * re-runs its checks, since a new mapping may be exactly what one of them waits for.
 */
export const upsertSkuMappingProcedure = tenantProcedure
  .input(skuMappingInput)
  .output(output)
  .mutation(({ ctx, input }) => saveSkuMapping(ctx.deps, ctx.tenantId, input));
