import { randomUUID } from 'node:crypto';
import { orderWorkflowId } from '@switchyard/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';

/** R-IN-1, R-BIL-3: duplicates and replays change nothing. */
describe('exactly once per order, whatever is duplicated or replayed', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  });
  afterAll(async () => {
    await p?.close();
  });

  // One order's lines: its shipment's markup, then its fee (R-BIL-1), each once (R-BIL-3).
  const ONE_ORDER = ['logistics_markup', 'order_fee'];
  const ledgerKinds = async () =>
    (await p.admin.selectFrom('ledger_entries').select('kind').orderBy('id').execute()).map(
      (l) => l.kind,
    );

  const notification = (shopId: string, orderId: string, id = randomUUID()) =>
    JSON.stringify({
      type: 1,
      tts_notification_id: id,
      shop_id: shopId,
      timestamp: Math.floor(Date.now() / 1000),
      data: {
        order_id: orderId,
        order_status: 'AWAITING_SHIPMENT',
        is_on_hold_order: false,
        update_time: Math.floor(Date.now() / 1000),
      },
    });

  it('duplicated webhooks yield one workflow, one dispatch, one push-back and one ledger entry', async () => {
    const t = p.tenants[0]!;
    p.tts.faults.duplicateWebhookRate = 1; // the marketplace itself sends every notification twice
    const order = p.tts.createOrder(t.simShopId);
    // …and we replay it: the same notification five times at once, and three new notifications.
    const same = notification(t.simShopId, order.id);
    const replies = await Promise.all([
      ...Array.from({ length: 5 }, () => p.postWebhook(same)),
      ...Array.from({ length: 3 }, () => p.postWebhook(notification(t.simShopId, order.id))),
    ]);
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(200));
    const bodies = (await Promise.all(replies.slice(0, 5).map((r) => r.json()))) as Array<{
      status: string;
    }>;
    expect(bodies.filter((b) => b.status === 'accepted')).toHaveLength(1);

    const wfId = orderWorkflowId(t.tenantId, t.shopId, order.id);
    expect(await p.orderResult(t.tenantId, t.shopId, order.id)).toEqual({ status: 'completed' });
    await p.tts.webhooksIdle();

    const runs = await eventually(async () => {
      const found = [];
      for await (const w of p.temporal.workflow.list({ query: `WorkflowId = '${wfId}'` }))
        found.push(w);
      return found.length > 0 && found;
    });
    expect(runs).toHaveLength(1);
    expect(await p.admin.selectFrom('orders').selectAll().execute()).toHaveLength(1);
    expect(await p.admin.selectFrom('dispatches').selectAll().execute()).toHaveLength(1);
    expect(p.supplier.received()).toHaveLength(1);
    expect(p.supplier.received()[0]!.deliveries).toBe(1);
    expect(p.tts.packages(order.id)).toHaveLength(1);
    expect(await ledgerKinds()).toEqual(ONE_ORDER);
    const inbox = await p.admin
      .selectFrom('webhook_inbox')
      .select(['notification_id', 'processed_at'])
      .execute();
    expect(inbox.length).toBeGreaterThanOrEqual(5); // 1 sim notification + 1 replayed + 3 new
    expect(new Set(inbox.map((r) => r.notification_id)).size).toBe(inbox.length);
    p.tts.faults.duplicateWebhookRate = 0;
  });

  it('a late duplicate after completion starts nothing and charges nothing', async () => {
    const t = p.tenants[0]!;
    const [done] = await p.admin.selectFrom('orders').select(['platform_order_id']).execute();
    const res = await p.postWebhook(notification(t.simShopId, done!.platform_order_id));
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(p.tts.packages(done!.platform_order_id)).toHaveLength(1);
    expect(await ledgerKinds()).toEqual(ONE_ORDER);
    expect(p.supplier.received()).toHaveLength(1);
  });

  it('activities re-run after a crash (push-back, charge) do not repeat their effects', async () => {
    const t = p.tenants[0]!;
    const order = await p.admin.selectFrom('orders').selectAll().executeTakeFirstOrThrow();
    const dispatch = await p.admin.selectFrom('dispatches').selectAll().executeTakeFirstOrThrow();
    const scope = { tenantId: t.tenantId, orderId: order.id };
    // Temporal may run an activity again if the worker died before reporting completion.
    const again = await p.activities.pushTracking({
      ...scope,
      dispatchId: dispatch.id,
      trackingNumber: order.tracking_number!,
      carrier: order.carrier!,
    });
    expect(again).toEqual({ ok: true, remainingUnits: 0 });
    // The finishing push of a version-3 workflow, re-run: its shipment and completion again.
    const finishing = await p.activities.pushTracking({
      ...scope,
      dispatchId: dispatch.id,
      trackingNumber: order.tracking_number!,
      carrier: order.carrier!,
      finish: true,
    });
    expect(finishing).toEqual({ ok: true, remainingUnits: 0 });
    await p.activities.chargeOrder(scope);
    await p.activities.chargeOrder(scope);
    expect(p.tts.packages(order.platform_order_id)).toHaveLength(1);
    expect(await ledgerKinds()).toEqual(ONE_ORDER);
    const charged = await p.admin
      .selectFrom('order_events')
      .select('kind')
      .where('kind', '=', 'charged')
      .execute();
    expect(charged).toHaveLength(1);
  });
});
