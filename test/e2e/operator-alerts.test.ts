import { issueOperatorToken } from '@switchyard/auth/credentials';
import { stockSimCatalog } from '@switchyard/infra/sim-catalog';
import { generateWebhookSecret } from '@switchyard/suppliers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';
import { startWebhookReceiver } from '../harness/webhook-receiver.ts';
import { openDispatch } from './bad-input/helpers.ts';

/**
 * Issue 10 item 4: the operator is told (ops.alerts.list / ack) when a supplier endpoint is
 * paused (R-RT-2) and when an order runs out of suppliers, and can send a dispatch again to
 * its supplier (ops.dispatches.redeliver), logged as an attempt (R-DIAG-2). Operator-only.
 */
describe('operator alerts and manual redelivery', () => {
  let p: Platform;
  let operator: string;
  let deadEnd: string;
  const pagerSecret = generateWebhookSecret();
  let pager: Awaited<ReturnType<typeof startWebhookReceiver>>;
  beforeAll(async () => {
    // The on-call's pager is down for the first delivery: the alert is retried.
    pager = await startWebhookReceiver(pagerSecret, { failFirst: 1 });
    p = await startPlatform({
      pauseAfterFailures: 3,
      operatorWebhook: { url: pager.url, signingSecret: pagerSecret, retryScheduleMs: [100] },
    });
    const reach = { countries: ['US', 'GB'], carriers: ['USPS', 'UPS'] };
    // Cheaper than factory A, so routing tries it first; its endpoint refuses connections.
    ({ supplierId: deadEnd } = await p.registerIdleSupplier('dead-end', reach));
    await stockSimCatalog(
      p.db,
      { supplierId: deadEnd, ...reach },
      { unitCostMinor: 100, parcelCostMinor: 100 },
    );
    operator = await issueOperatorToken(p.db, 'on-call');
  });
  afterAll(async () => {
    await p?.close();
    await pager?.close();
  });

  const trpc = (path: string, token: string, input: unknown, method: 'GET' | 'POST' = 'POST') =>
    method === 'GET'
      ? fetch(`${p.apiUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      : fetch(`${p.apiUrl}/trpc/${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(input),
        });
  /** A tRPC refusal: its HTTP status and stable code (the api's own, else tRPC's). */
  const expectError = async (res: Response, status: number, code: string) => {
    const text = await res.text();
    const data = (JSON.parse(text) as { error: { data: { code: string; appCode: string | null } } })
      .error.data;
    expect({ status: res.status, code: data.appCode ?? data.code }, text).toEqual({ status, code });
  };
  type Alert = { id: string; kind: string; supplierId: string | null; ackedAt: string | null };
  const alerts = async (input: unknown = {}) => {
    const res = await trpc('ops.alerts.list', operator, input, 'GET');
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { result: { data: { items: Alert[] } } }).result.data.items;
  };
  const order = async () => {
    const t = p.tenants[0]!;
    const o = p.tts.createOrder(t.simShopId);
    return { id: o.id, result: await p.orderResult(t.tenantId, t.shopId, o.id) };
  };

  it('raises one alert when an endpoint is paused; only an operator lists and acknowledges it', async () => {
    expect((await order()).result).toEqual({ status: 'completed' });
    const raised = (await alerts()).filter((a) => a.kind === 'supplier_paused');
    expect(raised).toEqual([expect.objectContaining({ supplierId: deadEnd, ackedAt: null })]);
    // The next order goes to factory A straight away: nothing new to tell.
    expect((await order()).result).toEqual({ status: 'completed' });
    expect((await alerts()).filter((a) => a.kind === 'supplier_paused')).toHaveLength(1);

    const tenantToken = p.tenants[0]!.apiToken;
    await expectError(await trpc('ops.alerts.list', tenantToken, {}, 'GET'), 401, 'UNAUTHORIZED');
    const id = raised[0]!.id;
    await expectError(await trpc('ops.alerts.ack', tenantToken, { id }), 401, 'UNAUTHORIZED');
    await expectError(await trpc('ops.alerts.ack', operator, { id: 'x' }), 400, 'BAD_REQUEST');
    await expectError(await trpc('ops.alerts.ack', operator, { id: '999999' }), 404, 'NOT_FOUND');
    const ack = await trpc('ops.alerts.ack', operator, { id });
    expect(ack.status).toBe(200);
    expect((await alerts({ open: true })).map((a) => a.id)).not.toContain(id);

    // Pushed to the operator webhook, signed, retried once under the same webhook id.
    await eventually(async () => pager.received.some((r) => r.status === 204));
    const pushed = pager.received.filter((r) => r.body.alert_id === id);
    expect(pushed.map((r) => [r.id, r.signed, r.status])).toEqual([
      [`alert_${id}`, true, 503],
      [`alert_${id}`, true, 204],
    ]);
    expect(pushed[1]!.body).toMatchObject({ type: 'operator.alert', kind: 'supplier_paused' });
    const listed = (await alerts()).find((a) => a.id === id) as Alert & {
      delivery: { attempts: number; deliveredAt: string | null };
    };
    expect(listed.delivery).toMatchObject({ attempts: 2, deliveredAt: expect.any(String) });
    expect((await alerts()).find((a) => a.id === id)?.ackedAt).toEqual(expect.any(String));
  });

  it('raises an alert for an order no supplier could take', async () => {
    p.supplier.behaviour.mode = 'reject';
    try {
      const { result } = await order();
      expect(result).toMatchObject({ status: 'failed' });
    } finally {
      p.supplier.behaviour.mode = 'normal';
    }
    expect((await alerts()).filter((a) => a.kind === 'order_unfulfilled')).toHaveLength(1);
  });

  it('redelivers an open dispatch under its own id, logged; refuses closed ones and non-operators', async () => {
    p.supplier.behaviour.mode = 'silent';
    const { dispatchId } = await openDispatch(p);
    p.supplier.behaviour.mode = 'normal';
    const before = p.supplier.received().find((r) => r.dispatchId === dispatchId)!;
    expect(before.deliveries).toBe(1);

    const tenantToken = p.tenants[0]!.apiToken;
    await expectError(
      await trpc('ops.dispatches.redeliver', tenantToken, { dispatchId }),
      401,
      'UNAUTHORIZED',
    );
    const res = await trpc('ops.dispatches.redeliver', operator, { dispatchId });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { result: { data: unknown } }).result.data).toEqual({
      delivered: true,
      status: 200,
      code: null,
    });
    // Same webhook id: the supplier sees the second delivery as the same message.
    const after = p.supplier.received().find((r) => r.dispatchId === dispatchId)!;
    expect(after.deliveries).toBe(2);
    const logged = await p.admin
      .selectFrom('api_calls')
      .select(['endpoint', 'http_status'])
      .where('endpoint', '=', 'POST dispatch (redelivery)')
      .execute();
    expect(logged).toEqual([{ endpoint: 'POST dispatch (redelivery)', http_status: 200 }]);

    // The dead-end's dispatch of the first test was withdrawn: nothing to deliver.
    const closed = await p.admin
      .selectFrom('dispatches')
      .select('id')
      .where('supplier_id', '=', deadEnd)
      .executeTakeFirstOrThrow();
    await expectError(
      await trpc('ops.dispatches.redeliver', operator, { dispatchId: closed.id }),
      409,
      'DISPATCH_NOT_DELIVERABLE',
    );
    await expectError(
      await trpc('ops.dispatches.redeliver', operator, { dispatchId: 'd_nope' }),
      404,
      'NOT_FOUND',
    );
    await expectError(
      await trpc('ops.dispatches.redeliver', operator, { dispatchId: '../x' }),
      400,
      'BAD_REQUEST',
    );
  });
});
