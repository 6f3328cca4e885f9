import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USPS_ID } from './carriers.ts';
import { startTikTokShopSim, type TikTokShopSim } from './sim.ts';
import { APP_KEY, APP_SECRET, call, onboard, startSeededSim } from './test-support.ts';

let sim: TikTokShopSim;
const cents = (s: unknown) => Math.round(Number(s) * 100);

beforeAll(async () => {
  sim = await startSeededSim();
});
afterAll(() => sim.close());

const detail = async (token: string, cipher: string, ids: string[]) =>
  call(sim, 'GET', '/order/202309/orders', {
    token,
    query: { shop_cipher: cipher, ids: ids.join(',') },
  });

describe('orders (reference §4)', () => {
  it('generates consistent orders: per-unit line items, string money, SLA times', async () => {
    const { shop } = await onboard(sim);
    const o = sim.createOrder(shop.id, {
      items: [{ skuId: '1729384756102938481', quantity: 3 }, { unitPrice: '5.00' }],
    });
    expect(o.lineItems).toHaveLength(4);
    expect(new Set(o.lineItems.map((l) => l.id)).size).toBe(4);
    const p = o.payment;
    expect(cents(p.sub_total)).toBe(
      cents(p.original_total_product_price) - cents(p.seller_discount) - cents(p.platform_discount),
    );
    expect(cents(p.total_amount)).toBe(
      cents(p.sub_total) + cents(p.shipping_fee) + cents(p.tax) + cents(p.retail_delivery_fee),
    );
    const itemsSum = o.lineItems.reduce((a, l) => a + cents(l.sale_price), 0);
    expect(itemsSum).toBe(cents(p.sub_total));
    for (const v of Object.values(p)) expect(typeof v).toBe('string');
    expect(o.recipientAddress.phone_number).toMatch(/^\(\+1\)\d{10}$/);
  });

  it('holds the address back while ON_HOLD and releases it after the window (R-SLA-1 times)', async () => {
    const { shop, token } = await onboard(sim);
    const o = sim.createOrder(shop.id);
    let [api] = (await detail(token, shop.cipher, [o.id])).json.data.orders;
    expect(api).toMatchObject({
      status: 'ON_HOLD',
      is_on_hold_order: true,
      shipping_type: 'SELLER',
    });
    expect(api.recipient_address).toBeUndefined();
    expect(api.rts_sla_time).toBe(api.paid_time + 48 * 3600);
    sim.advance(3_600_000);
    [api] = (await detail(token, shop.cipher, [o.id])).json.data.orders;
    expect(api.status).toBe('AWAITING_SHIPMENT');
    expect(api.recipient_address.postal_code).toBeTruthy();
  });

  it('compresses the deadlines of a simulation by its SLA scale, the same for each', async () => {
    const fast = await startTikTokShopSim({
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      slaScale: 1800,
    });
    try {
      const { shop, token } = await onboard(fast);
      const o = fast.createOrder(shop.id);
      const res = await call(fast, 'GET', '/order/202309/orders', {
        token,
        query: { shop_cipher: shop.cipher, ids: o.id },
      });
      const [api] = res.json.data.orders;
      // 48 and 72 hours at 1 hour = 2 seconds.
      expect(api.rts_sla_time - api.paid_time).toBe(96);
      expect(api.tts_sla_time - api.paid_time).toBe(144);
    } finally {
      await fast.close();
    }
  });

  it('shows line display_status only where TikTok documents the value, per line', async () => {
    const { shop, token } = await onboard(sim);
    const lines = async (id: string) => {
      const [api] = (await detail(token, shop.cipher, [id])).json.data.orders;
      return (api.line_items as Array<{ display_status?: string }>).map((l) => l.display_status);
    };
    const o = sim.createOrder(shop.id, { paid: false, items: [{ quantity: 2 }] });
    expect(await lines(o.id)).toEqual(['UNPAID', 'UNPAID']);
    sim.pay(o.id);
    expect(await lines(o.id)).toEqual([undefined, undefined]); // ON_HOLD: not documented
    sim.release(o.id);
    expect(await lines(o.id)).toEqual(['AWAITING_SHIPMENT', 'AWAITING_SHIPMENT']);
    const first = o.lineItems[0]!.id;
    const shipped = await call(sim, 'POST', `/fulfillment/202309/orders/${o.id}/packages`, {
      token,
      query: { shop_cipher: shop.cipher },
      body: {
        tracking_number: '9400111206206406260787',
        shipping_provider_id: USPS_ID,
        order_line_item_ids: [first],
      },
    });
    expect(shipped.json.code).toBe(0);
    expect(sim.getOrder(o.id)?.status).toBe('PARTIALLY_SHIPPING');
    // Each line says where it is; the order-level PARTIALLY_SHIPPING is not a line status.
    expect(await lines(o.id)).toEqual(['AWAITING_COLLECTION', 'AWAITING_SHIPMENT']);
  });

  it('release ends the ON_HOLD window early, once', async () => {
    const { shop } = await onboard(sim);
    const o = sim.createOrder(shop.id);
    expect(sim.release(o.id).status).toBe('AWAITING_SHIPMENT');
    expect(() => sim.release(o.id)).toThrow(/not ON_HOLD/);
    sim.advance(3_600_000); // the window's own end finds nothing left to release
    expect(sim.getOrder(o.id)?.status).toBe('AWAITING_SHIPMENT');
  });

  it('sets is_on_hold_order in every status of an order that goes through ON_HOLD (reference §3)', async () => {
    const { shop, token } = await onboard(sim);
    const flag = async (id: string) => {
      const [api] = (await detail(token, shop.cipher, [id])).json.data.orders;
      return [api.status, api.is_on_hold_order];
    };
    const unpaid = sim.createOrder(shop.id, { paid: false });
    expect(await flag(unpaid.id)).toEqual(['UNPAID', true]); // TikTok's own example
    sim.pay(unpaid.id);
    expect(await flag(unpaid.id)).toEqual(['ON_HOLD', true]);
    sim.advance(3_600_000);
    expect(await flag(unpaid.id)).toEqual(['AWAITING_SHIPMENT', true]);
    sim.cancel(unpaid.id);
    expect(await flag(unpaid.id)).toEqual(['CANCELLED', true]);

    const direct = await startTikTokShopSim({
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      onHoldMs: 0,
    });
    try {
      expect(direct.createOrder(direct.createShop().id).onHoldOrder).toBe(false);
    } finally {
      await direct.close();
    }
  });

  it('generates bad addresses on request (R-CHK-2 fixtures)', async () => {
    const { shop } = await onboard(sim);
    expect(
      sim.createOrder(shop.id, { badAddress: 'PO_BOX' }).recipientAddress.address_line1,
    ).toMatch(/^PO Box/);
    expect(
      sim.createOrder(shop.id, { badAddress: 'WRONG_POSTCODE' }).recipientAddress.postal_code,
    ).toBe('M5V 2T6');
    const uk = await onboard(sim, 'GB');
    const ukOrder = sim.createOrder(uk.shop.id);
    expect(ukOrder.recipientAddress.region_code).toBe('GB');
    expect(ukOrder.currency).toBe('GBP');
  });

  it('validates detail ids (≤50) and search page_size (1..100) and page tokens', async () => {
    const { shop, token } = await onboard(sim);
    const ids = Array.from({ length: 51 }, (_, i) => String(i));
    expect((await detail(token, shop.cipher, ids)).json.code).toBe(36009004);
    const search = (q: Record<string, string>, body: unknown = {}) =>
      call(sim, 'POST', '/order/202309/orders/search', {
        token,
        query: { shop_cipher: shop.cipher, ...q },
        body,
      });
    expect((await search({ page_size: '0' })).json.code).toBe(36009004);
    expect((await search({ page_size: '101' })).json.code).toBe(36009004);
    expect((await search({})).json.code).toBe(36009004);
    for (let i = 0; i < 3; i++) sim.createOrder(shop.id);
    const first = await search({ page_size: '2' });
    expect(first.json.data.total_count).toBe(3);
    const next = first.json.data.next_page_token;
    expect(next).toBeTruthy();
    expect(
      (await search({ page_size: '2', page_token: next }, { order_status: 'UNPAID' })).json.code,
    ).toBe(36009004);
    expect((await search({ page_size: '2', page_token: 'garbage' })).json.code).toBe(36009004);
    const second = await search({ page_size: '2', page_token: next });
    expect(second.json.data.orders).toHaveLength(1);
    expect(second.json.data.next_page_token).toBe('');
  });
});

