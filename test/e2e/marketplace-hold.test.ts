import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';

const HOUR = 60 * 60_000;

/**
 * Orders that go through the marketplace's ON_HOLD window (reference §4): TikTok withholds the
 * address until it releases the order, and says so by notification (R-IN-1) or in the order list
 * that reconciliation reads (R-IN-2).
 */
describe('orders that go through the marketplace ON_HOLD window', () => {
  let p: Platform;
  beforeAll(async () => {
    // Orders stay ON_HOLD until a test releases them, and reconciliation polls only once, at
    // onboarding: what releases an order here is what the test does.
    p = await startPlatform({ onHoldMs: HOUR, shopTiming: { reconcileIntervalMs: HOUR } });
    await eventually(async () => {
      const searches = await p.admin
        .selectFrom('api_calls')
        .select('id')
        .where('endpoint', 'like', '%orders/search%')
        .execute();
      return searches.length > 0;
    });
  });
  afterAll(async () => {
    await p?.close();
  });

  const inboxFor = async (orderId: string) =>
    (await p.admin.selectFrom('webhook_inbox').select(['payload', 'processed_at']).execute())
      .map((r) => ({ ...(r.payload as { data?: Record<string, unknown> }), done: r.processed_at }))
      .filter((n) => n.data?.order_id === orderId);

  it('the release notification starts the order although is_on_hold_order stays true (reference §3)', async () => {
    const t = p.tenants[0]!;
    const order = p.tts.createOrder(t.simShopId);
    p.tts.release(order.id);
    expect(await p.orderResult(t.tenantId, t.shopId, order.id, 30_000)).toEqual({
      status: 'completed',
    });
    const released = (await inboxFor(order.id)).find(
      (n) => n.data?.order_status === 'AWAITING_SHIPMENT',
    );
    expect(released?.data?.is_on_hold_order).toBe(true);
  });
});
