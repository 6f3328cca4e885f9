import type { AppRouter } from '@switchyard/api';
import { DEFAULT_FULFILLMENT_POLICY } from '@switchyard/domain';
import { generateTrackingNumber, seededRng } from '@switchyard/domain/testing';
import {
  createShipmentActivities,
  firstScanSweepProgressQuery,
  startFirstScanSweep,
} from '@switchyard/workflows';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';

// R-TRK-2: the carrier must know a number ("Label Created") before it is pushed back; R-SLA-1:
// a parcel with no first scan within the window alerts the tenant and reminds the supplier,
// once. Everything over HTTP: TikTok Shop, supplier and carrier simulators.

let p: Platform;
const trpc = (token: string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({ url: `${p.apiUrl}/trpc`, headers: { authorization: `Bearer ${token}` } }),
    ],
  });

beforeAll(async () => {
  // Labels stay "created" for an hour: no parcel is scanned unless a test says so.
  p = await startPlatform({ carrierBehaviour: { firstScanAfterMs: 3_600_000 } });
});
afterAll(async () => {
  await p?.close();
});

const control = (path: string, body: unknown) =>
  fetch(`${p.carrier.url}/__control/${path}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function orderOf(platformOrderId: string) {
  const t = p.tenants[0]!;
  return eventually(async () => {
    const items = (await trpc(t.apiToken).orders.list.query({})).items;
    return items.find((o) => o.orderNumber === platformOrderId);
  });
}

async function completedOrder() {
  const t = p.tenants[0]!;
  const sim = p.tts.createOrder(t.simShopId);
  expect(await p.orderResult(t.tenantId, t.shopId, sim.id)).toEqual({ status: 'completed' });
  const order = await orderOf(sim.id);
  return { sim, order, detail: await trpc(t.apiToken).orders.get.query({ id: order.id }) };
}

describe('carrier check before push-back (R-TRK-2)', () => {
  it('pushes a number whose label the carrier knows, and puts the parcel on the first-scan watch', async () => {
    const { sim, order, detail } = await completedOrder();
    const [pkg] = p.tts.packages(sim.id);
    expect(pkg).toBeDefined();
    const pushed = detail.timeline.find((e) => e.kind === 'tracking_pushed');
    expect(pushed?.detail).toMatchObject({
      trackingNumber: pkg!.trackingNumber,
      carrierStatus: 'label_created',
    });
    const diagnosis = await trpc(p.tenants[0]!.apiToken).orders.diagnose.query({ id: order.id });
    expect(diagnosis.calls).toContainEqual(
      expect.objectContaining({
        target: 'carrier:USPS',
        endpoint: 'GET tracking',
        httpStatus: 200,
      }),
    );
    const watched = await p.admin
      .selectFrom('shipments')
      .select(['tracking_number', 'carrier', 'carrier_status', 'first_scan_at', 'alerted_at'])
      .where('order_id', '=', order.id)
      .execute();
    expect(watched).toEqual([
      {
        tracking_number: pkg!.trackingNumber,
        carrier: 'USPS',
        carrier_status: 'label_created',
        first_scan_at: null,
        alerted_at: null,
      },
    ]);
  });

  it('refuses a well-formed number the carrier never issued, asks the supplier, and pushes the labelled one it sends', async () => {
    Object.assign(p.supplier.behaviour, {
      mode: 'unlabelled_tracking',
      onTrackingRejected: 'reship',
    });
    try {
      const t = p.tenants[0]!;
      const sim = p.tts.createOrder(t.simShopId);
      expect(await p.orderResult(t.tenantId, t.shopId, sim.id)).toEqual({ status: 'completed' });
      const shipped = p.supplier
        .shipped()
        .filter((s) => s.dispatchId === p.supplier.shipped().at(-1)!.dispatchId);
      expect(shipped).toHaveLength(2);
      const [made, real] = [shipped[0]!.trackingNumber, shipped[1]!.trackingNumber];

      // Only the labelled number reached the marketplace; the shop has no strike.
      expect(p.tts.packages(sim.id).map((x) => x.trackingNumber)).toEqual([real]);
      expect(p.tts.shopPenalty(t.simShopId)).toMatchObject({ consecutive: 0, total: 0 });
      const order = await orderOf(sim.id);
      const client = trpc(t.apiToken);
      const { timeline } = await client.orders.get.query({ id: order.id });
      expect(timeline.filter((e) => e.kind === 'tracking_rejected')).toEqual([
        expect.objectContaining({
          detail: expect.objectContaining({
            code: 'TRACKING_UNKNOWN_TO_CARRIER',
            trackingNumber: made,
          }),
        }),
      ]);
      // The supplier was told, once, which number and why.
      expect(p.supplier.notices().filter((n) => n.trackingNumber === made)).toEqual([
        expect.objectContaining({ type: 'tracking.rejected', deliveries: 1 }),
      ]);
      const { calls } = await client.orders.diagnose.query({ id: order.id });
      expect(calls).toContainEqual(
        expect.objectContaining({
          target: 'carrier:USPS',
          httpStatus: 404,
          code: 'TRACKING_NOT_FOUND',
        }),
      );
      expect(calls).toContainEqual(
        expect.objectContaining({ endpoint: 'POST notice tracking.rejected', httpStatus: 200 }),
      );
    } finally {
      Object.assign(p.supplier.behaviour, { mode: 'normal', onTrackingRejected: 'ignore' });
    }
  });

  it('waits out a carrier outage and pushes once the carrier answers again', async () => {
    expect((await control('behaviour', { failMode: 'unavailable' })).status).toBe(200);
    const t = p.tenants[0]!;
    const sim = p.tts.createOrder(t.simShopId);
    try {
      // The push-back asked, was turned away, and holds the number back.
      await eventually(async () =>
        p.carrier.requests().some((r) => r.status === 503 && r.path.startsWith('/v1/trackings/')),
      );
      const order = await orderOf(sim.id);
      await eventually(async () => {
        const { calls } = await trpc(t.apiToken).orders.diagnose.query({ id: order.id });
        return calls.some((c) => c.code === 'CARRIER_UNAVAILABLE');
      });
      expect(p.tts.packages(sim.id)).toEqual([]);
    } finally {
      expect((await control('behaviour', { failMode: 'none' })).status).toBe(200);
    }
    expect(await p.orderResult(t.tenantId, t.shopId, sim.id)).toEqual({ status: 'completed' });
    expect(p.tts.packages(sim.id)).toHaveLength(1);
    const order = await orderOf(sim.id);
    const { timeline } = await trpc(t.apiToken).orders.get.query({ id: order.id });
    // Confirmed by the carrier in the end: no note of a push on the format alone.
    expect(timeline.map((e) => e.kind)).not.toContain('carrier_check_skipped');
    expect(timeline.filter((e) => e.kind === 'tracking_pushed')).toHaveLength(1);
  });

  it('past the grace, pushes on the format check alone and says so on the timeline', async () => {
    // The supplier acknowledges and never ships; the test ships for it while the carrier is down.
    p.supplier.behaviour.mode = 'no_tracking';
    const t = p.tenants[0]!;
    const sim = p.tts.createOrder(t.simShopId);
    const dispatch = await eventually(async () => {
      const order = await orderOf(sim.id);
      const row = await p.admin
        .selectFrom('dispatches')
        .select(['id', 'order_id'])
        .where('order_id', '=', order.id)
        .where('status', '=', 'acknowledged')
        .executeTakeFirst();
      return row;
    });
    p.supplier.behaviour.mode = 'normal';
    const number = generateTrackingNumber('USPS', seededRng(77), { format: 'USPS_IMPB' });
    expect((await control('behaviour', { failMode: 'unavailable' })).status).toBe(200);
    try {
      // The activity as the worker runs it, with the grace of a policy shortened to nothing.
      const pushed = await p.activities.pushTracking({
        tenantId: t.tenantId,
        orderId: dispatch.order_id,
        dispatchId: dispatch.id,
        trackingNumber: number,
        carrier: 'USPS',
        policy: { ...DEFAULT_FULFILLMENT_POLICY, carrierCheckGraceMs: 0 },
        finish: true,
      });
      expect(pushed).toEqual({ ok: true, remainingUnits: 0 });
    } finally {
      expect((await control('behaviour', { failMode: 'none' })).status).toBe(200);
    }
    expect(p.tts.packages(sim.id).map((x) => x.trackingNumber)).toEqual([number]);
    const { timeline } = await trpc(t.apiToken).orders.get.query({ id: dispatch.order_id });
    expect(timeline.find((e) => e.kind === 'carrier_check_skipped')?.detail).toMatchObject({
      rule: 'R-TRK-2',
      trackingNumber: number,
      code: 'CARRIER_UNAVAILABLE',
    });
    expect(timeline.find((e) => e.kind === 'tracking_pushed')?.detail).toMatchObject({
      carrierStatus: null,
    });
  });
});

describe('first-scan watch (R-SLA-1)', () => {
  it('never alerts blind: with the carrier down a pass asks, stops and alerts nobody', async () => {
    const client = trpc(p.tenants[0]!.apiToken);
    const due = await p.admin.selectFrom('shipments').select('order_id').execute();
    expect(due.length).toBeGreaterThan(0);
    expect((await control('behaviour', { failMode: 'unavailable' })).status).toBe(200);
    try {
      const sweep = createShipmentActivities(p.workerDeps);
      expect(await sweep.sweepFirstScans({ firstScanWindowMs: 1 })).toEqual({
        checked: 0,
        scanned: 0,
        alerted: 0,
        carrierError: 'CARRIER_UNAVAILABLE',
      });
    } finally {
      expect((await control('behaviour', { failMode: 'none' })).status).toBe(200);
    }
    const items = (await client.notifications.list.query({})).items;
    expect(items.filter((n) => n.kind === 'first_scan_missing')).toEqual([]);
    expect(p.supplier.notices().filter((n) => n.type === 'shipment.first_scan_missing')).toEqual(
      [],
    );
  });

  it('alerts the tenant and reminds the supplier once for a parcel never scanned; a scanned one is recorded, not alerted', async () => {
    const t = p.tenants[0]!;
    const client = trpc(t.apiToken);
    const lost = await completedOrder();
    const moving = await completedOrder();
    const lostNumber = p.tts.packages(lost.sim.id)[0]!.trackingNumber;
    const movingNumber = p.tts.packages(moving.sim.id)[0]!.trackingNumber;
    // The carrier scans one parcel; the other is never scanned.
    expect((await control(`labels/USPS/${movingNumber}`, { scan: 'now' })).status).toBe(200);

    // Inside the 72-hour window nothing is due.
    const sweep = createShipmentActivities(p.workerDeps);
    expect(
      await sweep.sweepFirstScans({
        firstScanWindowMs: DEFAULT_FULFILLMENT_POLICY.firstScanWindowMs,
      }),
    ).toEqual({ checked: 0, scanned: 0, alerted: 0 });

    // The sweep as it runs in production, with the window shortened.
    const workflowId = `first-scan-sweep-${p.taskQueue}`;
    await startFirstScanSweep(p.temporal, {
      intervalMs: 200,
      firstScanWindowMs: 1,
      taskQueue: p.taskQueue,
      workflowId,
    });
    const handle = p.temporal.workflow.getHandle(workflowId);
    try {
      const alerted = await eventually(async () => {
        const items = (await client.notifications.list.query({})).items;
        return (
          items.filter((n) => n.kind === 'first_scan_missing' && n.message.includes(lostNumber))
            .length > 0 && items
        );
      });
      // Two more full passes after the alert: nothing is alerted or reminded again.
      const seen = (await handle.query(firstScanSweepProgressQuery)).passes;
      await eventually(
        async () => (await handle.query(firstScanSweepProgressQuery)).passes >= seen + 2,
      );
      const items = (await client.notifications.list.query({})).items;
      expect(
        items.filter((n) => n.kind === 'first_scan_missing' && n.message.includes(lostNumber)),
      ).toHaveLength(1);
      expect(items.filter((n) => n.message.includes(movingNumber))).toEqual([]);
      expect(alerted.length).toBeGreaterThan(0);

      const lostDispatch = p.supplier
        .shipped()
        .find((s) => s.trackingNumber === lostNumber)!.dispatchId;
      expect(p.supplier.notices().filter((n) => n.dispatchId === lostDispatch)).toEqual([
        expect.objectContaining({
          type: 'shipment.first_scan_missing',
          trackingNumber: lostNumber,
          deliveries: 1,
        }),
      ]);
      expect(p.supplier.notices().filter((n) => n.trackingNumber === movingNumber)).toEqual([]);

      const lostTimeline = (await client.orders.get.query({ id: lost.order.id })).timeline;
      expect(lostTimeline.filter((e) => e.kind === 'first_scan_missing')).toEqual([
        expect.objectContaining({
          detail: expect.objectContaining({
            rule: 'R-SLA-1',
            carrierStatus: 'label_created',
            supplierNotice: 'sent',
          }),
        }),
      ]);
      const movingTimeline = (await client.orders.get.query({ id: moving.order.id })).timeline;
      expect(movingTimeline.map((e) => e.kind)).toContain('first_scan_recorded');
      expect(movingTimeline.map((e) => e.kind)).not.toContain('first_scan_missing');
      const rows = await p.admin
        .selectFrom('shipments')
        .select(['tracking_number', 'carrier_status', 'first_scan_at', 'alerted_at'])
        .where('tracking_number', 'in', [lostNumber, movingNumber])
        .execute();
      const byNumber = Object.fromEntries(rows.map((r) => [r.tracking_number, r]));
      expect(byNumber[movingNumber]).toMatchObject({
        carrier_status: 'in_transit',
        alerted_at: null,
      });
      expect(byNumber[movingNumber]!.first_scan_at).toBeInstanceOf(Date);
      expect(byNumber[lostNumber]).toMatchObject({
        carrier_status: 'label_created',
        first_scan_at: null,
      });
      expect(byNumber[lostNumber]!.alerted_at).toBeInstanceOf(Date);
    } finally {
      await handle.terminate('test over').catch(() => {});
    }
  });
});
