import { generateTrackingNumber, seededRng } from '@switchyard/domain/testing';
import { SIM_PRODUCTS } from '@switchyard/sim-tiktok-shop';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';

/** R-TRK-*: a supplier ships an order in two packages; each goes back with its own line items. */
describe('split shipments', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ supplierBehaviour: { mode: 'no_tracking', ackDelayMs: 10 } });
  });
  afterAll(async () => {
    await p?.close();
  });

  const rng = seededRng(3);
  // The supplier prints each label before it reports the package (R-TRK-2).
  const ship = async (dispatchId: string, body: Record<string, unknown>) => {
    await p.createLabel('USPS', String(body.tracking_number));
    return fetch(`${p.apiUrl}/partner/v1/dispatches/${dispatchId}/shipment`, {
      method: 'POST',
      headers: { authorization: `Bearer ${p.partnerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  };

  it('pushes each package with its line items and completes when the last one is pushed', async () => {
    const t = p.tenants[0]!;
    const [a, b] = [SIM_PRODUCTS[0]!.skus[0]!, SIM_PRODUCTS[1]!.skus[0]!];
    const order = p.tts.createOrder(t.simShopId, {
      items: [
        { skuId: a.skuId, sellerSku: a.sellerSku, quantity: 2 },
        { skuId: b.skuId, sellerSku: b.sellerSku, quantity: 1 },
      ],
    });
    const dispatch = await eventually(() =>
      p.admin
        .selectFrom('dispatches')
        .selectAll()
        .where('status', '=', 'acknowledged')
        .executeTakeFirst(),
    );

    const first = generateTrackingNumber('USPS', rng);
    const r1 = await ship(dispatch.id, {
      tracking_number: first,
      carrier: 'USPS',
      lines: [{ sku_code: `SUP-${a.sellerSku}`, quantity: 2 }],
    });
    expect(r1.status).toBe(202);
    await eventually(async () => p.tts.packages(order.id).length === 1);
    expect(p.tts.packages(order.id)[0]!.orderLineItemIds).toHaveLength(2);
    // The package reaches the marketplace before the step that pushed it records it.
    await eventually(async () => {
      const mid = await p.admin.selectFrom('orders').select('status').executeTakeFirstOrThrow();
      return mid.status === 'partially_shipped';
    });
    expect(await p.admin.selectFrom('ledger_entries').select('id').execute()).toHaveLength(0);

    // The supplier retries the first package: no second package appears.
    expect(
      (
        await ship(dispatch.id, {
          tracking_number: first,
          carrier: 'USPS',
          lines: [{ sku_code: `SUP-${a.sellerSku}`, quantity: 2 }],
        })
      ).status,
    ).toBe(202);
    // A package of an item the order does not have is refused on the timeline, nothing pushed.
    await ship(dispatch.id, {
      tracking_number: generateTrackingNumber('USPS', rng),
      carrier: 'USPS',
      lines: [{ sku_code: 'SUP-NOT-IN-ORDER', quantity: 1 }],
    });

    const second = generateTrackingNumber('USPS', rng);
    expect((await ship(dispatch.id, { tracking_number: second, carrier: 'USPS' })).status).toBe(
      202,
    );
    expect(await p.orderResult(t.tenantId, t.shopId, order.id)).toEqual({ status: 'completed' });
    const pkgs = p.tts.packages(order.id);
    expect(pkgs.map((x) => x.trackingNumber)).toEqual([first, second]);
    expect(pkgs.map((x) => x.orderLineItemIds.length)).toEqual([2, 1]);
    expect(p.tts.getOrder(order.id)!.status).toBe('AWAITING_COLLECTION');
    expect(await p.admin.selectFrom('ledger_entries').select('id').execute()).toHaveLength(1);
    const kinds = (
      await p.admin.selectFrom('order_events').select(['kind', 'detail']).orderBy('id').execute()
    ).map((e) => e.kind);
    expect(kinds).toContain('tracking_rejected');
  });
});
