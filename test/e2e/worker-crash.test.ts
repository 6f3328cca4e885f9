import { orderWorkflowId } from '@switchyard/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';

/** "Nothing lost": a worker that dies mid-flight is replaced and every order still finishes once. */
describe('worker replaced mid-flight', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ supplierBehaviour: { ackDelayMs: 400, shipDelayMs: 800 } });
  });
  afterAll(async () => {
    await p?.close();
  });

  it('orders dispatched before the worker stopped complete after a new one starts', async () => {
    const t = p.tenants[0]!;
    const orders = Array.from({ length: 5 }, () => p.tts.createOrder(t.simShopId));
    // Stop the worker as soon as every order is at its supplier: acks and tracking arrive while
    // no worker runs, and wait in Temporal until one is back.
    await eventually(
      async () =>
        (await p.admin.selectFrom('dispatches').select('id').execute()).length === orders.length,
    );
    await p.stopWorker();
    await new Promise((r) => setTimeout(r, 1500));
    await p.startWorker();

    for (const o of orders) {
      const result = await p.temporal.workflow
        .getHandle(orderWorkflowId(t.tenantId, t.shopId, o.id))
        .result();
      expect(result).toEqual({ status: 'completed' });
      expect(p.tts.packages(o.id)).toHaveLength(1);
    }
    const ledger = await p.admin
      .selectFrom('ledger_entries')
      .select('order_id')
      .where('kind', '=', 'order_fee')
      .execute();
    expect(ledger).toHaveLength(orders.length);
    expect(new Set(ledger.map((l) => l.order_id)).size).toBe(orders.length);
    expect(await p.admin.selectFrom('dispatches').select('id').execute()).toHaveLength(
      orders.length,
    );
  });

  it('an acknowledgement and a shipment need no worker: both are recorded and answered, and the order completes once a worker is back', async () => {
    const t = p.tenants[0]!;
    p.supplier.behaviour.mode = 'silent'; // we play the supplier by hand
    const order = p.tts.createOrder(t.simShopId);
    const dispatch = await eventually(() =>
      p.admin
        .selectFrom('dispatches as d')
        .innerJoin('orders as o', 'o.id', 'd.order_id')
        .select(['d.id', 'o.status'])
        .where('o.platform_order_id', '=', order.id)
        .executeTakeFirst()
        .then((r) => (r?.status === 'dispatched' ? r : undefined)),
    );
    const partner = (action: 'ack' | 'shipment', body: object) =>
      fetch(`${p.apiUrl}/partner/v1/dispatches/${dispatch.id}/${action}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${p.partnerKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    // The supplier prints the label before it reports the shipment (R-TRK-2).
    await p.createLabel('USPS', '9400111206206406260787');
    const ship = () =>
      partner('shipment', { tracking_number: '9400111206206406260787', carrier: 'USPS' });
    await p.stopWorker();
    // R-SLA-2: recorded, and the workflow woken by a signal that the server keeps for it.
    expect((await partner('ack', { channel: 'USPS' })).status).toBe(200);
    // R-SLA-3: recorded likewise; sent twice, one record.
    expect((await ship()).status).toBe(202);
    expect((await ship()).status).toBe(202);
    await p.startWorker();
    const handle = p.temporal.workflow.getHandle(orderWorkflowId(t.tenantId, t.shopId, order.id));
    expect(await handle.result()).toEqual({ status: 'completed' });
    expect(p.tts.packages(order.id)).toHaveLength(1);
    const records = await p.admin
      .selectFrom('supplier_shipments')
      .select('taken_at')
      .where('dispatch_id', '=', dispatch.id)
      .execute();
    expect(records).toHaveLength(1);
    expect(records[0]!.taken_at).not.toBeNull();
  });
});
