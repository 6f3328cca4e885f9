import { describe, expect, it } from 'vitest';
import { buildDispatchPayload, dispatchPayloadSchema } from './dispatch-payload.ts';
import { sampleDispatchPayload } from './testing/index.ts';

describe('dispatchPayloadSchema', () => {
  it('accepts the documented example', () => {
    expect(dispatchPayloadSchema.safeParse(sampleDispatchPayload()).success).toBe(true);
  });

  it.each([
    [
      'a zero quantity',
      (p: ReturnType<typeof sampleDispatchPayload>) => {
        p.order.lines = [{ sku_code: 'SUP-1', quantity: 0 }];
      },
    ],
    [
      'no lines',
      (p: ReturnType<typeof sampleDispatchPayload>) => {
        p.order.lines = [];
      },
    ],
    [
      'a phone without country code (R-CHK-2)',
      (p: ReturnType<typeof sampleDispatchPayload>) => {
        p.order.recipient.phone = '4155550100';
      },
    ],
    [
      'an address line over 120 characters (R-CHK-2)',
      (p: ReturnType<typeof sampleDispatchPayload>) => {
        p.order.recipient.address_lines = ['x'.repeat(121)];
      },
    ],
    [
      'a dispatch id without the d_ prefix',
      (p: ReturnType<typeof sampleDispatchPayload>) => {
        p.dispatch_id = 'x_1';
      },
    ],
  ])('rejects %s', (_name, mutate) => {
    const payload = sampleDispatchPayload();
    mutate(payload);
    expect(dispatchPayloadSchema.safeParse(payload).success).toBe(false);
  });
});

describe('buildDispatchPayload with a platform label (R-CHK-3)', () => {
  const base = {
    dispatchId: 'd_abc',
    orderNumber: '576000000000000001',
    lines: [{ supplierItemCode: 'SUP-1', quantity: 1 }],
    recipient: {
      name: 'A B',
      phone: '+14155550100',
      addressLines: ['1 Main Street'],
      city: 'Austin',
      postalCode: '78701',
      country: 'US',
    },
    carrierCode: 'TIKTOK_SHIPPING',
    shipBy: new Date('2026-12-01T00:00:00Z'),
    ackDueAt: new Date('2026-11-30T00:30:00Z'),
    callbackBaseUrl: 'https://api.example/partner/v1/',
  };

  it('links the label on the partner API, under the dispatch', () => {
    const p = buildDispatchPayload({
      ...base,
      label: {
        packageId: '1154000000000000001',
        trackingNumber: '9400111206206406260787',
        carrier: 'USPS',
        documentType: 'application/pdf',
      },
    });
    expect(p.label).toEqual({
      package_id: '1154000000000000001',
      tracking_number: '9400111206206406260787',
      carrier: 'USPS',
      url: 'https://api.example/partner/v1/dispatches/d_abc/label',
      content_type: 'application/pdf',
    });
    expect(dispatchPayloadSchema.parse(p)).toEqual(p);
  });

  it('has no label key without a label (older connectors see the same body)', () => {
    expect('label' in buildDispatchPayload({ ...base, label: null })).toBe(false);
  });
});
