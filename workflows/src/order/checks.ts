import {
  listActiveSuppliers,
  listSkuMappingsFor,
  type SupplierLine,
  type Trx,
} from '@switchyard/db';
import {
  type AddressChange,
  checkChannel,
  checkRequiredFields,
  type FulfillmentOrder,
  type Hold,
  type Recipient,
  resolveSkuMappings,
  reviewAddress,
  type SkuMapping,
} from '@switchyard/domain';

export interface CheckedOrder {
  holds: Hold[];
  /** Cleaned address (R-CHK-4); what the supplier receives. */
  recipient: Recipient | null;
  changes: AddressChange[];
  supplierLines: SupplierLine[];
}

/**
 * The three checks before a supplier ships ("三验"): SKU mapping (R-CHK-1), address cleaning
 * and compliance (R-CHK-4, R-CHK-2), carrier channel (R-CHK-3), plus the fields a supplier needs
 * (R-IN-4). Pure rules from the domain; this only loads the tenant's data they need.
 */
export async function checkOrder(
  trx: Trx,
  order: FulfillmentOrder,
  shop: { carriers: string[] },
  override: Recipient | null,
): Promise<CheckedOrder> {
  const review =
    (override ?? order.recipient) ? reviewAddress((override ?? order.recipient)!) : null;
  const cleaned = { ...order, recipient: review?.address ?? null };
  const holds = [...checkRequiredFields(cleaned), ...(review?.holds ?? [])];

  const rows = await listSkuMappingsFor(
    trx,
    order.lines.map((l) => l.skuId).filter(Boolean),
    order.lines.map((l) => l.sellerSku).filter(Boolean),
  );
  const mappings: SkuMapping[] = rows.map((r) => ({
    marketplaceSkuId: r.marketplace_sku_id,
    ...(r.seller_sku ? { sellerSku: r.seller_sku } : {}),
    supplierItemCode: r.supplier_item_code,
    ...(r.supplier_id ? { supplierId: r.supplier_id } : {}),
    unitsPerSku: r.units_per_sku,
    ...(r.components ? { components: r.components } : {}),
    active: r.active,
  }));
  const sku = resolveSkuMappings(order.lines, mappings);
  holds.push(...sku.holds);

  const country = cleaned.recipient?.country ?? '';
  if (order.carrierCode) {
    const suppliers = await listActiveSuppliers(trx);
    holds.push(
      ...checkChannel({
        shippingType: order.shippingType ?? 'SELLER',
        carrierCode: order.carrierCode,
        shopCarriers: shop.carriers,
        supplierCarriers: [
          ...new Set(
            suppliers.filter((s) => s.countries.includes(country)).flatMap((s) => s.carriers),
          ),
        ],
        destinationCountry: country,
      }),
    );
  }
  const names = new Map(order.lines.map((l) => [l.sellerSku, l.name]));
  return {
    holds,
    recipient: cleaned.recipient,
    changes: review?.changes ?? [],
    supplierLines: sku.lines.map((l) => ({
      supplierItemCode: l.supplierItemCode,
      quantity: l.quantity,
      sources: l.sources.map((src) => ({ skuId: src.skuId, quantity: src.quantity })),
      ...(names.get(l.sources[0]?.sellerSku ?? '')
        ? { name: names.get(l.sources[0]?.sellerSku ?? '') }
        : {}),
    })),
  };
}
