import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TikTokShopError } from './errors.ts';
import { startContractEnv } from './testing/contract-env.ts';

let env: Awaited<ReturnType<typeof startContractEnv>>;
beforeAll(async () => {
  env = await startContractEnv();
});
afterAll(() => env.close());

const parcel = { weightGrams: 500, lengthCm: 25, widthCm: 20, heightCm: 10 };

describe('client ↔ simulator contract: TikTok Shipping labels (reference §5)', () => {
  it('quotes, buys, fetches and hands over a label', async () => {
    const { shop, auth, tts } = await env.onboard();
    const o = env.sim.createOrder(shop.id, { shippingType: 'TIKTOK' });
    const [order] = await tts.getOrderDetail(auth, [o.id]);
    expect(order?.shipping_type).toBe('TIKTOK');

    const services = await tts.queryShippingServices(auth, o.id, { parcel });
    expect(services.length).toBeGreaterThan(0);
    expect(services[0]).toMatchObject({
      currency: 'USD',
      price: expect.stringMatching(/^\d+\.\d\d$/),
    });

    const lines = o.lineItems.map((l) => l.id);
    const pkg = await tts.createPackage(auth, {
      orderId: o.id,
      orderLineItemIds: lines,
      shippingServiceId: services[0]!.id,
      parcel,
    });
    expect(pkg.orderLineItemIds).toEqual(lines);
    const detail = await tts.getPackageDetail(auth, pkg.packageId);
    expect(detail).toMatchObject({
      shippingType: 'TIKTOK',
      orderIds: [o.id],
      status: 'PROCESSING',
    });

    const doc = await tts.getShippingDocument(auth, pkg.packageId, {
      documentType: 'SHIPPING_LABEL',
    });
    expect(doc.trackingNumber).toBe(detail.trackingNumber);
    const file = await tts.downloadDocument(doc.docUrl);
    expect(file.contentType).toBe('application/pdf');
    expect(new TextDecoder().decode(file.bytes.subarray(0, 5))).toBe('%PDF-');

    // The order's lines are packed: a second purchase is a business error, not retried.
    const again = await tts
      .createPackage(auth, {
        orderId: o.id,
        orderLineItemIds: lines,
        shippingServiceId: services[0]!.id,
        parcel,
      })
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(TikTokShopError);
    expect(again).toMatchObject({ ttsCode: 21011071, retryable: false });

    await tts.shipPackage(auth, pkg.packageId, { handoverMethod: 'DROP_OFF' });
    const [after] = await tts.getOrderDetail(auth, [o.id]);
    expect(after?.status).toBe('AWAITING_COLLECTION');
  });

  it('refuses a parcel without a size before calling', async () => {
    const { shop, auth, tts } = await env.onboard();
    const o = env.sim.createOrder(shop.id, { shippingType: 'TIKTOK' });
    await expect(
      tts.queryShippingServices(auth, o.id, { parcel: { ...parcel, heightCm: 0 } }),
    ).rejects.toThrow(RangeError);
  });
});
