import { sweepInbox } from '@switchyard/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../harness/platform.ts';

/**
 * R-IN-1: a notification stored while Temporal was unreachable is handed on later by the sweep,
 * and the order is fulfilled once.
 */
describe('inbox sweep', () => {
  let p: Platform;
  beforeAll(async () => {
    // Only the inbox may bring this order in: no webhook deliveries, no reconciliation pass.
    p = await startPlatform({ shopTiming: { reconcileIntervalMs: 60 * 60 * 1000 } });
  });
  afterAll(async () => {
    await p?.close();
  });

  it('routes a stored notification that was never handed on, once', async () => {
    const t = p.tenants[0]!;
    p.tts.faults.dropWebhookRate = 1;
    const order = p.tts.createOrder(t.simShopId);
    // What the webhook route leaves behind when starting the workflow fails: a stored,
    // unprocessed notification.
    const payload = {
      type: 1,
      tts_notification_id: 'stranded-1',
      shop_id: t.simShopId,
      timestamp: Math.floor(Date.now() / 1000),
      data: {
        order_id: order.id,
        order_status: 'AWAITING_SHIPMENT',
        is_on_hold_order: false,
        update_time: Math.floor(Date.now() / 1000),
      },
    };
    await p.admin
      .insertInto('webhook_inbox')
      .values({
        tenant_id: t.tenantId,
        shop_id: t.shopId,
        notification_id: 'stranded-1',
        type: 1,
        payload: JSON.stringify(payload),
        received_at: new Date(Date.now() - 60_000),
      })
      .execute();
    // A fresh one is left alone: its own request may still be handing it on.
    await p.admin
      .insertInto('webhook_inbox')
      .values({
        tenant_id: t.tenantId,
        shop_id: t.shopId,
        notification_id: 'fresh-1',
        type: 99,
        payload: JSON.stringify({ ...payload, type: 99, tts_notification_id: 'fresh-1' }),
      })
      .execute();

    expect(await sweepInbox(p.apiDeps)).toEqual({ pending: 1, routed: 1 });
    expect(await p.orderResult(t.tenantId, t.shopId, order.id)).toEqual({ status: 'completed' });
    expect(await sweepInbox(p.apiDeps)).toEqual({ pending: 0, routed: 0 });
    expect(p.tts.packages(order.id)).toHaveLength(1);
    const rows = await p.admin
      .selectFrom('webhook_inbox')
      .select(['notification_id', 'processed_at'])
      .orderBy('notification_id')
      .execute();
    expect(rows.map((r) => [r.notification_id, r.processed_at !== null])).toEqual([
      ['fresh-1', false],
      ['stranded-1', true],
    ]);
  });
});
