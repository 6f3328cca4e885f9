import { listSkuMappings, withTenant } from '@switchyard/db';
import { z } from 'zod';
import { mapPage, pageInput, pageOutput } from '../pagination.ts';
import { tenantProcedure } from '../trpc.ts';

const input = z.object(pageInput({ default: 50, max: 200 }));

const output = pageOutput(
  z.object({
    id: z.string(),
    marketplaceSkuId: z.string(),
    sellerSku: z.string().nullable(),
    supplierItemCode: z.string(),
    supplierId: z.string().nullable(),
    unitsPerSku: z.number(),
    components: z
      .array(z.object({ supplierItemCode: z.string(), quantity: z.number() }))
      .nullable(),
    active: z.boolean(),
    updatedAt: z.string(),
  }),
);

/** The tenant's SKU mapping table (R-CHK-1), by marketplace SKU id. */
export const listSkuMappingsProcedure = tenantProcedure
  .input(input)
  .output(output)
  .query(async ({ ctx, input }) =>
    mapPage(
      await withTenant(ctx.deps.db, ctx.tenantId, (trx) => listSkuMappings(trx, input)),
      (m) => ({
        id: m.id,
        marketplaceSkuId: m.marketplace_sku_id,
        sellerSku: m.seller_sku,
        supplierItemCode: m.supplier_item_code,
        supplierId: m.supplier_id,
        unitsPerSku: m.units_per_sku,
        components: m.components,
        active: m.active,
        updatedAt: new Date(m.updated_at).toISOString(),
      }),
    ),
  );
