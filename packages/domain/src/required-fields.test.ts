import { describe, expect, it } from 'vitest';
import type { FulfillmentOrder } from './order.ts';
import { checkRequiredFields } from './required-fields.ts';

const order = (): FulfillmentOrder => ({
  platformOrderId: '576486316948490001',
  status: 'AWAITING_SHIPMENT',
  lines: [{ skuId: '1729', sellerSku: 'MUG-RED', name: 'Red mug', quantity: 2 }],
  recipient: {
    name: 'Ada Lovelace',
    phone: '+14155550100',
    addressLines: ['1 Market Street'],
    city: 'San Francisco',
    region: 'CA',
    postalCode: '94105',
    country: 'US',
  },
  currency: 'USD',
  totalMinor: 2599n,
  shipBy: null,
  deliveryOptionId: '7091',
  carrierCode: 'USPS',
});

describe('R-IN-4 required fields', () => {
  it('passes a complete order', () => {
    expect(checkRequiredFields(order())).toEqual([]);
  });

  it('holds an order per missing field, each with a code and a fix', () => {
    const o = order();
    o.recipient = { ...o.recipient!, phone: ' ', addressLines: [''] };
    o.lines = [{ ...o.lines[0]!, sellerSku: '', quantity: 0 }];
    o.carrierCode = null;
    const holds = checkRequiredFields(o);
    expect(holds.map((h) => h.code).sort()).toEqual(
      [
        'ADDRESS_INCOMPLETE',
        'CARRIER_MISSING',
        'PHONE_MISSING',
        'QUANTITY_INVALID',
        'SKU_CODE_MISSING',
      ].sort(),
    );
    for (const h of holds) {
      expect(h.rule).toBe('R-IN-4');
      expect(h.fix.length).toBeGreaterThan(0);
    }
  });

  it('holds a released order that has no address', () => {
    expect(checkRequiredFields({ ...order(), recipient: null }).map((h) => h.code)).toEqual([
      'ADDRESS_MISSING',
    ]);
  });

  it('holds an order the marketplace has not released for that, not for its withheld address', () => {
    // While UNPAID / ON_HOLD TikTok returns no address, so no carrier can be derived either.
    for (const status of ['ON_HOLD', 'UNPAID', 'on_hold']) {
      const holds = checkRequiredFields({ ...order(), status, recipient: null, carrierCode: null });
      expect(holds.map((h) => h.code)).toEqual(['MARKETPLACE_ON_HOLD']);
      const [h] = holds;
      expect(h?.message).toContain(status.toUpperCase());
      expect(h?.messageZh).toContain(status.toUpperCase());
      expect(h?.messageZh).not.toBe(h?.message);
      // The text promises what the platform does, and asks nothing of the tenant.
      expect(h?.fix).toMatch(/re-checked automatically when the marketplace releases it/);
    }
    // Even with an address an ON_HOLD order must not ship (reference §4).
    expect(checkRequiredFields({ ...order(), status: 'ON_HOLD' }).map((h) => h.code)).toEqual([
      'MARKETPLACE_ON_HOLD',
    ]);
    // Other defects are still reported, so the tenant can fix them meanwhile.
    const o = { ...order(), status: 'ON_HOLD', recipient: null, carrierCode: null };
    o.lines = [{ ...o.lines[0]!, sellerSku: '' }];
    expect(checkRequiredFields(o).map((h) => h.code)).toEqual([
      'MARKETPLACE_ON_HOLD',
      'SKU_CODE_MISSING',
    ]);
  });
});
