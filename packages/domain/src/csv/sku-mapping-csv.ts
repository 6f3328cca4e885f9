import { readSmallTable } from './small-table.ts';

/** Columns of a SKU mapping file (R-CHK-1); `seller_sku` and `units_per_sku` are optional. */
export const SKU_MAPPING_COLUMNS = [
  'marketplace_sku_id',
  'seller_sku',
  'supplier_item_code',
  'units_per_sku',
] as const;
type SkuMappingColumn = (typeof SKU_MAPPING_COLUMNS)[number];

/** Rows in one mapping file: a seller's whole catalog fits, a runaway export does not. */
export const MAX_SKU_MAPPING_ROWS = 20_000;

export interface SkuMappingCsvRow {
  /** 1-based line of the file, header included, as a spreadsheet shows it. */
  line: number;
  marketplaceSkuId: string;
  sellerSku?: string;
  supplierItemCode: string;
  /** As written: the caller checks it with the rest of the row. */
  unitsPerSku?: string;
}

/**
 * A seller's SKU mapping CSV as rows to check one by one. Only the file as a whole can fail
 * here: not CSV, no `marketplace_sku_id` or `supplier_item_code` column, no rows, too many.
 */
export function parseSkuMappingCsv(text: string): SkuMappingCsvRow[] {
  const { rows, cell } = readSmallTable<SkuMappingColumn>(
    text,
    ['marketplace_sku_id', 'supplier_item_code'],
    MAX_SKU_MAPPING_ROWS,
  );
  return rows.map((r, i) => ({
    line: i + 2,
    marketplaceSkuId: cell(r, 'marketplace_sku_id'),
    supplierItemCode: cell(r, 'supplier_item_code'),
    ...(cell(r, 'seller_sku') && { sellerSku: cell(r, 'seller_sku') }),
    ...(cell(r, 'units_per_sku') && { unitsPerSku: cell(r, 'units_per_sku') }),
  }));
}
