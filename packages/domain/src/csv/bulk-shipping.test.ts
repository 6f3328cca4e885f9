import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listCarriers } from '../carriers/registry.ts';
import { BULK_SHIPPING_COLUMNS, type BulkShippingRow, formatBulkShippingCsv } from './index.ts';

const read = (csv: string): string[][] => parse(csv, { bom: true });

describe('formatBulkShippingCsv', () => {
  it('writes the preset carrier name in column 7 and the tracking number in column 8', () => {
    const csv = formatBulkShippingCsv([
      { orderId: '576461413', carrierCode: 'YUNEXPRESS', trackingNumber: 'YT2412345678901234' },
      { orderId: '576461414', carrierCode: '云途', trackingNumber: 'YT2412345678901235' },
      { orderId: '576461415', carrierCode: 'fedex', trackingNumber: '123456789012', quantity: 2 },
    ]);
    const [header, ...rows] = read(csv);
    expect(header).toEqual([...BULK_SHIPPING_COLUMNS]);
    expect(header?.[6]).toBe('Shipping Provider Name');
    expect(rows.map((r) => [r[0], r[6], r[7]])).toEqual([
      ['576461413', 'YunExpress', 'YT2412345678901234'],
      ['576461414', 'YunExpress', 'YT2412345678901235'],
      ['576461415', 'FedEx', '123456789012'],
    ]);
  });

  it('is UTF-8 with BOM and CRLF line ends', () => {
    const csv = formatBulkShippingCsv([
      { orderId: '1', carrierCode: 'USPS', trackingNumber: '9400' },
    ]);
    expect(csv.startsWith('\ufeffOrder ID,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it.each([
    [{ orderId: '1', carrierCode: 'Pony Express', trackingNumber: 'X1' }, /unknown carrier/],
    [{ orderId: ' ', carrierCode: 'USPS', trackingNumber: 'X1' }, /order id/],
    [{ orderId: '1', carrierCode: 'USPS', trackingNumber: '' }, /tracking/],
    [{ orderId: '1', carrierCode: 'USPS', trackingNumber: 'X', quantity: 0 }, /quantity/],
  ])('refuses a row it cannot ship: %o', (row, message) => {
    expect(() => formatBulkShippingCsv([row])).toThrow(message);
  });

  it('round-trips any text through an RFC 4180 parser', () => {
    const cell = fc.string({ unit: 'grapheme', maxLength: 20 });
    const rowArb: fc.Arbitrary<BulkShippingRow> = fc.record({
      orderId: fc.stringMatching(/^[1-9]\d{5,18}$/),
      packageId: cell,
      skuId: cell,
      productName: fc.oneof(
        cell,
        fc.constantFrom('Mug, "Large"\r\n', '女士针织开衫, 米色', ' padded '),
      ),
      quantity: fc.integer({ min: 1, max: 99 }),
      deliveryOption: cell,
      carrierCode: fc.constantFrom(...listCarriers().map((c) => c.code)),
      trackingNumber: fc.stringMatching(/^[A-Z0-9]{8,30}$/),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 8 }), (rows) => {
        const records = read(formatBulkShippingCsv(rows)).slice(1);
        expect(records).toEqual(
          rows.map((r) => [
            r.orderId,
            r.packageId,
            r.skuId,
            r.productName,
            String(r.quantity),
            r.deliveryOption,
            listCarriers().find((c) => c.code === r.carrierCode)!.marketplaceName,
            r.trackingNumber,
          ]),
        );
      }),
    );
  });
});