describe('search filters and determinism', () => {
  it('filters by update_time window and sorts ascending on request', async () => {
    const { shop, token } = await onboard(sim);
    const early = sim.createOrder(shop.id, { paid: false });
    sim.advance(10_000);
    const mid = Math.floor(sim.now() / 1000);
    const late = sim.createOrder(shop.id, { paid: false });
    const search = (body: unknown, q: Record<string, string> = {}) =>
      call(sim, 'POST', '/order/202309/orders/search', {
        token,
        query: { shop_cipher: shop.cipher, page_size: '10', ...q },
        body,
      });
    const ids = (r: Awaited<ReturnType<typeof search>>) =>
      r.json.data.orders.map((o: { id: string }) => o.id);
    expect(ids(await search({ update_time_ge: mid }))).toEqual([late.id]);
    expect(ids(await search({ update_time_lt: mid }))).toEqual([early.id]);
    expect(ids(await search({}, { sort_field: 'update_time', sort_order: 'ASC' }))).toEqual([
      early.id,
      late.id,
    ]);
    expect(ids(await search({}))).toEqual([late.id, early.id]); // create_time DESC by default
  });

  it('produces the same shops and orders for the same seed', async () => {
    const make = async () => {
      const s = await startTikTokShopSim({
        appKey: APP_KEY,
        appSecret: APP_SECRET,
        seed: 99,
        now: () => 1e12,
      });
      const shop = s.createShop();
      const order = s.createOrder(shop.id);
      await s.close();
      return { shop, order };
    };
    expect(await make()).toEqual(await make());
  });
});
