import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  indexSkuMappings,
  type OrderLine,
  resolveSkuMappings,
  type SkuMapping,
} from './mapping.ts';

const line = (skuId: string, sellerSku: string, quantity = 1): OrderLine => ({
  skuId,
  sellerSku,
  name: `item ${skuId}`,
  quantity,
});
const map = (over: Partial<SkuMapping> & { marketplaceSkuId: string }): SkuMapping => ({
  supplierItemCode: `ITEM-${over.marketplaceSkuId}`,
  active: true,
  ...over,
});
const codes = (r: ReturnType<typeof resolveSkuMappings>) => r.holds.map((h) => h.code);

describe('R-CHK-1 SKU mapping', () => {
  it('maps by marketplace SKU id and multiplies nothing for a plain listing', () => {
    const r = resolveSkuMappings(
      [line('111', 'MUG', 3)],
      [map({ marketplaceSkuId: '111', supplierId: 'S1' })],
    );
    expect(r.holds).toEqual([]);
    expect(r.lines).toEqual([
      {
        supplierItemCode: 'ITEM-111',
        supplierId: 'S1',
        quantity: 3,
        sources: [{ skuId: '111', sellerSku: 'MUG', quantity: 3 }],
      },
    ]);
  });

  it('prefers the SKU id over the seller SKU', () => {
    const table = [
      map({ marketplaceSkuId: '', sellerSku: 'MUG', supplierItemCode: 'BY-SELLER' }),
      map({ marketplaceSkuId: '111', supplierItemCode: 'BY-ID' }),
    ];
    expect(resolveSkuMappings([line('111', 'MUG')], table).lines[0]?.supplierItemCode).toBe(
      'BY-ID',
    );
  });

  it('falls back to the seller SKU, ignoring case and outer spaces', () => {
    const table = [map({ marketplaceSkuId: '', sellerSku: 'mug-red ', supplierItemCode: 'F-MUG' })];
    const r = resolveSkuMappings([line('999', ' MUG-RED')], table);
    expect(r.lines.map((l) => l.supplierItemCode)).toEqual(['F-MUG']);
  });

  it('expands a bundle into components with multiplied quantities and merges equal items', () => {
    const table = [
      map({
        marketplaceSkuId: 'SET',
        components: [
          { supplierItemCode: 'CUP', quantity: 2 },
          { supplierItemCode: 'SAUCER', quantity: 2 },
        ],
      }),
      map({ marketplaceSkuId: 'CUP6', supplierItemCode: 'CUP', unitsPerSku: 6 }),
    ];
    const r = resolveSkuMappings([line('SET', 'TEA-SET', 2), line('CUP6', 'CUP-6PK', 1)], table);
    expect(r.holds).toEqual([]);
    expect(r.lines.map((l) => [l.supplierItemCode, l.quantity, l.sources.length])).toEqual([
      ['CUP', 4 + 6, 2],
      ['SAUCER', 4, 1],
    ]);
  });

  it('multiplies a bundle by unitsPerSku (a two-pack of sets)', () => {
    const table = [
      map({
        marketplaceSkuId: 'SET2',
        unitsPerSku: 2,
        components: [{ supplierItemCode: 'CUP', quantity: 3 }],
      }),
    ];
    expect(resolveSkuMappings([line('SET2', 'X', 5)], table).lines[0]?.quantity).toBe(30);
  });

  it('keeps the same item from two suppliers apart', () => {
    const table = [
      map({ marketplaceSkuId: 'A', supplierItemCode: 'CUP', supplierId: 'S1' }),
      map({ marketplaceSkuId: 'B', supplierItemCode: 'CUP', supplierId: 'S2' }),
    ];
    expect(resolveSkuMappings([line('A', 'a'), line('B', 'b')], table).lines).toHaveLength(2);
  });

  it('holds unmapped, inactive and ambiguous SKUs', () => {
    const table = [
      map({ marketplaceSkuId: 'OLD', active: false }),
      map({ marketplaceSkuId: 'TWO', supplierItemCode: 'X1' }),
      map({ marketplaceSkuId: 'TWO', supplierItemCode: 'X2' }),
    ];
    const r = resolveSkuMappings([line('NEW', 'N'), line('OLD', 'O'), line('TWO', 'T')], table);
    expect(codes(r)).toEqual(['SKU_UNMAPPED', 'SKU_INACTIVE', 'SKU_AMBIGUOUS']);
    expect(r.holds[2]?.message).toContain('X1, X2');
    expect(r.lines).toEqual([]);
  });

  it('holds a seller SKU shared by two listings mapped to different items', () => {
    const table = [
      map({ marketplaceSkuId: '1', sellerSku: 'MUG', supplierItemCode: 'A' }),
      map({ marketplaceSkuId: '2', sellerSku: 'MUG', supplierItemCode: 'B' }),
    ];
    expect(codes(resolveSkuMappings([line('3', 'MUG')], table))).toEqual(['SKU_AMBIGUOUS']);
  });

  it('treats duplicated identical rows as one mapping', () => {
    const table = [map({ marketplaceSkuId: '1' }), map({ marketplaceSkuId: '1' })];
    expect(resolveSkuMappings([line('1', 'M', 2)], table)).toMatchObject({
      holds: [],
      lines: [{ quantity: 2 }],
    });
  });

  it('uses an active seller-SKU mapping when the id mapping was deactivated', () => {
    const table = [
      map({ marketplaceSkuId: '1', supplierItemCode: 'OLD', active: false }),
      map({ marketplaceSkuId: '', sellerSku: 'MUG', supplierItemCode: 'NEW' }),
    ];
    expect(resolveSkuMappings([line('1', 'MUG')], table).lines[0]?.supplierItemCode).toBe('NEW');
  });

  it('holds broken mapping rows and bad quantities instead of guessing', () => {
    const table = [
      map({ marketplaceSkuId: 'A', supplierItemCode: ' ' }),
      map({ marketplaceSkuId: 'B', unitsPerSku: 0 }),
      map({ marketplaceSkuId: 'C', components: [{ supplierItemCode: 'X', quantity: 1.5 }] }),
    ];
    const r = resolveSkuMappings(
      [line('A', 'a'), line('B', 'b'), line('C', 'c'), line('D', 'd', 0)],
      table,
    );
    expect(codes(r)).toEqual([
      'SKU_MAPPING_INVALID',
      'SKU_MAPPING_INVALID',
      'SKU_MAPPING_INVALID',
      'SKU_QUANTITY_INVALID',
    ]);
  });

  it('gives the same answer from an index as from the raw table', () => {
    const table = [
      map({ marketplaceSkuId: '1' }),
      map({ marketplaceSkuId: '', sellerSku: 'S', supplierItemCode: 'Z' }),
    ];
    const lines = [line('1', 'x', 2), line('9', 's', 1), line('8', 'none', 1)];
    expect(resolveSkuMappings(lines, indexSkuMappings(table))).toEqual(
      resolveSkuMappings(lines, table),
    );
  });

  it('accounts for every line and gives every hold a code, rule, bilingual message and fix', () => {
    const sku = fc.constantFrom('1', '2', '3', '4');
    const row = fc.record({
      marketplaceSkuId: sku,
      supplierItemCode: fc.constantFrom('A', 'B', ''),
      unitsPerSku: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      active: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 6 }),
        fc.array(fc.tuple(sku, fc.integer({ min: 0, max: 5 })), { maxLength: 5 }),
        (rows, ls) => {
          const lines = ls.map(([id, q]) => line(id, `S-${id}`, q));
          const r = resolveSkuMappings(lines, rows);
          for (const h of r.holds) {
            expect(h).toMatchObject({ rule: 'R-CHK-1' });
            for (const f of [h.code, h.message, h.messageZh, h.fix])
              expect(f.length).toBeGreaterThan(0);
          }
          // Every line is either resolved or held, exactly once: nothing disappears silently.
          const resolvedLines = new Set(r.lines.flatMap((l) => l.sources)).size;
          expect(r.holds.length + resolvedLines).toBe(lines.length);
          for (const l of r.lines)
            expect(Number.isInteger(l.quantity) && l.quantity > 0).toBe(true);
        },
      ),
    );
  });
});
