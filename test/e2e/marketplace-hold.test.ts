import { randomUUID } from 'node:crypto';
import { orderWorkflowId } from '@switchyard/domain';
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

  /**
   * TikTok's notifications and its Order API are separate systems and the docs promise no order
   * between them: this notification says AWAITING_SHIPMENT while the order's detail still shows
   * ON_HOLD, so the workflow starts before the marketplace has released the order.
   */
  const aheadOfTheOrderApi = (shopId: string, orderId: string) => {
    const now = Math.floor(Date.now() / 1000);
    return JSON.stringify({
      type: 1,
      tts_notification_id: randomUUID(),
      shop_id: shopId,
      timestamp: now,
      data: {
        order_id: orderId,
        order_status: 'AWAITING_SHIPMENT',
        is_on_hold_order: true,
        update_time: now,
      },
    });
  };

  const orderRow = (platformOrderId: string) =>
    p.admin
      .selectFrom('orders')
      .select(['id', 'status', 'holds'])
      .where('platform_order_id', '=', platformOrderId)
      .executeTakeFirst();
  const codes = (holds: unknown) => (holds as Array<{ code: string }>).map((h) => h.code);

  /** Starts each order's workflow while the marketplace still holds it; returns once all are held. */
  async function startWhileOnHold(t: Platform['tenants'][number], ids: string[]) {
    for (const id of ids)
      expect((await p.postWebhook(aheadOfTheOrderApi(t.simShopId, id))).status).toBe(200);
    for (const id of ids) {
      const row = await eventually(async () => {
        const r = await orderRow(id);
        return r?.status === 'on_hold' && r;
      });
      expect(codes(row.holds)).toEqual(['MARKETPLACE_ON_HOLD']);
      expect(p.tts.getOrder(id)?.status).toBe('ON_HOLD');
    }
  }

  async function timeline(platformOrderId: string) {
    const row = await orderRow(platformOrderId);
    const events = await p.admin
      .selectFrom('order_events')
      .select(['kind', 'detail'])
      .where('order_id', '=', row!.id)
      .orderBy('at')
      .execute();
    return events;
  }

  it('orders recorded while the marketplace held them complete once it releases them, with no tenant action', async () => {
    const t = p.tenants[0]!;
    const ids = Array.from({ length: 6 }, () => p.tts.createOrder(t.simShopId).id);
    await startWhileOnHold(t, ids);
    const first = ids[0]!;
    const held = (await timeline(first)).find((e) => e.kind === 'held')!;
    const [hold] = (held.detail as { holds: Array<Record<string, string>> }).holds;
    expect(hold).toMatchObject({
      code: 'MARKETPLACE_ON_HOLD',
      fix: expect.stringMatching(/re-checked automatically when the marketplace releases it/),
    });

    // The marketplace releases them and says so; nobody calls the tenant API.
    for (const id of ids) p.tts.release(id);
    for (const id of ids)
      expect(await p.orderResult(t.tenantId, t.shopId, id, 30_000)).toEqual({
        status: 'completed',
      });
    const kinds = (await timeline(first)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['received', 'held', 'hold_released']));
    const received = (await timeline(first)).find((e) => e.kind === 'received')!;
    expect(received.detail).toMatchObject({ marketplaceStatus: 'ON_HOLD' });

    // A late notification for a finished order is handed on without error and changes nothing.
    const late = await p.postWebhook(aheadOfTheOrderApi(t.simShopId, first));
    expect(late.status).toBe(200);
    await eventually(async () => (await inboxFor(first)).every((n) => n.done));
    expect(p.tts.packages(first)).toHaveLength(1);
  });

  it('reconciliation releases them too when the release notifications are lost (R-IN-2)', async () => {
    const t = p.tenants[0]!;
    const ids = Array.from({ length: 3 }, () => p.tts.createOrder(t.simShopId).id);
    await startWhileOnHold(t, ids);
    const logged = p.tts.webhookLog().length;
    p.tts.faults.dropWebhookRate = 1;
    for (const id of ids) p.tts.release(id);
    p.tts.faults.dropWebhookRate = 0;
    expect(
      p.tts
        .webhookLog()
        .slice(logged)
        .map((w) => w.status),
    ).toEqual(ids.map(() => 'dropped'));

    // The pass also meets the finished orders of the test before, and leaves them alone.
    const pass = await p.shopActivities.reconcileShopOrders({
      tenantId: t.tenantId,
      shopId: t.shopId,
      fromMs: Date.now() - 5 * 60_000,
      untilMs: Date.now() + 1000,
    });
    expect(pass.seen).toBeGreaterThan(ids.length);
    for (const id of ids)
      expect(await p.orderResult(t.tenantId, t.shopId, id, 30_000)).toEqual({
        status: 'completed',
      });
  });

  it('reconciliation tells a workflow nothing once its order is past the checks (R-IN-2)', async () => {
    const t = p.tenants[0]!;
    // A supplier that does not answer keeps the order's workflow running, dispatched.
    p.supplier.behaviour.mode = 'silent';
    const id = p.tts.createOrder(t.simShopId).id;
    p.tts.release(id);
    const handle = p.temporal.workflow.getHandle(orderWorkflowId(t.tenantId, t.shopId, id));
    await eventually(() =>
      p.admin
        .selectFrom('orders')
        .select('status')
        .where('platform_order_id', '=', id)
        .where('status', '=', 'dispatched')
        .executeTakeFirst(),
    );
    const signals = async () =>
      ((await handle.fetchHistory()).events ?? []).filter(
        (e) => e.workflowExecutionSignaledEventAttributes,
      ).length;
    const before = await signals();
    const pass = await p.shopActivities.reconcileShopOrders({
      tenantId: t.tenantId,
      shopId: t.shopId,
      fromMs: Date.now() - 5 * 60_000,
      untilMs: Date.now() + 1000,
    });
    expect(pass.seen).toBeGreaterThan(0);
    expect(pass.started).toBe(0);
    expect(await signals()).toBe(before);
    p.supplier.behaviour.mode = 'normal';
  });

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
