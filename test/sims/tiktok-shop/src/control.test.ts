import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTikTokShopSim, type TikTokShopSim } from './sim.ts';
import { APP_KEY, APP_SECRET, startReceiver } from './test-support.ts';

let sim: TikTokShopSim;
let rx: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  rx = await startReceiver();
  sim = await startTikTokShopSim({ appKey: APP_KEY, appSecret: APP_SECRET, seed: 5, onHoldMs: 0 });
});
afterAll(async () => {
  await sim.close();
  await rx.close();
});

const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${sim.url}/__control${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

describe('control API (/__control/*)', () => {
  it('drives shops, auth codes, orders, faults and the webhook log over HTTP', async () => {
    const shop = await control('POST', '/shops', { region: 'GB', name: 'Ctl' });
    expect(shop).toMatchObject({ status: 201, json: { region: 'GB', name: 'Ctl' } });
    const shopId = String(shop.json.id);
    const code = await control('POST', '/auth-codes', { shop_ids: [shopId] });
    expect(String(code.json.code)).toMatch(/^ROW_/);
    expect((await control('POST', '/auth-codes', { shop_ids: ['nope'] })).status).toBe(400);

    await control('PUT', '/webhook-url', { url: rx.url });
    const order = await control('POST', '/orders', {
      shop_id: shopId,
      items: [{ unit_price: '3.50', quantity: 2 }],
    });
    expect(order.status).toBe(201);
    const orderId = String(order.json.id);
    expect((await control('GET', `/orders/${orderId}`)).json).toMatchObject({
      id: orderId,
      status: 'AWAITING_SHIPMENT',
    });
    expect((await control('GET', '/orders/404')).status).toBe(404);

    const faults = await control('PATCH', '/faults', {
      failRate: 0.5,
      rateLimit: { perSecond: 3, burst: 3 },
    });
    expect(faults.json).toMatchObject({ failRate: 0.5, rateLimit: { perSecond: 3, burst: 3 } });
    expect(sim.faults.failRate).toBe(0.5);
    await control('PATCH', '/faults', { failRate: 0, rateLimit: null });
    expect(sim.faults.rateLimit).toBeUndefined();

    await control('POST', `/orders/${orderId}/cancel`);
    await sim.webhooksIdle();
    const log = await fetch(`${sim.url}/__control/webhooks`).then(
      (r) => r.json() as Promise<unknown[]>,
    );
    expect(log.length).toBeGreaterThanOrEqual(3);
    const before = sim.now();
    await control('POST', '/advance', { ms: 60_000 });
    expect(sim.now()).toBeGreaterThanOrEqual(before + 60_000);
  });

  it('delays gateway answers by faults.latencyMs', async () => {
    sim.faults.latencyMs = 80;
    try {
      const started = Date.now();
      await fetch(`${sim.url}/authorization/202309/shops`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    } finally {
      sim.faults.latencyMs = 0;
    }
  });
});
