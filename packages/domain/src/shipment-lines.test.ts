import { describe, expect, it } from 'vitest';
import { selectShipmentLineItems } from './shipment-lines.ts';

const lines = [
  { supplierItemCode: 'MUG', quantity: 3, sources: [{ skuId: 'sku-mug', quantity: 3 }] },
  // A bundle listing: one marketplace unit is one lid and one straw.
  { supplierItemCode: 'LID', quantity: 1, sources: [{ skuId: 'sku-set', quantity: 1 }] },
];
const unshipped = [
  { id: 'li1', skuId: 'sku-mug' },
  { id: 'li2', skuId: 'sku-mug' },
  { id: 'li3', skuId: 'sku-mug' },
  { id: 'li4', skuId: 'sku-set' },
];

describe('selectShipmentLineItems (split shipments)', () => {
  it('turns supplier item quantities into marketplace line items, one per unit', () => {
    expect(
      selectShipmentLineItems(lines, [{ supplierItemCode: 'MUG', quantity: 2 }], unshipped),
    ).toEqual({ ids: ['li1', 'li2'] });
    expect(
      selectShipmentLineItems(
        lines,
        [
          { supplierItemCode: 'MUG', quantity: 1 },
          { supplierItemCode: 'LID', quantity: 1 },
        ],
        unshipped,
      ),
    ).toEqual({
      ids: ['li1', 'li4'],
    });
  });

  it('refuses items the order lacks and more units than remain', () => {
    expect(
      selectShipmentLineItems(lines, [{ supplierItemCode: 'BOWL', quantity: 1 }], unshipped),
    ).toEqual({ error: 'ITEM_NOT_IN_ORDER', supplierItemCode: 'BOWL' });
    expect(
      selectShipmentLineItems(
        lines,
        [{ supplierItemCode: 'MUG', quantity: 3 }],
        unshipped.slice(1),
      ),
    ).toEqual({ error: 'MORE_THAN_ORDERED', supplierItemCode: 'MUG' });
  });
});
