import { orderWorkflowId } from '@switchyard/domain';
import { generateTrackingNumber, seededRng } from '@switchyard/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';

/**
 * R-SLA-3: a supplier's shipment is checked and recorded by the partner API before it answers,
 * so a 2xx never waits for the order's workflow or a worker: the workflow is woken by a signal
 * and takes the record once. What the api can check it still refuses at once, with its codes.
 * The supplier simulator stays silent; the tests answer for the supplier.
 */
describe('a supplier’s shipment, recorded by the partner API', () => {
  let p: Platform;
  let otherKey: string;
  beforeAll(async () => {
    p = await startPlatform({ supplierBehaviour: { mode: 'silent' } });
    ({ partnerKey: otherKey } = await p.registerIdleSupplier('factory-z'));
  });
  afterAll(async () => {
    await p?.close();
  });

  const rng = seededRng(31);
  const post = (dispatchId: string, action: string, body: unknown, headers = {}, key?: string) =>
    fetch(`${p.apiUrl}/partner/v1/dispatches/${dispatchId}/${action}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key ?? p.partnerKey}`,
        'content-type': 'application/json',
        ...headers,
      },
      body: JSON.stringify(body),
    });
  const errorOf = async (res: Response) => ({
    status: res.status,
    code: ((await res.json()) as { error: { code: string } }).error.code,
  });
  const records = (dispatchId: string) =>
    p.admin
      .selectFrom('supplier_shipments')
      .select(['tracking_number', 'carrier', 'taken_at'])
      .where('dispatch_id', '=', dispatchId)
      .execute();

  /** A new order, acknowledged by hand once its dispatch is with the supplier. */
  async function acknowledged() {
    const t = p.tenants[0]!;
    const sim = p.tts.createOrder(t.simShopId);
    const d = await eventually(() =>
      p.admin
        .selectFrom('dispatches as d')
        .innerJoin('orders as o', 'o.id', 'd.order_id')
        .select(['d.id', 'o.status'])
        .where('o.platform_order_id', '=', sim.id)
        .executeTakeFirst()
        .then((r) => (r?.status === 'dispatched' ? r : undefined)),
    );
    expect((await post(d.id, 'ack', { channel: 'USPS' })).status).toBe(200);
    const handle = p.temporal.workflow.getHandle(orderWorkflowId(t.tenantId, t.shopId, sim.id));
    return { dispatchId: d.id, simId: sim.id, handle };
  }

  it('answers 202 with no worker; repeats, by body or by Idempotency-Key, make one record and one push-back', async () => {
    const { dispatchId, simId, handle } = await acknowledged();
    const number = generateTrackingNumber('USPS', rng);
    await p.createLabel('USPS', number);
    const body = { tracking_number: number, carrier: 'USPS' };
    await p.stopWorker();
    try {
      expect((await post(dispatchId, 'shipment', body)).status).toBe(202);
      // The same shipment again, and spelled otherwise (the carrier's case): the same record.
      expect((await post(dispatchId, 'shipment', body)).status).toBe(202);
      expect((await post(dispatchId, 'shipment', { ...body, carrier: 'usps' })).status).toBe(202);
      // With a key: the first answer replayed; another body under the key refused, no write.
      const key = { 'idempotency-key': `ship-${dispatchId}` };
      const first = await post(dispatchId, 'shipment', body, key);
      expect(first.status).toBe(202);
      const again = await post(dispatchId, 'shipment', body, key);
      expect(again.status).toBe(202);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const other = generateTrackingNumber('USPS', rng);
      expect(
        await errorOf(await post(dispatchId, 'shipment', { ...body, tracking_number: other }, key)),
      ).toEqual({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await records(dispatchId)).toEqual([
        { tracking_number: number, carrier: 'USPS', taken_at: null },
      ]);
    } finally {
      await p.startWorker();
    }
    expect(await handle.result()).toEqual({ status: 'completed' });
    expect(p.tts.packages(simId)).toHaveLength(1);
    const pushed = await p.admin
      .selectFrom('order_events as e')
      .innerJoin('orders as o', 'o.id', 'e.order_id')
      .select('e.kind')
      .where('o.platform_order_id', '=', simId)
      .where('e.kind', '=', 'tracking_pushed')
      .execute();
    expect(pushed).toHaveLength(1);
    const [taken] = await records(dispatchId);
    expect(taken!.taken_at).not.toBeNull();
    // After the order shipped, a repeat is answered by the dispatch's status.
    expect(await (await post(dispatchId, 'shipment', body)).json()).toEqual({ status: 'shipped' });
  });

  it('refuses at once what the api can check, recording nothing (R-TRK-1, R-TRK-3)', async () => {
    const { dispatchId } = await acknowledged();
    const good = generateTrackingNumber('USPS', rng, { format: 'USPS_IMPB' });
    const bad = `${good.slice(0, -1)}${(Number(good.at(-1)) + 1) % 10}`;
    expect(
      await errorOf(await post(dispatchId, 'shipment', { tracking_number: bad, carrier: 'USPS' })),
    ).toEqual({ status: 422, code: 'TRACKING_INVALID' });
    expect(
      await errorOf(
        await post(dispatchId, 'shipment', { tracking_number: good, carrier: 'Pigeon Post' }),
      ),
    ).toEqual({ status: 422, code: 'CARRIER_UNKNOWN' });
    expect(await errorOf(await post(dispatchId, 'shipment', { carrier: 'USPS' }))).toEqual({
      status: 422,
      code: 'TRACKING_REQUIRED',
    });
    // Another supplier's dispatch is not found, as an unknown one is.
    expect(
      await errorOf(
        await post(
          dispatchId,
          'shipment',
          { tracking_number: good, carrier: 'USPS' },
          {},
          otherKey,
        ),
      ),
    ).toEqual({ status: 404, code: 'DISPATCH_NOT_FOUND' });
    expect(await records(dispatchId)).toEqual([]);
  });
});
