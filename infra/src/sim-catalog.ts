import {
  type Db,
  upsertSkuMapping,
  upsertSupplierItems,
  upsertSupplierRates,
  withSupplier,
  withTenant,
} from '@switchyard/db';
import { SIM_PRODUCTS } from '@switchyard/sim-tiktok-shop';

const itemCode = (prefix: string, sellerSku: string) => `${prefix}-${sellerSku}`;

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
          supplierItemCode: itemCode(prefix, s.sellerSku),
        });
      }
    }
  });
}

/**
 * A supplier's registry entries (R-RT-1) for the items `mapSimCatalog` maps to: every item in
 * deep stock at one unit cost, and one parcel rate for each destination and channel it serves,
 * as its stock and cost feed would write them. Used by the demo and the tests.
 */
export async function stockSimCatalog(
  db: Db,
  supplier: { supplierId: string; countries: string[]; carriers: string[] },
  opts: { prefix?: string; stock?: number; unitCostMinor?: number; parcelCostMinor?: number } = {},
): Promise<void> {
  const prefix = opts.prefix ?? 'SUP';
  await withSupplier(db, supplier.supplierId, async (trx) => {
    await upsertSupplierItems(
      trx,
      supplier.supplierId,
      SIM_PRODUCTS.flatMap((p) =>
        p.skus.map((s) => ({
          supplierItemCode: itemCode(prefix, s.sellerSku),
          stock: opts.stock ?? 1_000_000,
          unitCostMinor: opts.unitCostMinor ?? 350,
        })),
      ),
    );
    await upsertSupplierRates(
      trx,
      supplier.supplierId,
      supplier.countries.flatMap((country) =>
        supplier.carriers.map((carrier) => ({
          country,
          carrier,
          parcelCostMinor: opts.parcelCostMinor ?? 600,
        })),
      ),
    );
  });
}
