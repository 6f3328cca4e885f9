import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { USPS_ID } from './carriers.ts';
import { startTikTokShopSim, type TikTokShopSimOptions } from './sim.ts';
import { APP_KEY, APP_SECRET, call, onboard, startReceiver } from './test-support.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(answer?: (n: number) => number, extra: Partial<TikTokShopSimOptions> = {}) {
  const rx = await startReceiver(answer);
  const sim = await startTikTokShopSim({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    seed: 3,
    onHoldMs: 0,
    webhookUrl: rx.url,
    webhookRetryScheduleMs: [1000, 5000],
    now: () => Date.parse('2026-03-01T00:00:00Z'),
    ...extra,
  });
  cleanups.push(() => sim.close(), rx.close);
  return { rx, sim };
}

// Independent check of the signature: HMAC-SHA256(secret, app_key + raw body) (reference §3).
function validSignature(body: string, header: string | string[] | undefined): boolean {
  const want = createHmac('sha256', APP_SECRET).update(`${APP_KEY}${body}`).digest();
  const got = Buffer.from(String(header ?? ''), 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

const orderEvents = (bodies: string[]) =>
  bodies.map((b) => JSON.parse(b)).filter((e) => e.type === 1);

describe('webhook emission (reference §3)', () => {
  it('posts signed type-1 envelopes for each status change, CANCEL spelled as the topic doc does', async () => {
    const { rx, sim } = await setup();
    const shop = sim.createShop();
    const o = sim.createOrder(shop.id);
    sim.cancel(o.id);
    await sim.webhooksIdle();
    for (const r of rx.received) {
      expect(validSignature(r.body, r.headers.authorization)).toBe(true);
      expect(r.headers.authorization).toMatch(/^[0-9a-f]{64}$/); // no "Bearer" prefix
    }
    const events = orderEvents(rx.received.map((r) => r.body));
    expect(events.map((e) => e.data.order_status)).toEqual([
      'UNPAID',
      'AWAITING_SHIPMENT',
      'CANCEL',
    ]);
    expect(events[0]).toMatchObject({
      shop_id: shop.id,
      data: { order_id: o.id, is_on_hold_order: false },
    });
    expect(typeof events[0].tts_notification_id).toBe('string');
    expect(typeof events[0].timestamp).toBe('number');
    const types = rx.received.map((r) => JSON.parse(r.body).type);
    expect(types).toContain(11);
  });

  it('flags is_on_hold_order on every notification of an order that goes through ON_HOLD', async () => {
    const { rx, sim } = await setup(undefined, { onHoldMs: 60_000 });
    const o = sim.createOrder(sim.createShop().id);
    sim.advance(60_000);
    sim.cancel(o.id);
    await sim.webhooksIdle();
    const events = orderEvents(rx.received.map((r) => r.body));
    expect(events.map((e) => [e.data.order_status, e.data.is_on_hold_order])).toEqual([
      ['UNPAID', true],
      ['ON_HOLD', true],
      ['AWAITING_SHIPMENT', true],
      ['CANCEL', true],
    ]);
  });

  it('announces only the statuses TikTok documents for the webhook: no PARTIALLY_SHIPPING', async () => {
    const { rx, sim } = await setup();
    const { shop, token } = await onboard(sim);
    const o = sim.createOrder(shop.id, { items: [{ quantity: 2 }] });
    const ship = (ids?: string[]) =>
      call(sim, 'POST', `/fulfillment/202309/orders/${o.id}/packages`, {
        token,
        query: { shop_cipher: shop.cipher },
        body: {
          tracking_number: ids ? '9400111206206406260787' : '9400111206206406260794',
          shipping_provider_id: USPS_ID,
          ...(ids ? { order_line_item_ids: ids } : {}),
        },
      });
    expect((await ship([o.lineItems[0]!.id])).json.code).toBe(0);
    expect(sim.getOrder(o.id)?.status).toBe('PARTIALLY_SHIPPING');
    expect((await ship()).json.code).toBe(0);
    await sim.webhooksIdle();
    const documented = [
      'UNPAID',
      'ON_HOLD',
      'AWAITING_SHIPMENT',
      'AWAITING_COLLECTION',
      'CANCEL',
      'IN_TRANSIT',
      'DELIVERED',
      'COMPLETED',
    ];
    const statuses = orderEvents(rx.received.map((r) => r.body)).map((e) => e.data.order_status);
    expect(statuses).toEqual(['UNPAID', 'AWAITING_SHIPMENT', 'AWAITING_COLLECTION']);
    for (const st of statuses) expect(documented).toContain(st);
  });

  it('spells a cancellation CANCELLED when asked to, as the Order API does', async () => {
    const { rx, sim } = await setup(undefined, { webhookCancelStatus: 'CANCELLED' });
    const o = sim.createOrder(sim.createShop().id);
    sim.cancel(o.id);
    await sim.webhooksIdle();
    const events = orderEvents(rx.received.map((r) => r.body));
    expect(events.at(-1)?.data.order_status).toBe('CANCELLED');
  });

  it('retries non-2xx on the schedule and logs every attempt', async () => {
    const { rx, sim } = await setup((n) => (n <= 2 ? 502 : 200));
    const shop = sim.createShop();
    sim.createOrder(shop.id, { paid: false }); // exactly one webhook (UNPAID)
    await sim.webhooksIdle();
    expect(rx.received).toHaveLength(1);
    sim.advance(999);
    await sim.webhooksIdle();
    expect(rx.received).toHaveLength(1);
    sim.advance(1);
    await sim.webhooksIdle();
    expect(rx.received).toHaveLength(2);
    sim.advance(5000);
    await sim.webhooksIdle();
    expect(rx.received).toHaveLength(3);
    expect(new Set(rx.received.map((r) => r.body)).size).toBe(1); // identical bytes each time
    expect(sim.webhookLog().map((l) => [l.attempt, l.status])).toEqual([
      [1, 502],
      [2, 502],
      [3, 200],
    ]);
  });

  it('gives up after the schedule is exhausted and logs network errors', async () => {
    const { sim } = await setup(undefined, { webhookUrl: 'http://127.0.0.1:9/closed' });
    sim.createOrder(sim.createShop().id, { paid: false });
    await sim.webhooksIdle();
    sim.advance(1000);
    await sim.webhooksIdle();
    sim.advance(5000);
    await sim.webhooksIdle();
    sim.advance(60_000);
    await sim.webhooksIdle();
    expect(sim.webhookLog().map((l) => [l.attempt, l.status])).toEqual([
      [1, 'error'],
      [2, 'error'],
      [3, 'error'],
    ]);
  });

  it('drops and duplicates on demand', async () => {
    const { rx, sim } = await setup();
    sim.faults.duplicateWebhookRate = 1;
    const shop = sim.createShop();
    sim.createOrder(shop.id, { paid: false });
    await sim.webhooksIdle();
    expect(rx.received).toHaveLength(2);
    expect(rx.received[0]?.body).toBe(rx.received[1]?.body);
    sim.faults.duplicateWebhookRate = 0;
    sim.faults.dropWebhookRate = 1;
    sim.createOrder(shop.id, { paid: false });
    await sim.webhooksIdle();
    expect(rx.received).toHaveLength(2);
    expect(sim.webhookLog().at(-1)).toMatchObject({ status: 'dropped', attempt: 0 });
  });

  it('holds notifications back on demand, so that later ones arrive first', async () => {
    const { rx, sim } = await setup(undefined, { now: Date.now });
    const shop = sim.createShop();
    Object.assign(sim.faults, { reorderWebhookRate: 1, reorderDelayMs: 300 });
    const first = sim.createOrder(shop.id, { paid: false });
    sim.faults.reorderWebhookRate = 0;
    const second = sim.createOrder(shop.id, { paid: false });
    await sim.webhooksIdle();
    await new Promise((r) => setTimeout(r, 400));
    await sim.webhooksIdle();
    const order = rx.received.map((r) => JSON.parse(r.body).data.order_id);
    expect(order).toEqual([second.id, first.id]);
    expect(sim.webhookLog()[0]).toMatchObject({ status: 'held_back', attempt: 0 });
  });

  it('emits type 3 on address updates and type 6 on deauthorization, which also cuts access', async () => {
    const { rx, sim } = await setup();
    const { shop, token } = await onboard(sim);
    const o = sim.createOrder(shop.id, { paid: false });
    sim.updateAddress(o.id, { address_line2: 'Unit 9' });
    expect(sim.getOrder(o.id)?.recipientAddress.address_line2).toBe('Unit 9');
    sim.deauthorize(shop.id);
    await sim.webhooksIdle();
    const bodies = rx.received.map((r) => JSON.parse(r.body));
    expect(bodies.find((b) => b.type === 3)).toMatchObject({ data: { order_id: o.id } });
    expect(bodies.find((b) => b.type === 6)).toMatchObject({
      shop_id: shop.id,
      data: { message: expect.any(String) },
    });
    const path = '/logistics/202309/delivery_options/7129736414200055595/shipping_providers';
    const r = await call(sim, 'GET', path, { token, query: { shop_cipher: shop.cipher } });
    expect(r.json.code).toBe(101000);
  });

  it('sends nothing without a webhook URL, and setWebhookUrl switches the target', async () => {
    const { rx, sim } = await setup();
    sim.setWebhookUrl(undefined);
    sim.createOrder(sim.createShop().id, { paid: false });
    await sim.webhooksIdle();
    expect(rx.received).toHaveLength(0);
    sim.setWebhookUrl(rx.url);
    sim.createOrder(sim.createShop().id, { paid: false });
    await sim.webhooksIdle();
    expect(rx.received).toHaveLength(1);
  });
});
