import { describe, expect, it } from 'vitest';
import { checkStockFeed } from './stock-feed.ts';

const known = new Set(['MUG', 'LID']);

describe('stock and cost feed (R-RT-1 data)', () => {
  it('applies good rows and reports each bad one by position, with a stable code', () => {
    const r = checkStockFeed(
      [
        { sku_code: 'MUG', stock: 12 },
        { sku_code: 'NEW-1', stock: 5, unit_cost: '3.50' },
        { sku_code: 'LID', stock: -1 },
        { sku_code: 'GHOST', stock: 3 },
        { sku_code: '', stock: 3 },
        { sku_code: 'a\u0000b', stock: 3 },
        { sku_code: 'LID', stock: 2.5 },
        { sku_code: 'CUP', stock: 1, unit_cost: '1.999' },
        { sku_code: 'BOWL', stock: '7', unit_cost: 2 },
      ],
      known,
    );
    expect(r.updates).toEqual([
      { supplierItemCode: 'MUG', stock: 12, unitCostMinor: null },
      { supplierItemCode: 'NEW-1', stock: 5, unitCostMinor: 350 },
      { supplierItemCode: 'BOWL', stock: 7, unitCostMinor: 200 },
    ]);
    expect(r.rejected.map((x) => [x.index, x.code])).toEqual([
      [2, 'STOCK_INVALID'],
      [3, 'ITEM_UNKNOWN'],
      [4, 'SKU_CODE_INVALID'],
      [5, 'SKU_CODE_INVALID'],
      [6, 'STOCK_INVALID'],
      [7, 'COST_INVALID'],
    ]);
  });

  it('applies neither of two rows for the same code', () => {
    const r = checkStockFeed(
      [
        { sku_code: 'MUG', stock: 1 },
        { sku_code: 'LID', stock: 4 },
        { sku_code: 'MUG', stock: 9 },
      ],
      known,
    );
    expect(r.updates).toEqual([{ supplierItemCode: 'LID', stock: 4, unitCostMinor: null }]);
    expect(r.rejected).toMatchObject([
      { index: 0, code: 'DUPLICATE_ROW' },
      { index: 2, code: 'DUPLICATE_ROW' },
    ]);
  });

  it('refuses absurd numbers rather than storing them', () => {
    const r = checkStockFeed(
      [
        { sku_code: 'MUG', stock: 1e12 },
        { sku_code: 'MUG2', stock: 1, unit_cost: '99999999999' },
        { sku_code: 'LID', stock: Number.NaN },
        { sku_code: 'LID', stock: '1e3' },
      ],
      known,
    );
    expect(r.updates).toEqual([]);
    expect(r.rejected.map((x) => x.code)).toEqual([
      'STOCK_INVALID',
      'COST_INVALID',
      'STOCK_INVALID',
      'STOCK_INVALID',
    ]);
  });

  it('takes a weight a unit where given, refuses an impossible one, keeps the rest of the feed', () => {
    const r = checkStockFeed(
      [
        { sku_code: 'MUG', stock: 5, weight_grams: 250 },
        { sku_code: 'LID', stock: 5, weight_grams: '40' },
        { sku_code: 'MUG-B', stock: 1, unit_cost: '1.00', weight_grams: 0 },
        { sku_code: 'MUG-C', stock: 1, unit_cost: '1.00', weight_grams: 2.5 },
        { sku_code: 'MUG-D', stock: 1, unit_cost: '1.00', weight_grams: 100_001 },
        { sku_code: 'MUG-E', stock: 1, unit_cost: '1.00' },
      ],
      new Set(['MUG', 'LID']),
    );
    expect(r.updates.map((u) => [u.supplierItemCode, u.weightGrams ?? null])).toEqual([
      ['MUG', 250],
      ['LID', 40],
      ['MUG-E', null],
    ]);
    expect(r.rejected.map((x) => [x.index, x.code])).toEqual([
      [2, 'WEIGHT_INVALID'],
      [3, 'WEIGHT_INVALID'],
      [4, 'WEIGHT_INVALID'],
    ]);
  });
});
