import {
  createInboxDispatcher,
  INBOX_MAX_ATTEMPTS,
  INBOX_RETRY_BASE_MS,
  type InboxDispatcher,
} from '@switchyard/api';
import { issueOperatorToken } from '@switchyard/auth/credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../harness/platform.ts';

/**
 * R-IN-1: a stored notification that was never handed on (stored, then Temporal unreachable or
 * the api gone) is handed on by the inbox dispatcher, and the order is fulfilled once; one that
 * keeps failing for a reason of its own is retried after growing pauses, then parked.
 */
describe('inbox dispatch of what was stored', () => {
  let p: Platform;
  /** Runs batch by batch when the test says, instead of in the background. */
  let dispatcher: InboxDispatcher;
  const dispatch = async () => {
    const { claimed, routed, failed, parked } = await dispatcher.runBatch();
    return { claimed, routed, failed, parked };
  };
  beforeAll(async () => {
    // Only the inbox may bring this order in: no webhook deliveries, no reconciliation pass.
    p = await startPlatform({ shopTiming: { reconcileIntervalMs: 60 * 60 * 1000 } });
    await p.dispatcher.stop();
    dispatcher = createInboxDispatcher(p.apiDeps);
  });
  afterAll(async () => {
    await p?.close();
  });

  it('routes a stored notification that was never handed on, once', async () => {
    const t = p.tenants[0]!;
    p.tts.faults.dropWebhookRate = 1;
    const order = p.tts.createOrder(t.simShopId);
    // Stored and never handed on: what an api that died right after the 200 leaves behind.
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
    // A notification of a topic that starts nothing is handed on too, and marked.
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

    expect(await dispatch()).toEqual({ claimed: 2, routed: 2, failed: 0, parked: 0 });
    expect(await p.orderResult(t.tenantId, t.shopId, order.id)).toEqual({ status: 'completed' });
    expect(await dispatch()).toEqual({ claimed: 0, routed: 0, failed: 0, parked: 0 });
    expect(p.tts.packages(order.id)).toHaveLength(1);
    const rows = await p.admin
      .selectFrom('webhook_inbox')
      .select(['notification_id', 'processed_at'])
      .orderBy('notification_id')
      .execute();
    expect(rows.map((r) => [r.notification_id, r.processed_at !== null])).toEqual([
      ['fresh-1', true],
      ['stranded-1', true],
    ]);
  });

  /** tRPC over plain HTTP, as an operator's tool would call it. */
  async function ops(path: string, token: string, input?: unknown) {
    const res =
      input === undefined
        ? await fetch(`${p.apiUrl}/trpc/${path}`, { headers: { authorization: `Bearer ${token}` } })
        : await fetch(`${p.apiUrl}/trpc/${path}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(input),
          });
    const body = (await res.json()) as {
      result?: { data?: { items?: Array<Record<string, unknown>>; requeued?: boolean } };
    };
    return { status: res.status, body };
  }

  it('parks a notification that keeps failing, shows it to operators, and requeues it', async () => {
    const t = p.tenants[0]!;
    const operatorToken = await issueOperatorToken(p.db, 'on-call');
    expect(operatorToken).toMatch(/^sy_op_/);
    // What an earlier release stored: a date no calendar can print fails routing every time.
    const poison = {
      type: 7,
      tts_notification_id: 'poison-1',
      shop_id: t.simShopId,
      timestamp: Math.floor(Date.now() / 1000),
      data: { message: 'expiring', expiration_time: 1e20 },
    };
    await p.admin
      .insertInto('webhook_inbox')
      .values({
        tenant_id: t.tenantId,
        shop_id: t.shopId,
        notification_id: 'poison-1',
        type: 7,
        payload: JSON.stringify(poison),
        received_at: new Date(Date.now() - 60_000),
      })
      .execute();
    const row = () =>
      p.admin
        .selectFrom('webhook_inbox')
        .select(['attempts', 'last_error', 'parked_at', 'processed_at', 'retry_at'])
        .where('notification_id', '=', 'poison-1')
        .executeTakeFirstOrThrow();
    const pauseElapses = () =>
      p.admin
        .updateTable('webhook_inbox')
        .set({ retry_at: null })
        .where('notification_id', '=', 'poison-1')
        .execute();

    const failedOnce = { claimed: 1, routed: 0, failed: 1, parked: 0 };
    for (let i = 1; i < INBOX_MAX_ATTEMPTS; i++) {
      const before = Date.now();
      expect(await dispatch()).toEqual(failedOnce);
      const r = await row();
      expect(r).toMatchObject({ attempts: i, parked_at: null });
      // Kept back for 10 s, 20 s, 40 s …: not claimed again before then.
      const pause = r.retry_at!.getTime() - before;
      expect(pause).toBeGreaterThanOrEqual(INBOX_RETRY_BASE_MS * 2 ** (i - 1) - 1000);
      expect(pause).toBeLessThanOrEqual(INBOX_RETRY_BASE_MS * 2 ** (i - 1) + 5000);
      expect(await dispatch()).toEqual({ claimed: 0, routed: 0, failed: 0, parked: 0 });
      await pauseElapses();
    }
    expect(await dispatch()).toEqual({ claimed: 1, routed: 0, failed: 0, parked: 1 });
    const parked = await row();
    expect(parked).toMatchObject({ attempts: INBOX_MAX_ATTEMPTS, processed_at: null });
    expect(parked.parked_at).toBeInstanceOf(Date);
    expect(parked.last_error).toMatch(/expiration_time/);
    // Parked: no longer retried.
    expect(await dispatch()).toEqual({ claimed: 0, routed: 0, failed: 0, parked: 0 });

    // Operators see it; a tenant's token is not an operator's, nor the other way round.
    const listed = await ops('ops.inbox.listParked', operatorToken);
    expect(listed.status).toBe(200);
    expect(listed.body.result?.data?.items).toEqual([
      expect.objectContaining({
        tenantId: t.tenantId,
        shopId: t.shopId,
        notificationId: 'poison-1',
        type: 7,
        attempts: INBOX_MAX_ATTEMPTS,
        lastError: expect.stringMatching(/expiration_time/),
      }),
    ]);
    expect((await ops('ops.inbox.listParked', t.apiToken)).status).toBe(401);
    const requeueAsTenant = await ops('ops.inbox.requeue', t.apiToken, {
      tenantId: t.tenantId,
      notificationId: 'poison-1',
    });
    expect(requeueAsTenant.status).toBe(401);
    expect((await ops('orders.list', operatorToken)).status).toBe(401);
    expect(await row()).toMatchObject({ attempts: INBOX_MAX_ATTEMPTS });

    // Requeued: eligible again, with a fresh count of attempts.
    const requeued = await ops('ops.inbox.requeue', operatorToken, {
      tenantId: t.tenantId,
      notificationId: 'poison-1',
    });
    expect(requeued).toEqual({ status: 200, body: { result: { data: { requeued: true } } } });
    expect(await row()).toMatchObject({ attempts: 0, parked_at: null, retry_at: null });
    expect((await ops('ops.inbox.listParked', operatorToken)).body.result?.data?.items).toEqual([]);
    expect(await dispatch()).toEqual(failedOnce);
    expect(await row()).toMatchObject({ attempts: 1, parked_at: null });
    // Requeuing what is not parked is refused.
    const again = await ops('ops.inbox.requeue', operatorToken, {
      tenantId: t.tenantId,
      notificationId: 'poison-1',
    });
    expect(again.status).toBe(404);
  });
});
