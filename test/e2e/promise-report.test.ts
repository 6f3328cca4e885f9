import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../harness/platform.ts';
import { trpc } from '../harness/walking-skeleton.ts';

/**
 * R-SLA-5: the platform's own promise (a shipping response within 4.5 hours on average),
 * measured on each tenant's own orders, over tRPC.
 */
describe('the platform’s promise, reported to the tenant', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ tenants: 2 });
  });
  afterAll(async () => {
    await p?.close();
  });

  it('counts the tenant’s shipped orders against the promise, and no other tenant’s', async () => {
    const t = p.tenants[0]!;
    for (let i = 0; i < 2; i++) {
      const order = p.tts.createOrder(t.simShopId);
      expect(await p.orderResult(t.tenantId, t.shopId, order.id)).toEqual({
        status: 'completed',
      });
    }
    const mine = await trpc(p, t.apiToken).reports.promise.query({ days: 7 });
    expect(mine).toMatchObject({
      promiseMinutes: 270,
      orders: 2,
      shipped: 2,
      promiseKept: true,
      withinPromiseShare: 1,
    });
    expect(mine.meanResponseMinutes).toBeGreaterThan(0);
    expect(mine.meanResponseMinutes).toBeLessThan(5);
    expect(mine.beforeDeadlineShare === null || mine.beforeDeadlineShare === 1).toBe(true);

    // An order that ships a day late counts against it.
    await p.admin
      .updateTable('order_events')
      .set((eb) => ({ at: eb.fn('now', []) }))
      .where('kind', '=', 'tracking_pushed')
      .execute();
    const [first] = await p.admin
      .selectFrom('orders')
      .select('id')
      .where('tenant_id', '=', t.tenantId)
      .orderBy('created_at')
      .limit(1)
      .execute();
    await p.admin
      .updateTable('orders')
      .set({ created_at: new Date(Date.now() - 24 * 60 * 60 * 1000) })
      .where('id', '=', first!.id)
      .execute();
    const late = await trpc(p, t.apiToken).reports.promise.query({ days: 7 });
    expect(late).toMatchObject({ orders: 2, shipped: 2, withinPromiseShare: 0.5 });
    expect(late.meanResponseMinutes).toBeGreaterThan(12 * 60);
    expect(late.promiseKept).toBe(false);

    const other = await trpc(p, p.tenants[1]!.apiToken).reports.promise.query({ days: 7 });
    expect(other).toMatchObject({
      orders: 0,
      shipped: 0,
      meanResponseMinutes: null,
      promiseKept: null,
      withinPromiseShare: null,
    });
  });

  it('refuses a window outside 1–90 days', async () => {
    const client = trpc(p, p.tenants[0]!.apiToken);
    for (const days of [0, 91, 1.5])
      await expect(client.reports.promise.query({ days })).rejects.toMatchObject({
        data: { code: 'BAD_REQUEST' },
      });
  });
});
