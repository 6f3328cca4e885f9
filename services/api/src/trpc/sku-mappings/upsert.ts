import { listHeldOrderWorkflowIds, upsertSkuMapping, withTenant } from '@switchyard/db';
import { z } from 'zod';
import { signalRecheck } from '../orders/signal-recheck.ts';
import { tenantProcedure } from '../trpc.ts';

const code = z.string().trim().min(1).max(64);

const input = z.object({
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
 * Adds or changes a row of the tenant's SKU mapping table (R-CHK-1), then re-runs the checks
 * of every held order: a new mapping may be exactly what one of them waits for.
 */
export const upsertSkuMappingProcedure = tenantProcedure
  .input(input)
  .output(output)
  .mutation(async ({ ctx, input }) => {
    const { id, held } = await withTenant(ctx.deps.db, ctx.tenantId, async (trx) => ({
      id: await upsertSkuMapping(trx, { tenantId: ctx.tenantId, ...input }),
      held: await listHeldOrderWorkflowIds(trx),
    }));
    // After the commit, or a re-check could still read the table without the new row.
    const rechecked = await signalRecheck(ctx.deps, held);
    return { id, rechecked };
  });
