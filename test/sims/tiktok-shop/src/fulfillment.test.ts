import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USPS_ID } from './carriers.ts';
import type { TikTokShopSim } from './sim.ts';
import { call, onboard, startSeededSim } from './test-support.ts';

let sim: TikTokShopSim;

beforeAll(async () => {
  sim = await startSeededSim();
});
afterAll(() => sim.close());

describe('fulfillment (reference §5, R-PEN-1)', () => {
  const ship = (token: string, cipher: string, orderId: string, body: unknown) =>
    call(sim, 'POST', `/fulfillment/202309/orders/${orderId}/packages`, {
      token,
      query: { shop_cipher: cipher },
      body,
    });

  async function readyOrder(quantity = 1) {
    const ctx = await onboard(sim);
    const o = sim.createOrder(ctx.shop.id, { items: [{ skuId: '1729384756102938476', quantity }] });
    sim.advance(3_600_000);
    return { ...ctx, o };
  }

  it('refuses to ship an ON_HOLD order', async () => {
    const { shop, token } = await onboard(sim);
    const o = sim.createOrder(shop.id);
    const r = await ship(token, shop.cipher, o.id, {
      tracking_number: '9400111206206406260787',
      shipping_provider_id: USPS_ID,
    });
    expect(r.json.code).toBe(21011045);
  });

  it('splits: partial shipment then the rest, then refuses a third push', async () => {
    const { shop, token, o } = await readyOrder(2);
    const [a, b] = o.lineItems.map((l) => l.id);
    const r1 = await ship(token, shop.cipher, o.id, {
      tracking_number: '1Z999AA10123456784',
      shipping_provider_id: '7117859084333745966',
      order_line_item_ids: [a],
    });
    expect(r1.json.code).toBe(0);
    expect(sim.getOrder(o.id)?.status).toBe('PARTIALLY_SHIPPING');
    const r2 = await ship(token, shop.cipher, o.id, {
      tracking_number: '92001902416502000000000000',
      shipping_provider_id: USPS_ID,
    });
    expect(r2.json.code).toBe(21011022); // 26 digits is not a USPS shape
    const r3 = await ship(token, shop.cipher, o.id, {
      tracking_number: 'LZ123456789US',
      shipping_provider_id: USPS_ID,
    });
    expect(r3.json).toMatchObject({ code: 0, data: { order_line_item_ids: [b] } });
    expect(sim.getOrder(o.id)?.status).toBe('AWAITING_COLLECTION');
    expect(sim.packages(o.id)).toHaveLength(2);
    const r4 = await ship(token, shop.cipher, o.id, {
      tracking_number: 'LZ123456789US',
      shipping_provider_id: USPS_ID,
    });
    expect(r4.json.code).toBe(21011045);
    expect(sim.scan(o.id).status).toBe('IN_TRANSIT');
  });

  it('freezes a shop after three consecutive bad pushes; a good push resets the count', async () => {
    const { shop, token, o } = await readyOrder();
    const bad = { tracking_number: 'NOT-A-NUMBER', shipping_provider_id: USPS_ID };
    expect((await ship(token, shop.cipher, o.id, bad)).json.code).toBe(21011022);
    expect((await ship(token, shop.cipher, o.id, bad)).json.code).toBe(21011022);
    expect(sim.shopPenalty(shop.id).consecutive).toBe(2);
    const o2 = sim.createOrder(shop.id);
    sim.advance(3_600_000);
    expect(
      (await ship(token, shop.cipher, o.id, { ...bad, tracking_number: '9400111206206406260787' }))
        .json.code,
    ).toBe(0);
    expect(sim.shopPenalty(shop.id).consecutive).toBe(0);
    for (let i = 0; i < 3; i++)
      expect((await ship(token, shop.cipher, o2.id, bad)).json.code).toBe(21011022);
    const frozen = await ship(token, shop.cipher, o2.id, {
      ...bad,
      tracking_number: '9400111206206406260787',
    });
    expect(frozen.json.code).toBe(21011060);
    sim.advance(24 * 3600_000);
    expect(
      (await ship(token, shop.cipher, o2.id, { ...bad, tracking_number: '9400111206206406260787' }))
        .json.code,
    ).toBe(0);
    expect(sim.shopPenalty(shop.id).total).toBe(5);
  });

  it('updates shipping info only after shipping and within 72 h', async () => {
    const { shop, token, o } = await readyOrder();
    const update = (body: unknown) =>
      call(sim, 'POST', `/fulfillment/202309/orders/${o.id}/shipping_info/update`, {
        token,
        query: { shop_cipher: shop.cipher },
        body,
      });
    const body = { tracking_number: '9400111206206406260787', shipping_provider_id: USPS_ID };
    expect((await update(body)).json.code).toBe(21011043);
    expect((await ship(token, shop.cipher, o.id, body)).json.code).toBe(0);
    expect((await update({ ...body, tracking_number: '9400111206206406260799' })).json.code).toBe(
      0,
    );
    sim.advance(72 * 3600_000 + 1000);
    expect((await update(body)).json.code).toBe(21011051);
  });

  it('lists providers per delivery option', async () => {
    const { shop, token } = await onboard(sim);
    const r = await call(
      sim,
      'GET',
      '/logistics/202309/delivery_options/7129736414200055595/shipping_providers',
      {
        token,
        query: { shop_cipher: shop.cipher },
      },
    );
    const names = r.json.data.shipping_providers.map((p: { name: string }) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['USPS', 'UPS', 'FedEx', 'DHL eCommerce', 'YunExpress']),
    );
    expect(r.json.data.shipping_providers).toContainEqual({ id: USPS_ID, name: 'USPS' });
  });
});
