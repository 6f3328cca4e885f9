import { parse } from 'csv-parse/sync';
import { CsvFileError } from './types.ts';

/** Columns of a SKU mapping file (R-CHK-1); `seller_sku` and `units_per_sku` are optional. */
export const SKU_MAPPING_COLUMNS = [
  'marketplace_sku_id',
  'seller_sku',
  'supplier_item_code',
  'units_per_sku',
] as const;

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
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch {
    throw new CsvFileError('CSV_MALFORMED', 'the file is not readable as CSV');
  }
  const [header, ...rows] = records;
  if (!header) throw new CsvFileError('CSV_EMPTY', 'the file is empty');
  const at = header.map((h) => h.trim().toLowerCase());
  const col = (name: (typeof SKU_MAPPING_COLUMNS)[number]) => at.indexOf(name);
  if (col('marketplace_sku_id') < 0 || col('supplier_item_code') < 0)
    throw new CsvFileError(
      'CSV_COLUMNS_MISSING',
      'the header needs marketplace_sku_id and supplier_item_code',
    );
  if (rows.length === 0) throw new CsvFileError('CSV_EMPTY', 'the file has no rows');
  if (rows.length > MAX_SKU_MAPPING_ROWS)
    throw new CsvFileError('CSV_TOO_LARGE', `at most ${MAX_SKU_MAPPING_ROWS} rows per file`);
  return rows.map((r, i) => {
    const cell = (name: (typeof SKU_MAPPING_COLUMNS)[number]) => {
      const c = col(name);
      return c < 0 ? '' : (r[c] ?? '').trim();
    };
    return {
      line: i + 2,
      marketplaceSkuId: cell('marketplace_sku_id'),
      supplierItemCode: cell('supplier_item_code'),
      ...(cell('seller_sku') && { sellerSku: cell('seller_sku') }),
      ...(cell('units_per_sku') && { unitsPerSku: cell('units_per_sku') }),
    };
  });
}
