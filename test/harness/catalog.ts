import { type Db, upsertSkuMapping, withTenant } from '@switchyard/db';
import { SIM_PRODUCTS } from '@switchyard/sim-tiktok-shop';

/** Maps every SKU the marketplace simulator sells to a supplier item code (R-CHK-1). */
export async function mapSimCatalog(db: Db, tenantId: string): Promise<void> {
  await withTenant(db, tenantId, async (trx) => {
    for (const p of SIM_PRODUCTS) {
      for (const s of p.skus) {
        await upsertSkuMapping(trx, {
          tenantId,
          marketplaceSkuId: s.skuId,
          sellerSku: s.sellerSku,
          supplierItemCode: `SUP-${s.sellerSku}`,
        });
      }
    }
  });
}
