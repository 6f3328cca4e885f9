import {
  checkChannel,
  checkRequiredFields,
  type FulfillmentOrder,
  indexSkuMappings,
  resolveSkuMappings,
  reviewAddress,
  type SkuMapping,
  validateTrackingNumber,
} from '@switchyard/domain';
import { generateTrackingNumber, seededRng } from '@switchyard/domain/testing';

// Realistic inputs: some addresses need cleaning (abbreviations, entities, odd spacing), one
// in eight has a compliance problem, the mapping table holds 5,000 SKUs.
const ADDRESSES = [
  {
    name: 'Maria Lopez',
    phone: '(+1)2125550142',
    addressLines: ['350 5th Ave', 'Apt 12B'],
    city: 'New York',
    region: 'NY',
    postalCode: '10118',
    country: 'US',
  },
  {
    name: 'James O&amp;Neil',
    phone: '+1 415 555 0199',
    addressLines: ['1 Market St', 'Ste 300'],
    city: 'San Francisco',
    region: 'CA',
    postalCode: '94105',
    country: 'US',
  },
  {
    name: 'Aiko Tanaka',
    phone: '+81 3-1234-5678',
    addressLines: ['1-1 Chiyoda'],
    city: 'Tokyo',
    region: 'Tokyo',
    postalCode: '100-0001',
    country: 'JP',
  },
  {
    name: 'Oliver Smith',
    phone: '+44 7700 900123',
    addressLines: ['10 Downing St'],
    city: 'London',
    region: '',
    postalCode: 'sw1a2aa',
    country: 'GB',
  },
  {
    name: 'Emma Brown',
    phone: '+1 (312) 555-0100',
    addressLines: ['PO Box 1234'],
    city: 'Chicago',
    region: 'IL',
    postalCode: '60601',
    country: 'US',
  },
  {
    name: 'Lukas Weber',
    phone: '+49 30 1234567',
    addressLines: ['Unter den Linden 77'],
    city: 'Berlin',
    region: 'BE',
    postalCode: '10117',
    country: 'DE',
  },
  {
    name: 'Chloe Martin',
    phone: '+33 1 23 45 67 89',
    addressLines: ['5 Rue de Rivoli'],
    city: 'Paris',
    region: '',
    postalCode: '75001',
    country: 'FR',
  },
  {
    name: 'Noah Wilson',
    phone: '+1 713 555 0100',
    addressLines: ['1200  Main   St'],
    city: 'Houston',
    region: 'TX',
    postalCode: '77002',
    country: 'US',
  },
];

export function makeWorkload(n: number) {
  const rng = seededRng(42);
  const mappings: SkuMapping[] = Array.from({ length: 5000 }, (_, i) => ({
    marketplaceSkuId: String(1_729_000_000 + i),
    sellerSku: `SKU-${i}`,
    supplierItemCode: `SUP-${i}`,
    active: true,
  }));
  const index = indexSkuMappings(mappings);
  const orders: Array<{ order: FulfillmentOrder; tracking: string }> = [];
  for (let i = 0; i < n; i++) {
    const sku = Math.floor(rng() * 5000);
    const recipient = ADDRESSES[i % ADDRESSES.length]!;
    orders.push({
      order: {
        platformOrderId: String(576_000_000_000_000_000n + BigInt(i)),
        status: 'AWAITING_SHIPMENT',
        lines: [
          {
            skuId: String(1_729_000_000 + sku),
            sellerSku: `SKU-${sku}`,
            name: 'Item',
            quantity: 1 + (i % 3),
          },
          {
            skuId: String(1_729_000_000 + ((sku + 7) % 5000)),
            sellerSku: `SKU-${(sku + 7) % 5000}`,
            name: 'Item',
            quantity: 1,
          },
        ],
        recipient: { ...recipient },
        currency: 'USD',
        totalMinor: 2599n,
        shipBy: null,
        deliveryOptionId: '7091',
        carrierCode: 'USPS',
      },
      tracking: generateTrackingNumber(i % 2 ? 'USPS' : 'UPS', rng),
    });
  }
  return { orders, index };
}

/** clean + comply + map + validate, the per-order work of the three checks. */
export function runChecks(w: ReturnType<typeof makeWorkload>): number {
  let holds = 0;
  for (const { order, tracking } of w.orders) {
    const review = reviewAddress(order.recipient!);
    holds += review.holds.length;
    holds += checkRequiredFields({ ...order, recipient: review.address }).length;
    holds += resolveSkuMappings(order.lines, w.index).holds.length;
    holds += checkChannel({
      shippingType: 'SELLER',
      carrierCode: 'USPS',
      shopCarriers: ['USPS', 'UPS'],
      supplierCarriers: ['USPS', 'UPS'],
      destinationCountry: review.address.country,
    }).length;
    holds +=
      validateTrackingNumber(tracking, tracking.startsWith('1Z') ? 'UPS' : 'USPS').status ===
      'valid'
        ? 0
        : 1;
  }
  return holds;
}
