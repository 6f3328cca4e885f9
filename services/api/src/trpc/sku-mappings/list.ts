import { listSkuMappings, withTenant } from '@switchyard/db';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../schemas.ts';
import { tenantProcedure } from '../trpc.ts';

const input = z.object({
  limit: z.int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
});

const output = z.object({
  items: z.array(
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
  ),
  nextCursor: z.string().nullable(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function after(cursor: string) {
  const key = decodeCursor(cursor);
  const [marketplaceSkuId, id] = key ?? [];
  // A cursor is client input: refuse what the database would choke on (non-uuid, NUL).
  if (
    key?.length !== 2 ||
    marketplaceSkuId === undefined ||
    marketplaceSkuId.includes('\u0000') ||
    !id ||
    !UUID.test(id)
  )
    throw new AppError('BAD_REQUEST', 'invalid cursor');
  return { marketplaceSkuId, id };
}

/** The tenant's SKU mapping table (R-CHK-1), by marketplace SKU id. */
export const listSkuMappingsProcedure = tenantProcedure
  .input(input)
  .output(output)
  .query(async ({ ctx, input }) => {
    const rows = await withTenant(ctx.deps.db, ctx.tenantId, (trx) =>
      listSkuMappings(trx, {
        limit: input.limit + 1,
        ...(input.cursor && { after: after(input.cursor) }),
      }),
    );
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      items: page.map((m) => ({
        id: m.id,
        marketplaceSkuId: m.marketplace_sku_id,
        sellerSku: m.seller_sku,
        supplierItemCode: m.supplier_item_code,
        supplierId: m.supplier_id,
        unitsPerSku: m.units_per_sku,
        components: m.components,
        active: m.active,
        updatedAt: new Date(m.updated_at).toISOString(),
      })),
      nextCursor:
        rows.length > input.limit && last ? encodeCursor([last.marketplace_sku_id, last.id]) : null,
    };
  });
