/**
 * Split shipments: a supplier may ship part of an order (some items now, the rest later). The
 * marketplace wants the order line items (one per unit) that a package contains, so the
 * supplier's item quantities are turned back into marketplace units through the SKU mapping.
 */
export interface ShipmentSupplierLine {
  supplierItemCode: string;
  quantity: number;
  /** Marketplace SKUs behind this item and how many of their units it covers. */
  sources: ReadonlyArray<{ skuId: string; quantity: number }>;
}

export interface UnshippedLineItem {
  id: string;
  skuId: string;
}

/**
 * The marketplace line item ids a partial shipment covers, or an error when the shipment names
 * items the order does not have or more than is left to ship.
 */
export function selectShipmentLineItems(
  supplierLines: readonly ShipmentSupplierLine[],
  shipped: ReadonlyArray<{ supplierItemCode: string; quantity: number }>,
  unshipped: readonly UnshippedLineItem[],
):
  | { ids: string[] }
  | { error: 'ITEM_NOT_IN_ORDER' | 'MORE_THAN_ORDERED'; supplierItemCode: string } {
  const free = new Map<string, string[]>();
  for (const li of unshipped) {
    const list = free.get(li.skuId);
    if (list) list.push(li.id);
    else free.set(li.skuId, [li.id]);
  }
  const ids: string[] = [];
  for (const s of shipped) {
    const line = supplierLines.find((l) => l.supplierItemCode === s.supplierItemCode);
    if (!line) return { error: 'ITEM_NOT_IN_ORDER', supplierItemCode: s.supplierItemCode };
    for (const src of line.sources) {
      // Units of this SKU per supplier unit, e.g. a 2-pack listing shipped as 2 items.
      const units = Math.round((src.quantity * s.quantity) / line.quantity);
      const pool = free.get(src.skuId) ?? [];
      if (units > pool.length)
        return { error: 'MORE_THAN_ORDERED', supplierItemCode: s.supplierItemCode };
      ids.push(...pool.splice(0, units));
    }
  }
  return { ids };
}
