import { describe, expect, it } from 'vitest';
import { dispatchPayloadSchema } from './dispatch-payload.ts';
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
