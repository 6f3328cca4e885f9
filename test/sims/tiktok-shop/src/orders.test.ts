import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USPS_ID } from './carriers.ts';
import { startTikTokShopSim, type TikTokShopSim } from './sim.ts';
import { APP_KEY, APP_SECRET, call, onboard } from './test-support.ts';

let sim: TikTokShopSim;
const cents = (s: unknown) => Math.round(Number(s) * 100);

beforeAll(async () => {
  sim = await startTikTokShopSim({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    seed: 11,
    onHoldMs: 3_600_000,
  });
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
