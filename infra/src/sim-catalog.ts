import { type Db, upsertSkuMapping, withTenant } from '@switchyard/db';
import { SIM_PRODUCTS } from '@switchyard/sim-tiktok-shop';

/**
 * A seller's SKU mapping table (R-CHK-1) for everything the marketplace simulator sells: each
 * SKU to a supplier item code `<prefix>-<seller SKU>`. Used by the demo and the tests.
 */
export async function mapSimCatalog(db: Db, tenantId: string, prefix = 'SUP'): Promise<void> {
  await withTenant(db, tenantId, async (trx) => {
    for (const p of SIM_PRODUCTS) {
      for (const s of p.skus) {
        await upsertSkuMapping(trx, {
          tenantId,
          marketplaceSkuId: s.skuId,
          sellerSku: s.sellerSku,
          supplierItemCode: `${prefix}-${s.sellerSku}`,
        });
      }
    }
  });
}
