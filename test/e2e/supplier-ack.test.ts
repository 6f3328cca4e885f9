import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { orderWorkflowId } from '@switchyard/domain';
import { generateTrackingNumber, seededRng } from '@switchyard/domain/testing';
import { progressQuery } from '@switchyard/workflows';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';

/**
 * R-SLA-2: the partner API records a supplier's acknowledgement in the database before it tells
 * the order's workflow, which then runs no step of its own for it. The row is what counts: for
 * a repeat (handed to the workflow again), against the deadline's withdrawal (whichever commits
 * first wins), and against the dispatch call that has not returned yet. The supplier simulator
 * stays silent; the tests answer for the supplier.
 */
describe('a supplier’s acknowledgement, recorded by the partner API', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ supplierBehaviour: { mode: 'silent' } });
  });
  afterAll(async () => {
    await p?.close();
  });

  const rng = seededRng(9);
  const partner = (dispatchId: string, action: 'ack' | 'shipment', body: object) =>
    fetch(`${p.apiUrl}/partner/v1/dispatches/${dispatchId}/${action}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${p.partnerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const ack = (dispatchId: string) => partner(dispatchId, 'ack', { channel: 'USPS' });
  // The supplier prints the label before it reports the shipment (R-TRK-2).
  const ship = async (dispatchId: string) => {
    const trackingNumber = generateTrackingNumber('USPS', rng);
    await p.createLabel('USPS', trackingNumber);
    return partner(dispatchId, 'shipment', { tracking_number: trackingNumber, carrier: 'USPS' });
  };

  /** A new order, once its dispatch is with the supplier; `recorded`: the call's return too. */
  async function dispatched(recorded = true) {
    const t = p.tenants[0]!;
    const sim = p.tts.createOrder(t.simShopId);
    const handle = p.temporal.workflow.getHandle(orderWorkflowId(t.tenantId, t.shopId, sim.id));
    const d = await eventually(() =>
      p.admin
        .selectFrom('dispatches as d')
        .innerJoin('orders as o', 'o.id', 'd.order_id')
        .select(['d.id', 'd.order_id', 'o.status'])
        .where('o.platform_order_id', '=', sim.id)
        .executeTakeFirst()
        .then((r) => (r && (!recorded || r.status === 'dispatched') ? r : undefined)),
    );
    return { scope: { tenantId: t.tenantId, orderId: d.order_id, dispatchId: d.id }, handle };
  }
  const row = (dispatchId: string) =>
    p.admin
      .selectFrom('dispatches as d')
      .innerJoin('orders as o', 'o.id', 'd.order_id')
      .select(['d.status', 'o.status as orderStatus'])
      .where('d.id', '=', dispatchId)
      .executeTakeFirstOrThrow();
  const timeline = (orderId: string) =>
    p.admin
      .selectFrom('order_events')
      .select('kind')
      .where('order_id', '=', orderId)
      .where('kind', '!=', 'address_cleaned')
      .orderBy('id')
      .execute()
      .then((rows) => rows.map((r) => r.kind));
  /** The tenant was told this dispatch's supplier did not acknowledge in time. */
  const toldNoAck = (dispatchId: string) =>
    p.admin
      .selectFrom('notifications')
      .select('id')
      .where('dedupe_key', '=', `supplier_no_ack:${dispatchId}`)
      .execute()
      .then((rows) => rows.length === 1);
  /** What a version 4 workflow asks when its ack timer fires (R-SLA-2). */
  const atDeadline = (scope: { tenantId: string; orderId: string; dispatchId: string }) =>
    p.activities.withdrawDispatch({ ...scope, reason: 'ack_timeout', ifUnanswered: true });

  it('is recorded before the workflow takes it; the order goes on without a step for it', async () => {
    const d = await dispatched();
    const res = await ack(d.scope.dispatchId);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'acknowledged' });
    // Answered only once the database has it.
    expect(await row(d.scope.dispatchId)).toEqual({
      status: 'acknowledged',
      orderStatus: 'acknowledged',
    });
    expect(await d.handle.query(progressQuery)).toMatchObject({ phase: 'acknowledged' });
    // A repeat answers the same and records nothing more.
    expect(await (await ack(d.scope.dispatchId)).json()).toEqual({ status: 'acknowledged' });
    expect((await ship(d.scope.dispatchId)).status).toBe(202);
    expect(await d.handle.result()).toEqual({ status: 'completed' });
    expect(await timeline(d.scope.orderId)).toEqual([
      'received',
      'routed',
      'dispatched',
      'acknowledged',
      'tracking_pushed',
      'charged',
      'completed',
    ]);
    const history = await d.handle.fetchHistory();
    const activities = (history.events ?? []).flatMap((e) => {
      const type = e.activityTaskScheduledEventAttributes?.activityType?.name;
      return type ? [type] : [];
    });
    // Version 5 dispatches in a local activity: the push-back is the one activity task.
    expect(activities).toEqual(['pushTracking']);
  });

  it('is handed to the workflow again when repeated, so an update lost after the commit is not', async () => {
    const d = await dispatched();
    // What the partner API commits before it tells the workflow, by a process that then died.
    await p.admin
      .updateTable('dispatches')
      .set({ status: 'acknowledged', acked_at: new Date() })
      .where('id', '=', d.scope.dispatchId)
      .execute();
    expect(await d.handle.query(progressQuery)).toMatchObject({ phase: 'dispatched' });
    // The supplier, which never got its answer, retries.
    const res = await ack(d.scope.dispatchId);
    expect(await res.json()).toEqual({ status: 'acknowledged' });
    expect(await d.handle.query(progressQuery)).toMatchObject({ phase: 'acknowledged' });
    expect((await ship(d.scope.dispatchId)).status).toBe(202);
    expect(await d.handle.result()).toEqual({ status: 'completed' });
  });

  it('wins over the deadline’s withdrawal when it commits first, and a version 3 workflow’s own step then changes nothing', async () => {
    const d = await dispatched();
    expect((await ack(d.scope.dispatchId)).status).toBe(200);
    const before = await timeline(d.scope.orderId);
    expect(await atDeadline(d.scope)).toEqual({ kept: true });
    // What a version 3 workflow still running does once it takes the update.
    await p.activities.recordAck({ ...d.scope, channel: 'USPS' });
    expect(await row(d.scope.dispatchId)).toEqual({
      status: 'acknowledged',
      orderStatus: 'acknowledged',
    });
    expect(await timeline(d.scope.orderId)).toEqual(before);
    expect(await toldNoAck(d.scope.dispatchId)).toBe(false);
  });

  it('is refused when the deadline’s withdrawal commits first', async () => {
    const d = await dispatched();
    expect(await atDeadline(d.scope)).toEqual({ kept: false });
    const res = await ack(d.scope.dispatchId);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('DISPATCH_CLOSED');
    expect(await row(d.scope.dispatchId)).toEqual({
      status: 'withdrawn',
      orderStatus: 'dispatched',
    });
    expect(await timeline(d.scope.orderId)).toEqual([
      'received',
      'routed',
      'dispatched',
      'dispatch_withdrawn',
    ]);
    expect(await toldNoAck(d.scope.dispatchId)).toBe(true);
  });

  it('at the same moment as the withdrawal, exactly one of them takes the dispatch', async () => {
    const orders = [];
    for (let i = 0; i < 6; i++) orders.push(await dispatched());
    for (const d of orders) {
      const [res, { kept }] = await Promise.all([ack(d.scope.dispatchId), atDeadline(d.scope)]);
      expect([res.status, kept]).toEqual(kept ? [200, true] : [409, false]);
      expect((await row(d.scope.dispatchId)).status).toBe(kept ? 'acknowledged' : 'withdrawn');
      const kinds = await timeline(d.scope.orderId);
      expect(kinds.filter((k) => k === 'acknowledged' || k === 'dispatch_withdrawn')).toEqual([
        kept ? 'acknowledged' : 'dispatch_withdrawn',
      ]);
    }
  });

  it('that comes before the dispatch call has returned keeps the order acknowledged and its timeline in order', async () => {
    // A supplier endpoint that holds the dispatch until the test lets it answer.
    const held: ServerResponse[] = [];
    const endpoint = createServer((req, res) => {
      req.resume();
      held.push(res);
    });
    await new Promise<void>((r) => endpoint.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/dispatches`;
    const supplier = p.admin.updateTable('suppliers').where('id', '=', p.supplierId);
    const original = await p.admin
      .selectFrom('suppliers')
      .select('endpoint_url')
      .where('id', '=', p.supplierId)
      .executeTakeFirstOrThrow();
    await supplier.set({ endpoint_url: url }).execute();
    try {
      const d = await dispatched(false);
      await eventually(async () => held.length === 1);
      expect((await ack(d.scope.dispatchId)).status).toBe(200);
      held[0]!.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"accepted"}');
      await eventually(() =>
        p.admin
          .selectFrom('api_calls')
          .select('id')
          .where('order_id', '=', d.scope.orderId)
          .where('endpoint', '=', 'POST dispatch')
          .executeTakeFirst(),
      );
      expect(await row(d.scope.dispatchId)).toEqual({
        status: 'acknowledged',
        orderStatus: 'acknowledged',
      });
      expect(await timeline(d.scope.orderId)).toEqual([
        'received',
        'routed',
        'dispatched',
        'acknowledged',
      ]);
    } finally {
      await supplier.set({ endpoint_url: original.endpoint_url }).execute();
      for (const res of held) if (!res.writableEnded) res.end();
      endpoint.closeAllConnections();
      await new Promise((r) => endpoint.close(r));
    }
  });
});
