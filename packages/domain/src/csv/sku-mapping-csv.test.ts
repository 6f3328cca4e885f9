import { describe, expect, it } from 'vitest';
import { parseSkuMappingCsv } from './sku-mapping-csv.ts';

describe('parseSkuMappingCsv', () => {
  it('reads quoted cells, CRLF, a byte-order mark and optional columns, with file lines', () => {
    const rows = parseSkuMappingCsv(
      '\uFEFFMarketplace_SKU_ID,supplier_item_code,units_per_sku\r\n' +
        '"17,29",SUP-1,2\r\n\r\n' +
        '1730,"SUP ""2""",\r\n',
    );
    expect(rows).toEqual([
      { line: 2, marketplaceSkuId: '17,29', supplierItemCode: 'SUP-1', unitsPerSku: '2' },
      { line: 3, marketplaceSkuId: '1730', supplierItemCode: 'SUP "2"' },
    ]);
  });

  it('refuses a file without the required columns or without rows', () => {
    expect(() => parseSkuMappingCsv('sku,item\n1,2')).toThrow(/marketplace_sku_id/);
    expect(() => parseSkuMappingCsv('marketplace_sku_id,supplier_item_code\n')).toThrow(/no rows/);
    expect(() => parseSkuMappingCsv('')).toThrow(/empty/);
  });
});
