import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContractEnv, USPS, USPS_TRACKING } from './testing/contract-env.ts';

let env: Awaited<ReturnType<typeof startContractEnv>>;
beforeAll(async () => {
  env = await startContractEnv();
});
afterAll(() => env.close());

describe('client ↔ simulator contract: orders and fulfillment', () => {
  it('ships an order end to end: detail, providers, mark shipped, signed webhooks', async () => {
    const { shop, auth, tts } = await env.onboard();
    const created = env.sim.createOrder(shop.id, {
      items: [{ skuId: '1729384756102938476', quantity: 2 }],
    });
    const [order] = await tts.getOrderDetail(auth, [created.id]);
    expect(order?.status).toBe('AWAITING_SHIPMENT');
    expect(order?.line_items).toHaveLength(2); // one line item per unit
    expect(order?.recipient_address?.phone_number).toMatch(/^\(\+1\)/);
    expect(order?.rts_sla_time).toBe((order?.paid_time ?? 0) + 48 * 3600); // R-SLA-1

    const providers = await tts.getShippingProviders(auth, String(order?.delivery_option_id));
    expect(providers).toContainEqual({ id: USPS, name: 'USPS' });

    const res = await tts.markPackageShipped(auth, created.id, {
      trackingNumber: USPS_TRACKING,
      shippingProviderId: USPS,
    });
    expect(res.orderId).toBe(created.id);
    expect(res.orderLineItemIds.sort()).toEqual(created.lineItems.map((l) => l.id).sort());
    expect(env.sim.packages(created.id)).toEqual([
      expect.objectContaining({
        id: res.packageId,
        trackingNumber: USPS_TRACKING,
        shippingProviderId: USPS,
      }),
    ]);
    const [after] = await tts.getOrderDetail(auth, [created.id]);
    expect(after?.status).toBe('AWAITING_COLLECTION');
    expect(after?.line_items[0]?.tracking_number).toBe(USPS_TRACKING);

    await env.sim.webhooksIdle();
    const statuses = env.events
      .filter((e) => e.kind === 'order_status' && e.orderId === created.id)
      .map((e) => (e.kind === 'order_status' ? e.status : ''));
    expect(statuses).toEqual(['UNPAID', 'AWAITING_SHIPMENT', 'AWAITING_COLLECTION']);
    expect(env.stats.badSignatures).toBe(0);
  });

  it('delivers a cancellation as CANCEL on the wire, parsed as CANCELLED', async () => {
    const { shop } = await env.onboard();
    const o = env.sim.createOrder(shop.id);
    env.sim.cancel(o.id);
    await env.sim.webhooksIdle();
    const mine = env.events.filter((e) => 'orderId' in e && e.orderId === o.id);
    expect(mine.map((e) => e.kind)).toContain('cancellation');
    const last = mine.filter((e) => e.kind === 'order_status').at(-1);
    expect(last).toMatchObject({ kind: 'order_status', status: 'CANCELLED' });
  });

  it('reads a cancellation spelled CANCELLED, as the Order API spells it, the same way', async () => {
    const other = await startContractEnv({ webhookCancelStatus: 'CANCELLED' });
    try {
      const { shop } = await other.onboard();
      const o = other.sim.createOrder(shop.id);
      other.sim.cancel(o.id);
      await other.sim.webhooksIdle();
      const last = other.events
        .filter((e) => e.kind === 'order_status' && e.orderId === o.id)
        .at(-1);
      expect(last).toMatchObject({ kind: 'order_status', status: 'CANCELLED' });
    } finally {
      await other.close();
    }
  });

  it('rejects an invalid tracking number and a provider outside the delivery option', async () => {
    const { shop, auth, tts } = await env.onboard();
    const o = env.sim.createOrder(shop.id);
    await expect(
      tts.markPackageShipped(auth, o.id, { trackingNumber: '1Z999', shippingProviderId: USPS }),
    ).rejects.toMatchObject({ code: 'TTS_INVALID_TRACKING', ttsCode: 21011022 });
    await expect(
      tts.markPackageShipped(auth, o.id, {
        trackingNumber: USPS_TRACKING,
        shippingProviderId: '123',
      }),
    ).rejects.toMatchObject({ code: 'TTS_INVALID_TRACKING' });
    expect(env.sim.packages(o.id)).toEqual([]);
  });

  it('pages through searchOrders with an opaque cursor and filters', async () => {
    const { shop, auth, tts } = await env.onboard();
    const ids = new Set(Array.from({ length: 5 }, () => env.sim.createOrder(shop.id).id));
    env.sim.createOrder(shop.id, { paid: false });
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = await tts.searchOrders(auth, {
        pageSize: 2,
        pageToken,
        orderStatus: 'AWAITING_SHIPMENT',
      });
      expect(page.totalCount).toBe(5);
      seen.push(...page.orders.map((o) => String(o.id)));
      pageToken = page.nextPageToken || undefined;
      pages++;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(new Set(seen)).toEqual(ids);
    const unpaid = await tts.searchOrders(auth, { pageSize: 10, orderStatus: 'UNPAID' });
    expect(unpaid.orders).toHaveLength(1);
    expect(unpaid.orders[0]?.recipient_address).toBeUndefined(); // withheld while UNPAID
    await expect(tts.searchOrders(auth, { pageSize: 0 })).rejects.toThrow(RangeError);
  });

  it('updates shipping info within 72 h and refuses afterwards', async () => {
    const { shop, auth, tts } = await env.onboard();
    const o = env.sim.createOrder(shop.id);
    await tts.markPackageShipped(auth, o.id, {
      trackingNumber: USPS_TRACKING,
      shippingProviderId: USPS,
    });
    await tts.updateShippingInfo(auth, o.id, {
      trackingNumber: '9400111206206406260788',
      shippingProviderId: USPS,
    });
    expect(env.sim.packages(o.id)[0]?.trackingNumber).toBe('9400111206206406260788');
    env.sim.advance(73 * 3600_000);
    await expect(
      tts.updateShippingInfo(auth, o.id, {
        trackingNumber: USPS_TRACKING,
        shippingProviderId: USPS,
      }),
    ).rejects.toMatchObject({ code: 'TTS_BAD_REQUEST', ttsCode: 21011051 });
  });

  it('refuses getOrderDetail with more than 50 ids before calling TikTok', async () => {
    const { auth, tts } = await env.onboard();
    const ids = Array.from({ length: 51 }, (_, i) => String(i));
    await expect(tts.getOrderDetail(auth, ids)).rejects.toThrow(RangeError);
  });
});
