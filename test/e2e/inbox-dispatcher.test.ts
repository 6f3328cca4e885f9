import { randomUUID } from 'node:crypto';
import { createInboxDispatcher, type InboxDispatcher } from '@switchyard/api';
import { createDb } from '@switchyard/db';
import { orderWorkflowId } from '@switchyard/domain';
import { Client, Connection } from '@temporalio/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';
import { nowSec, orderNotification, postWebhook, signed } from './bad-input/helpers.ts';

/**
 * R-IN-1: the 200 depends on the inbox write alone, and the inbox dispatcher hands each stored
 * notification on exactly once, whatever Temporal does meanwhile: unreachable, slow, or
 * several api processes dispatching side by side.
 */
describe('inbox dispatcher', () => {
  let p: Platform;
  const running: InboxDispatcher[] = [];
  /** A dispatcher of this test's own, polling often since the route nudges the platform's. */
  const dispatcherOf = (...args: Parameters<typeof createInboxDispatcher>) => {
    const d = createInboxDispatcher(args[0], { pollMs: 20, ...args[1] });
    running.push(d);
    d.start();
    return d;
  };
  beforeAll(async () => {
    // Only the inbox may bring orders in: no reconciliation pass finds them behind its back.
    p = await startPlatform({ shopTiming: { reconcileIntervalMs: 60 * 60 * 1000 } });
    await p.dispatcher.stop();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((d) => d.stop()));
  });
  afterAll(async () => {
    await p?.close();
  });

  const inboxRow = (notificationId: string) =>
    p.admin
      .selectFrom('webhook_inbox')
      .select(['processed_at', 'attempts'])
      .where('notification_id', '=', notificationId)
      .executeTakeFirst();

  /** How many runs Temporal has of the order's workflow: more than one is a double start. */
  async function runsOf(orderId: string) {
    const t = p.tenants[0]!;
    const id = orderWorkflowId(t.tenantId, t.shopId, orderId);
    let runs = 0;
    for await (const _ of p.temporal.workflow.list({ query: `WorkflowId = '${id}'` })) runs++;
    return runs;
  }

  /** Stored entries of a topic that starts nothing, for dispatchers whose routing is faked. */
  async function storeEntries(n: number) {
    const t = p.tenants[0]!;
    const ids = Array.from({ length: n }, () => `n-${randomUUID()}`);
    await p.admin
      .insertInto('webhook_inbox')
      .values(
        ids.map((id) => ({
          tenant_id: t.tenantId,
          shop_id: t.shopId,
          notification_id: id,
          type: 99,
          payload: JSON.stringify({
            type: 99,
            tts_notification_id: id,
            shop_id: t.simShopId,
            timestamp: Math.floor(Date.now() / 1000),
            data: {},
          }),
        })),
      )
      .execute();
    return ids;
  }

  it('answers 200 while Temporal is unreachable, and starts the order once it is back', async () => {
    const t = p.tenants[0]!;
    p.tts.faults.dropWebhookRate = 1;
    const order = p.tts.createOrder(t.simShopId);
    // Nothing listens on port 1: every call fails UNAVAILABLE, as when Temporal is down.
    const down = Connection.lazy({ address: '127.0.0.1:1' });
    const deps = { ...p.apiDeps, temporal: new Client({ connection: down }) };
    // The client retries an unreachable server by itself; the deadline cuts each probe short.
    const dispatcher = dispatcherOf(deps, {
      routeTimeoutMs: 300,
      backoffMs: { initial: 50, max: 200 },
    });

    const n = orderNotification(t.simShopId, {
      data: { order_id: order.id, order_status: 'AWAITING_SHIPMENT', update_time: nowSec() },
    });
    const started = performance.now();
    const res = await postWebhook(p, n.raw, signed(n.raw));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'accepted' });
    expect(performance.now() - started).toBeLessThan(1000);
    // A retry of the marketplace while Temporal is still down is a duplicate.
    const again = await postWebhook(p, n.raw, signed(n.raw));
    expect(await again.json()).toEqual({ status: 'duplicate' });

    // Failing: the window halves down to one probe, paused between probes, each counted.
    await eventually(async () => dispatcher.pressure().window === 1);
    expect(dispatcher.pressure().backoffMs).toBeGreaterThan(0);
    expect((await inboxRow(n.payload.tts_notification_id))?.attempts).toBeGreaterThan(1);
    expect((await inboxRow(n.payload.tts_notification_id))?.processed_at).toBeNull();

    deps.temporal = p.temporal;
    await down.close();
    await eventually(async () => (await inboxRow(n.payload.tts_notification_id))?.processed_at);
    expect(await p.orderResult(t.tenantId, t.shopId, order.id)).toEqual({ status: 'completed' });
    expect(await runsOf(order.id)).toBe(1);
    expect(p.tts.packages(order.id)).toHaveLength(1);
    expect(dispatcher.pressure().backoffMs).toBe(0);
  });

  it('stores a notification sent many times at once once, and starts one workflow', async () => {
    const t = p.tenants[0]!;
    const order = p.tts.createOrder(t.simShopId);
    dispatcherOf(p.apiDeps);
    const n = orderNotification(t.simShopId, {
      data: { order_id: order.id, order_status: 'AWAITING_SHIPMENT', update_time: nowSec() },
    });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        postWebhook(p, n.raw, signed(n.raw)).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { status: string },
        })),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.status === 'accepted')).toHaveLength(1);
    expect(answers.filter((a) => a.body.status === 'duplicate')).toHaveLength(19);
    await eventually(async () => (await inboxRow(n.payload.tts_notification_id))?.processed_at);
    expect(await p.orderResult(t.tenantId, t.shopId, order.id)).toEqual({ status: 'completed' });
    expect(await runsOf(order.id)).toBe(1);
  });

  it('two api processes never hand the same entry on twice', async () => {
    const ids = await storeEntries(300);
    const handedOn: string[] = [];
    const byDispatcher = [0, 0];
    const ownPools = [createDb(p.databaseUrl, { max: 2 }), createDb(p.databaseUrl, { max: 2 })];
    try {
      for (const [i, db] of ownPools.entries())
        dispatcherOf({
          ...p.apiDeps,
          db,
          claimDb: db,
          route: async (_scope, event) => {
            await new Promise((r) => setTimeout(r, Math.random() * 5));
            handedOn.push(event.notificationId);
            byDispatcher[i]!++;
          },
        });
      await eventually(async () => {
        const left = await p.admin
          .selectFrom('webhook_inbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('notification_id', 'in', ids)
          .where('processed_at', 'is', null)
          .executeTakeFirstOrThrow();
        return Number(left.n) === 0;
      });
      await Promise.all(running.splice(0).map((d) => d.stop()));
    } finally {
      await Promise.all(ownPools.map((db) => db.destroy()));
    }
    expect(handedOn).toHaveLength(ids.length);
    expect(new Set(handedOn)).toEqual(new Set(ids));
    // Both took part: the claims really ran side by side.
    expect(byDispatcher.every((n) => n > 0)).toBe(true);
  });

  it('narrows its window while hand-ons fail or are slow, and widens it again', async () => {
    const ids = await storeEntries(200);
    let mode: 'down' | 'slow' | 'fine' = 'down';
    let inFlight = 0;
    const peak = { down: 0, slow: 0, fine: 0 };
    const calls = { down: 0, slow: 0, fine: 0 };
    const routed = new Map<string, number>();
    const dispatcher = dispatcherOf(
      {
        ...p.apiDeps,
        route: async (_scope, event) => {
          const m = mode;
          calls[m]++;
          peak[m] = Math.max(peak[m], ++inFlight);
          try {
            if (m === 'down')
              throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
            await new Promise((r) => setTimeout(r, m === 'slow' ? 120 : 1));
            routed.set(event.notificationId, (routed.get(event.notificationId) ?? 0) + 1);
          } finally {
            inFlight--;
          }
        },
      },
      { maxInFlight: 8, slowMs: 60, backoffMs: { initial: 50, max: 400 } },
    );
    expect(dispatcher.pressure().window).toBe(8);

    // Down: halved batch by batch down to one probe per pause, not the backlog again and again.
    await eventually(async () => dispatcher.pressure().window === 1);
    const probes = calls.down;
    await new Promise((r) => setTimeout(r, 1000));
    expect(calls.down - probes).toBeLessThanOrEqual(5);
    expect(dispatcher.pressure().backoffMs).toBeGreaterThan(0);
    expect(routed.size).toBe(0);

    // Slow: answers again, one at a time.
    mode = 'slow';
    await eventually(async () => routed.size >= 6);
    expect(peak.slow).toBe(1);
    expect(dispatcher.pressure()).toEqual({ window: 1, backoffMs: 0 });

    // Fine again: the window grows back, and every entry was handed on exactly once.
    mode = 'fine';
    await eventually(async () => routed.size === ids.length);
    expect(dispatcher.pressure().window).toBe(8);
    expect(peak.fine).toBeGreaterThan(1);
    expect(peak.fine).toBeLessThanOrEqual(8);
    expect([...routed.values()].every((n) => n === 1)).toBe(true);
  });

  it('yields to a busy intake without ever stopping, and catches up once it is quiet', async () => {
    const ids = await storeEntries(100);
    let busy = true;
    let inFlight = 0;
    let peak = 0;
    const routed = new Map<string, number>();
    dispatcherOf(
      {
        ...p.apiDeps,
        intakeBusy: () => busy,
        route: async (_scope, event) => {
          peak = Math.max(peak, ++inFlight);
          await new Promise((r) => setTimeout(r, 1));
          routed.set(event.notificationId, (routed.get(event.notificationId) ?? 0) + 1);
          inFlight--;
        },
      },
      { maxInFlight: 4, yieldMs: 200 },
    );
    // Busy: one hand-on every 200 ms; unhindered, all 100 take about 0.1 s.
    await eventually(async () => routed.size > 0);
    await new Promise((r) => setTimeout(r, 1000));
    expect(routed.size).toBeGreaterThan(1);
    expect(routed.size).toBeLessThanOrEqual(8);
    expect(peak).toBe(1);

    busy = false;
    await eventually(async () => routed.size === ids.length);
    expect([...routed.values()].every((n) => n === 1)).toBe(true);
  });
});
