import type { Trx } from '../client.ts';

export interface SkuMappingInput {
  tenantId: string;
  marketplaceSkuId: string;
  sellerSku?: string | null;
  supplierItemCode: string;
  supplierId?: string | null;
  unitsPerSku?: number;
  components?: Array<{ supplierItemCode: string; quantity: number }> | null;
  active?: boolean;
}

/** Creates or updates one row of the tenant's SKU mapping table (R-CHK-1). */
export async function upsertSkuMapping(trx: Trx, v: SkuMappingInput): Promise<string> {
  const cols = {
    seller_sku: v.sellerSku ?? null,
    supplier_id: v.supplierId ?? null,
    units_per_sku: v.unitsPerSku ?? 1,
    components: v.components ? JSON.stringify(v.components) : null,
    active: v.active ?? true,
    updated_at: new Date(),
  };
  const row = await trx
    .insertInto('sku_mappings')
    .values({
      tenant_id: v.tenantId,
      marketplace_sku_id: v.marketplaceSkuId,
      supplier_item_code: v.supplierItemCode,
      ...cols,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'marketplace_sku_id', 'supplier_item_code']).doUpdateSet(cols),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The mappings that could match these marketplace SKU ids or seller SKUs. */
export async function listSkuMappingsFor(trx: Trx, skuIds: string[], sellerSkus: string[]) {
  if (skuIds.length === 0 && sellerSkus.length === 0) return [];
  return trx
    .selectFrom('sku_mappings')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(skuIds.length ? [eb('marketplace_sku_id', 'in', skuIds)] : []),
        ...(sellerSkus.length ? [eb('seller_sku', 'in', sellerSkus)] : []),
      ]),
    )
    .execute();
}
