/**
 * R-CHK-1 SKU consistency: every marketplace SKU maps to supplier item codes through the
 * tenant's mapping table before a supplier sees the order. A wrong item is a return (about
 * $22.40, R-BIL-2), so anything unclear is a hold, never a guess.
 */
import type { Hold } from '../holds.ts';
import type { FulfillmentOrder } from '../order.ts';
import { buildSkuHold } from './mapping-holds.ts';

/** One order line as the marketplace counts it (quantities summed from per-unit line items). */
export type OrderLine = FulfillmentOrder['lines'][number];

/** A row of the tenant's SKU mapping table. */
export interface SkuMapping {
  marketplaceSkuId: string;
  sellerSku?: string;
  supplierItemCode: string;
  supplierId?: string;
  /** Multi-pack listing: one marketplace unit is this many supplier units (default 1). */
  unitsPerSku?: number;
  /** Combined listing / bundle: one marketplace unit is these items; replaces `supplierItemCode`. */
  components?: Array<{ supplierItemCode: string; quantity: number }>;
  active: boolean;
}

/** A supplier item to ship, merged across order lines. */
export interface MappedLine {
  supplierItemCode: string;
  supplierId: string | null;
  quantity: number;
  /** Order lines that contributed, for the supplier's packing list and partial shipments. */
  sources: Array<{ skuId: string; sellerSku: string; quantity: number }>;
}

/** Mapping table indexed for lookups; build it once per tenant, not once per order. */
export interface SkuMappingIndex {
  readonly bySkuId: ReadonlyMap<string, readonly SkuMapping[]>;
  readonly bySellerSku: ReadonlyMap<string, readonly SkuMapping[]>;
}

// Seller SKUs are typed by people in several tools; case and outer spaces are not meaningful.
const sellerKey = (sku: string) => sku.trim().toUpperCase();

function push(map: Map<string, SkuMapping[]>, key: string, m: SkuMapping): void {
  const list = map.get(key);
  if (list) list.push(m);
  else map.set(key, [m]);
}

/**
 * Indexes a mapping table by marketplace SKU id and seller SKU, so resolving an order costs
 * O(lines) however large the table is.
 */
export function indexSkuMappings(mappings: readonly SkuMapping[]): SkuMappingIndex {
  const bySkuId = new Map<string, SkuMapping[]>();
  const bySellerSku = new Map<string, SkuMapping[]>();
  for (const m of mappings) {
    if (m.marketplaceSkuId.trim()) push(bySkuId, m.marketplaceSkuId.trim(), m);
    if (m.sellerSku?.trim()) push(bySellerSku, sellerKey(m.sellerSku), m);
  }
  return { bySkuId, bySellerSku };
}

type Units = Array<{ supplierItemCode: string; quantity: number }>;

const isCount = (n: number) => Number.isInteger(n) && n > 0;

/** Supplier units per one marketplace unit, or null when the mapping row is unusable. */
function expandMapping(m: SkuMapping): Units | null {
  const packs = m.unitsPerSku ?? 1;
  if (!isCount(packs)) return null;
  const base: Units = m.components?.length
    ? m.components.map((c) => ({
        supplierItemCode: c.supplierItemCode.trim(),
        quantity: c.quantity,
      }))
    : [{ supplierItemCode: m.supplierItemCode.trim(), quantity: 1 }];
  if (base.some((u) => !u.supplierItemCode || !isCount(u.quantity))) return null;
  return base.map((u) => ({ supplierItemCode: u.supplierItemCode, quantity: u.quantity * packs }));
}

// Two active rows that resolve to the same items (a re-imported table) are not ambiguous.
const signature = (m: SkuMapping, units: Units) =>
  `${m.supplierId ?? ''}|${units.map((u) => `${u.supplierItemCode}*${u.quantity}`).join(',')}`;

/** The one usable mapping of a line with its expansion, or the reason there is none. */
function pickMapping(
  line: OrderLine,
  index: SkuMappingIndex,
): { m: SkuMapping; units: Units } | { hold: Hold } {
  if (!isCount(line.quantity)) return { hold: buildSkuHold('SKU_QUANTITY_INVALID', line) };
  const byId = index.bySkuId.get(line.skuId.trim()) ?? [];
  const bySeller = line.sellerSku.trim()
    ? (index.bySellerSku.get(sellerKey(line.sellerSku)) ?? [])
    : [];
  // An inactive id mapping does not hide an active seller-SKU mapping: deactivating a row is
  // how tenants move a listing to a new supplier item.
  let active = byId.filter((m) => m.active);
  if (active.length === 0) active = bySeller.filter((m) => m.active);
  if (active.length === 0) {
    const code = byId.length + bySeller.length > 0 ? 'SKU_INACTIVE' : 'SKU_UNMAPPED';
    return { hold: buildSkuHold(code, line) };
  }
  const resolved: Array<{ m: SkuMapping; units: Units }> = [];
  for (const m of active) {
    const units = expandMapping(m);
    if (!units) return { hold: buildSkuHold('SKU_MAPPING_INVALID', line) };
    resolved.push({ m, units });
  }
  if (new Set(resolved.map((r) => signature(r.m, r.units))).size > 1) {
    const items = resolved.map((r) => r.units.map((u) => u.supplierItemCode).join('+'));
    return { hold: buildSkuHold('SKU_AMBIGUOUS', line, [...new Set(items)].join(', ')) };
  }
  return resolved[0] as { m: SkuMapping; units: Units };
}

/**
 * Resolves order lines to supplier items through the mapping table (R-CHK-1). Matches by
 * marketplace SKU id first, then by seller SKU; bundles and multi-packs expand to their
 * supplier items with multiplied quantities, and equal items merge. Any hold means the order
 * must not be dispatched; `lines` then holds only what could be resolved.
 * @example resolveSkuMappings(order.lines, indexSkuMappings(table))
 */
export function resolveSkuMappings(
  lines: readonly OrderLine[],
  mappings: readonly SkuMapping[] | SkuMappingIndex,
): { lines: MappedLine[]; holds: Hold[] } {
  const index = Array.isArray(mappings)
    ? indexSkuMappings(mappings)
    : (mappings as SkuMappingIndex);
  const merged = new Map<string, MappedLine>();
  const holds: Hold[] = [];
  for (const line of lines) {
    const picked = pickMapping(line, index);
    if ('hold' in picked) {
      holds.push(picked.hold);
      continue;
    }
    const { m, units } = picked;
    const source = { skuId: line.skuId, sellerSku: line.sellerSku, quantity: line.quantity };
    for (const u of units) {
      const quantity = u.quantity * line.quantity;
      const key = `${m.supplierId ?? ''}\u0000${u.supplierItemCode}`;
      const existing = merged.get(key);
      if (existing) {
        existing.quantity += quantity;
        if (!existing.sources.includes(source)) existing.sources.push(source);
      } else {
        merged.set(key, {
          supplierItemCode: u.supplierItemCode,
          supplierId: m.supplierId ?? null,
          quantity,
          sources: [source],
        });
      }
    }
  }
  return { lines: [...merged.values()], holds };
}
