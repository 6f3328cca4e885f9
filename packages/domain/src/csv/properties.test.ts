import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listCarriers } from '../carriers/registry.ts';
import { currencyExponent } from '../money.ts';
import { type ExportRow, toExportCsv } from '../testing/order-export/index.ts';
import { byteChunks, collectEvents } from '../testing/streams.ts';
import { defaultCurrency } from './countries.ts';
import { parseOrderExport } from './index.ts';

/** Cell text as sellers type it: any script, plus the characters that need CSV quoting. */
const text = fc.oneof(
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 24 })
    .filter((s) => s.trim() === s && s !== '' && !s.includes('\0')),
  fc.constantFrom(
    'Suite 5, Floor 2',
    'say "hi"',
    'line 1\r\nline 2',
    'line 1\nline 2',
    '门卫室代收',
    '佐藤 花子',
  ),
);
const optional = fc.oneof(fc.constant(''), text);

const orderArb = fc.record({
  id: fc.stringMatching(/^[1-9]\d{5,18}$/),
  lines: fc.uniqueArray(
    fc.record({
      skuId: fc.stringMatching(/^\d{6,19}$/),
      sellerSku: text,
      name: text,
      quantity: fc.integer({ min: 1, max: 999 }),
      split: fc.boolean(),
    }),
    { selector: (l) => l.skuId, minLength: 1, maxLength: 5 },
  ),
  recipient: text,
  // A calling code in use, then digits no trunk prefix (0, or 1 after +1) starts: such a
  // number comes back exactly as written.
  phone: fc
    .tuple(
      fc.constantFrom('1', '33', '44', '49', '52', '65', '81', '86'),
      fc.stringMatching(/^[2-9]\d{5,11}$/),
    )
    .map(([code, number]) => code + number),
  detailAddress: text,
  additionalAddress: optional,
  city: optional,
  state: optional,
  zipcode: optional,
  country: fc.constantFrom<[cell: string, code: string]>(
    ['US', 'US'],
    ['United States', 'US'],
    ['JP', 'JP'],
    ['Mexico', 'MX'],
    ['UK', 'GB'],
    ['德国', 'DE'],
  ),
  carrier: fc.constantFrom(...listCarriers()),
  totalMinor: fc.bigInt({ min: 0n, max: 10n ** 9n }),
  chunk: fc.integer({ min: 1, max: 64 }),
});

function toDecimal(minor: bigint, currency: string): string {
  const exp = currencyExponent(currency);
  const s = minor.toString().padStart(exp + 1, '0');
  return exp ? `${s.slice(0, -exp)}.${s.slice(-exp)}` : s;
}

describe('parseOrderExport: properties', () => {
  it('any valid order round-trips: export rows → parse → same lines, quantities, recipient', async () => {
    await fc.assert(
      fc.asyncProperty(orderArb, async (o) => {
        const [countryCell, country] = o.country;
        const currency = defaultCurrency(country)!;
        const common: ExportRow = {
          orderId: o.id,
          status: 'Awaiting shipment',
          recipient: o.recipient,
          phone: `+${o.phone}`,
          detailAddress: o.detailAddress,
          additionalAddress: o.additionalAddress,
          city: o.city,
          state: o.state,
          zipcode: o.zipcode,
          country: countryCell,
          carrier: o.carrier.marketplaceName,
          amount: toDecimal(o.totalMinor, currency),
        };
        // A quantity may arrive split over two rows of the same SKU; the parser sums it.
        const rows = o.lines.flatMap((l) => {
          const row = { ...common, skuId: l.skuId, sellerSku: l.sellerSku, productName: l.name };
          if (!l.split || l.quantity < 2) return [{ ...row, quantity: String(l.quantity) }];
          const first = Math.floor(l.quantity / 2);
          return [
            { ...row, quantity: String(first) },
            { ...row, quantity: String(l.quantity - first) },
          ];
        });
        const events = await collectEvents(
          parseOrderExport(byteChunks(toExportCsv(rows), o.chunk)),
        );
        expect(events.map((e) => e.kind)).toEqual(['order', 'summary']);
        const first = events[0];
        const order = first?.kind === 'order' ? first.order : undefined;
        expect(order).toEqual({
          source: 'csv',
          platformOrderId: o.id,
          status: 'Awaiting shipment',
          lines: o.lines.map(({ skuId, sellerSku, name, quantity }) => ({
            skuId,
            sellerSku,
            name,
            quantity,
          })),
          recipient: {
            name: o.recipient,
            phone: `+${o.phone}`,
            addressLines: [o.detailAddress, o.additionalAddress].filter((l) => l !== ''),
            city: o.city,
            region: o.state,
            postalCode: o.zipcode,
            country,
          },
          currency,
          totalMinor: o.totalMinor,
          shipBy: null,
          deliveryOptionId: null,
          carrierCode: o.carrier.code,
          createdTime: null,
        });
      }),
      { numRuns: 200 },
    );
  });
});
