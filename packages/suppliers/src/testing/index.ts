import type { DispatchPayload } from '../dispatch-payload.ts';

/** A valid dispatch as the platform would send it; tests override what they exercise. */
export function sampleDispatchPayload(overrides: Partial<DispatchPayload> = {}): DispatchPayload {
  return {
    type: 'order.dispatched',
    dispatch_id: 'd_01JTEST000000000000000001',
    order_ref: 'SY-1001',
    order: {
      order_number: '576486316948490001',
      lines: [{ sku_code: 'SUP-123', quantity: 2, name: 'Ceramic mug' }],
      recipient: {
        name: 'Ada Buyer',
        phone: '+14155550100',
        address_lines: ['1 Market Street'],
        city: 'San Francisco',
        region: 'CA',
        postal_code: '94105',
        country: 'US',
      },
      carrier_code: 'USPS',
      ship_by: '2026-11-30T10:00:00Z',
    },
    ack_due_at: '2026-11-28T10:30:00Z',
    callback_base_url: 'http://127.0.0.1:4000/partner/v1',
    ...overrides,
  };
}
