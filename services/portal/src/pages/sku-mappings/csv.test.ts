import { describe, expect, it } from 'vitest';
import { parseCsv, readMappingFile } from './csv.ts';

describe('mapping CSV files', () => {
  it('reads quoted fields, doubled quotes, CRLF and a byte-order mark', () => {
    expect(parseCsv('\uFEFFa,"b,c","say ""hi"""\r\n1,2,3\n')).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['1', '2', '3'],
    ]);
  });

  it('maps rows by header names, numbering lines as a spreadsheet does', () => {
    const file = readMappingFile(
      'seller_sku,marketplace_sku_id,supplier_item_code,units_per_sku\nLAMP-1,1729,FA-001,2\n,1730,FA-002,\n',
    );
    expect(file).toEqual({
      ok: true,
      rows: [
        {
          line: 2,
          marketplaceSkuId: '1729',
          sellerSku: 'LAMP-1',
          supplierItemCode: 'FA-001',
          unitsPerSku: 2,
        },
        { line: 3, marketplaceSkuId: '1730', supplierItemCode: 'FA-002' },
      ],
    });
  });

  it('refuses a file without the required columns or without rows', () => {
    expect(readMappingFile('sku,item\n1,2\n')).toEqual({ ok: false, problem: 'missingColumns' });
    expect(readMappingFile('marketplace_sku_id,supplier_item_code\n')).toEqual({
      ok: false,
      problem: 'empty',
    });
    expect(readMappingFile('')).toEqual({ ok: false, problem: 'empty' });
  });
});
