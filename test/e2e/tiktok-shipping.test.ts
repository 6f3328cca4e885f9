import { upsertSupplierRates, withSupplier, withTenant } from '@switchyard/db';
import { orderWorkflowId } from '@switchyard/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';
import { trpc } from '../harness/walking-skeleton.ts';

type Page = {
  items: Array<{
    dispatch_id: string;
    status: string;
    delivery: { label?: { url: string; tracking_number: string } } | null;
  }>;
};

/**
 * Issue 10 item 7, R-CHK-3: an order whose shipping type is TIKTOK ships on the platform's
 * label. The platform buys it from the TikTok Shop simulator over HTTP, the supplier prints it
 * from the partner API and ships, and the marketplace is told by Ship Package.
 */
describe('TikTok Shipping: the platform buys the label, the supplier prints it', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
    // Factory A prints platform labels: the channel is one it serves (R-CHK-3, R-RT-1).
    await p.admin
      .updateTable('suppliers')
      .set({ carriers: sql<string[]>`array_append(carriers, 'TIKTOK_SHIPPING')` })
      .where('id', '=', p.supplierId)
      .execute();
    await withSupplier(p.db, p.supplierId, (trx) =>
      upsertSupplierRates(trx, p.supplierId, [
        { country: 'US', carrier: 'TIKTOK_SHIPPING', parcelCostMinor: 0 },
      ]),
    );
  });
  afterAll(async () => {
    await p?.close();
  });

  const t = () => p.tenants[0]!;
  const partner = (key: string, path: string, init: RequestInit = {}) =>
    fetch(`${p.apiUrl}/partner/v1${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
  const orderRow = (platformOrderId: string) =>
    withTenant(p.db, t().tenantId, (trx) =>
      trx
        .selectFrom('orders')
        .select(['id', 'status', 'holds'])
        .where('platform_order_id', '=', platformOrderId)
        .executeTakeFirst(),
    );

  it('one label per order: bought, printed by the supplier, shipped by Ship Package', async () => {
    const sim = p.tts.createOrder(t().simShopId, { shippingType: 'TIKTOK' });
    expect(await p.orderResult(t().tenantId, t().shopId, sim.id)).toEqual({ status: 'completed' });

    const [pkg, ...more] = p.tts.labelPackages(sim.id);
    expect(more).toEqual([]);
    expect(pkg).toMatchObject({ handoverMethod: 'DROP_OFF' });
    expect(p.tts.getOrder(sim.id)?.status).toBe('AWAITING_COLLECTION');

    // The supplier printed the label the platform keeps, and shipped under its number.
    const printed = p.supplier.printed().filter((l) => l.trackingNumber === pkg!.trackingNumber);
    expect(printed).toHaveLength(1);
    expect(printed[0]!.status).toBe(200);
    expect(Buffer.from(printed[0]!.bytes!).subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.from(printed[0]!.bytes!).toString()).toContain(pkg!.trackingNumber);

    const order = (await trpc(p, t().apiToken).orders.list.query({})).items.find(
      (o) => o.orderNumber === sim.id,
    )!;
    expect(order).toMatchObject({ status: 'completed', trackingNumber: pkg!.trackingNumber });
    const kinds = order.timeline.map((e) => e.kind);
    expect(kinds.indexOf('label_purchased')).toBeGreaterThanOrEqual(0);
    expect(kinds.indexOf('label_purchased')).toBeLessThan(kinds.indexOf('dispatched'));
    expect(kinds).toContain('tracking_pushed');

    // A retried purchase (a label row lost to a crash) takes the marketplace's package: no second one.
    const row = (await orderRow(sim.id))!;
    await withTenant(p.db, t().tenantId, (trx) =>
      trx.deleteFrom('order_labels').where('order_id', '=', row.id).execute(),
    );
    expect(await p.activities.recheckOrder({ tenantId: t().tenantId, orderId: row.id })).toEqual(
      [],
    );
    expect(p.tts.labelPackages(sim.id)).toHaveLength(1);
    const again = await withTenant(p.db, t().tenantId, (trx) =>
      trx.selectFrom('order_labels').select(['package_id', 'tracking_number']).executeTakeFirst(),
    );
    expect(again).toEqual({ package_id: pkg!.id, tracking_number: pkg!.trackingNumber });
  });

  it('only the supplier the dispatch is addressed to gets the label', async () => {
    const sim = p.tts.createOrder(t().simShopId, { shippingType: 'TIKTOK' });
    await p.orderResult(t().tenantId, t().shopId, sim.id);
    const dispatchId = p.supplier.received().find((r) => r.orderNumber === sim.id)!.dispatchId;

    const own = await partner(p.partnerKey, `/dispatches/${dispatchId}/label`);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('application/pdf');
    expect(own.headers.get('cache-control')).toContain('no-store');

    const other = await p.registerIdleSupplier('label-thief');
    const stolen = await partner(other.partnerKey, `/dispatches/${dispatchId}/label`);
    expect(stolen.status).toBe(404);
    expect(await stolen.json()).toMatchObject({ error: { code: 'DISPATCH_NOT_FOUND' } });
    for (const id of ['d_nope', '%00', 'x'.repeat(300)]) {
      expect((await partner(p.partnerKey, `/dispatches/${id}/label`)).status).toBe(404);
    }
    expect((await partner('sy_pk_forged', `/dispatches/${dispatchId}/label`)).status).toBe(401);

    // Shipped, the dispatch is closed: the listing no longer carries its delivery (R-ONB-3),
    // while its own supplier can still print the label (a damaged one is reprinted).
    const listed = (await (await partner(p.partnerKey, '/dispatches?limit=100')).json()) as Page;
    expect(listed.items.find((i) => i.dispatch_id === dispatchId)).toMatchObject({
      status: 'shipped',
      delivery: null,
    });
  });

  it('a supplier ships without typing a number; a number other than the label’s is refused', async () => {
    p.supplier.behaviour.mode = 'no_tracking';
    try {
      const sim = p.tts.createOrder(t().simShopId, { shippingType: 'TIKTOK' });
      const received = await eventually(async () =>
        p.supplier.received().find((r) => r.orderNumber === sim.id),
      );
      const id = received.dispatchId;
      // The pull listing shows the open dispatch with its label, as the push did.
      const label = await eventually(async () => {
        const page = (await (await partner(p.partnerKey, '/dispatches?limit=100')).json()) as Page;
        return page.items.find((i) => i.dispatch_id === id)?.delivery?.label;
      });
      expect(label.url).toBe(`${p.apiUrl}/partner/v1/dispatches/${id}/label`);
      expect(label.tracking_number).toBe(p.tts.labelPackages(sim.id)[0]!.trackingNumber);

      const wrong = await partner(p.partnerKey, `/dispatches/${id}/shipment`, {
        method: 'POST',
        body: JSON.stringify({ tracking_number: '9400111206206406260787', carrier: 'USPS' }),
      });
      expect(wrong.status).toBe(422);
      expect(await wrong.json()).toMatchObject({ error: { code: 'TRACKING_NOT_LABEL' } });

      const shipped = await eventually(async () => {
        const r = await partner(p.partnerKey, `/dispatches/${id}/shipment`, {
          method: 'POST',
          body: JSON.stringify({}),
        });
        return r.status === 202 || r.status === 200 ? r : undefined;
      });
      expect(shipped.status).toBe(202);
      expect(await p.orderResult(t().tenantId, t().shopId, sim.id)).toEqual({
        status: 'completed',
      });
      expect(p.tts.getOrder(sim.id)?.status).toBe('AWAITING_COLLECTION');
      expect(p.tts.labelPackages(sim.id)).toHaveLength(1);

      // A seller-shipped order has no label: none to print, and its number is required.
      const seller = p.tts.createOrder(t().simShopId);
      const sellerDispatch = (
        await eventually(async () => p.supplier.received().find((r) => r.orderNumber === seller.id))
      ).dispatchId;
      const noLabel = await partner(p.partnerKey, `/dispatches/${sellerDispatch}/label`);
      expect(noLabel.status).toBe(404);
      expect(await noLabel.json()).toMatchObject({ error: { code: 'LABEL_NOT_FOUND' } });
      const untyped = await partner(p.partnerKey, `/dispatches/${sellerDispatch}/shipment`, {
        method: 'POST',
        body: JSON.stringify({ carrier: 'USPS' }),
      });
      expect(untyped.status).toBe(422);
      expect(await untyped.json()).toMatchObject({ error: { code: 'TRACKING_REQUIRED' } });
    } finally {
      p.supplier.behaviour.mode = 'normal';
    }
  });

  it('a supplier working by files ships a labelled order with an answer file', async () => {
    p.supplier.behaviour.mode = 'no_tracking';
    try {
      const sim = p.tts.createOrder(t().simShopId, { shippingType: 'TIKTOK' });
      const id = (
        await eventually(async () => p.supplier.received().find((r) => r.orderNumber === sim.id))
      ).dispatchId;
      const number = p.tts.labelPackages(sim.id)[0]!.trackingNumber;
      const res = await fetch(`${p.apiUrl}/partner/v1/files?name=answers.csv`, {
        method: 'POST',
        headers: { authorization: `Bearer ${p.partnerKey}`, 'content-type': 'text/csv' },
        body: [
          'dispatch_id,action,expected_ship_at,carrier,tracking_number,reason',
          `${id},ship,,TikTok Shipping,${number},`,
        ].join('\r\n'),
      });
      expect(await res.json()).toMatchObject({ applied: 1, refused: 0 });
      expect(await p.orderResult(t().tenantId, t().shopId, sim.id)).toEqual({
        status: 'completed',
      });
      expect(p.tts.labelPackages(sim.id)).toEqual([
        expect.objectContaining({ handoverMethod: 'DROP_OFF' }),
      ]);
    } finally {
      p.supplier.behaviour.mode = 'normal';
    }
  });

  it('no service on offer: held with LABEL_NO_SERVICE, not lost; a re-check buys it', async () => {
    p.tts.faults.noShippingService = true;
    const sim = p.tts.createOrder(t().simShopId, { shippingType: 'TIKTOK' });
    try {
      const held = await eventually(async () => {
        const row = await orderRow(sim.id);
        return row?.status === 'on_hold' ? row : undefined;
      });
      expect((held.holds as Array<{ code: string }>).map((h) => h.code)).toEqual([
        'LABEL_NO_SERVICE',
      ]);
      expect(p.tts.labelPackages(sim.id)).toEqual([]);
      expect(p.supplier.received().some((r) => r.orderNumber === sim.id)).toBe(false);
    } finally {
      p.tts.faults.noShippingService = false;
    }
    const row = (await orderRow(sim.id))!;
    await trpc(p, t().apiToken).orders.recheck.mutate({ id: row.id });
    expect(await p.orderResult(t().tenantId, t().shopId, sim.id)).toEqual({ status: 'completed' });
    expect(p.tts.labelPackages(sim.id)).toHaveLength(1);
    // The workflow is where it was: one run, no second package through its history.
    const handle = p.temporal.workflow.getHandle(orderWorkflowId(t().tenantId, t().shopId, sim.id));
    expect((await handle.describe()).status.name).toBe('COMPLETED');
  });

  it('a rate-limited marketplace slows the purchase down, never doubles it', async () => {
    p.tts.faults.rateLimit = { perSecond: 8, burst: 3 };
    try {
      const sims = [1, 2, 3].map(() =>
        p.tts.createOrder(t().simShopId, { shippingType: 'TIKTOK' }),
      );
      for (const s of sims) {
        expect(await p.orderResult(t().tenantId, t().shopId, s.id, 120_000)).toEqual({
          status: 'completed',
        });
        expect(p.tts.labelPackages(s.id)).toHaveLength(1);
      }
      // The limit was hit on the label calls themselves, and waited out.
      const limited = await p.admin
        .selectFrom('api_calls')
        .select('endpoint')
        .where('http_status', '=', 429)
        .where('endpoint', 'like', '%/fulfillment/%')
        .execute();
      expect(limited.length).toBeGreaterThan(0);
    } finally {
      p.tts.faults.rateLimit = undefined;
    }
  }, 180_000);
});
