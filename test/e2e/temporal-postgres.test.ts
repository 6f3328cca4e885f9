import { randomBytes } from 'node:crypto';
import { generateTrackingNumber, seededRng } from '@switchyard/domain/testing';
import {
  startTemporalOnPostgres,
  type TemporalOnPostgres,
} from '@switchyard/infra/temporal-postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';
import { walkOneOrder } from '../harness/walking-skeleton.ts';

/**
 * The platform on the production-shaped Temporal server: persistence and visibility in
 * databases of its own on the run's PostgreSQL, schema by Temporal's SQL tool, 4 history shards.
 * The walking skeleton passes on it, and orders in flight survive the server's SIGKILL.
 */
describe('Temporal server on PostgreSQL', () => {
  // Set by the global setup when the server could not be built (no Go, no module proxy). The
  // tests then fail with the reason: a platform mode nobody can run must not pass as skipped.
  const problem = inject('temporalServerProblem');
  let server: TemporalOnPostgres;
  let p: Platform;
  beforeAll(async () => {
    if (problem) return;
    const started = Date.now();
    server = await startTemporalOnPostgres({
      adminUrl: inject('pgAdminUrl'),
      database: `temporal_${randomBytes(4).toString('hex')}`,
      shards: 4,
    });
    console.log(`[temporal-postgres] server ready in ${Date.now() - started} ms`);
    p = await startPlatform({ tenants: 2, temporalAddress: server.address });
  }, 180_000);
  afterAll(async () => {
    await p?.close();
    await server?.stop();
  });
  const needServer = () => {
    if (problem) throw new Error(`no PostgreSQL-backed Temporal server: ${problem}`);
  };

  it('walking skeleton: one order through every layer', async () => {
    needServer();
    await walkOneOrder(p, 'temporal-postgres');
  });

  it('orders in flight complete once each after the server is SIGKILLed and restarted', async () => {
    needServer();
    const t = p.tenants[0]!;
    // The test plays the supplier: the simulator gives up on a message after three quick tries,
    // a real supplier retries after Retry-After, as below.
    p.supplier.behaviour.mode = 'silent';
    const rng = seededRng(9);
    const post = (dispatchId: string, action: 'ack' | 'shipment', body: object) =>
      fetch(`${p.apiUrl}/partner/v1/dispatches/${dispatchId}/${action}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${p.partnerKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const ack = (d: string) => post(d, 'ack', { channel: 'USPS' });
    // The supplier prints the label before it reports the shipment (R-TRK-2).
    const ship = async (d: string) => {
      const trackingNumber = generateTrackingNumber('USPS', rng);
      await p.createLabel('USPS', trackingNumber);
      return post(d, 'shipment', { tracking_number: trackingNumber, carrier: 'USPS' });
    };

    const orders = Array.from({ length: 6 }, () => p.tts.createOrder(t.simShopId));
    const ids = orders.map((o) => o.id);
    const dispatchRows = () =>
      p.admin
        .selectFrom('dispatches as d')
        .innerJoin('orders as o', 'o.id', 'd.order_id')
        .select(['d.id', 'o.platform_order_id as orderId'])
        .where('o.platform_order_id', 'in', ids)
        .execute();
    const dispatchOf = new Map(
      (
        await eventually(async () => {
          const rows = await dispatchRows();
          return rows.length === ids.length && rows;
        }, 60_000)
      ).map((r) => [r.orderId, r.id]),
    );
    const dispatch = (i: number) => dispatchOf.get(ids[i]!)!;

    // When the server dies: two orders shipped, their push-back held at the marketplace so it is
    // mid-call; two acknowledged (waiting for tracking); two dispatched (waiting for the
    // acknowledgement, SLA timer set).
    for (const i of [0, 1, 2, 3]) expect((await ack(dispatch(i))).status).toBe(200);
    p.tts.faults.latencyMs = 4000;
    for (const i of [0, 1]) expect((await ship(dispatch(i))).status).toBe(202);
    await new Promise((r) => setTimeout(r, 500));
    await server.kill();
    p.tts.faults.latencyMs = 0;
    expect(ids.map((id) => p.tts.packages(id).length)).toEqual([0, 0, 0, 0, 0, 0]);

    // While it is down, the partner API asks the supplier to come back later.
    const refused = await ack(dispatch(4));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBeTruthy();

    const restarting = Date.now();
    await server.restart();
    console.log(
      `[temporal-postgres] restarted on the same databases in ${Date.now() - restarting} ms`,
    );

    // The supplier comes back with the rest; a 503 means "again", as Retry-After says.
    const until2xx = (send: () => Promise<Response>) =>
      eventually(
        async () => {
          const res = await send();
          if (res.status === 503) return false;
          expect([200, 202]).toContain(res.status);
          return true;
        },
        60_000,
        250,
      );
    for (const i of [4, 5]) await until2xx(() => ack(dispatch(i)));
    for (const i of [2, 3, 4, 5]) await until2xx(() => ship(dispatch(i)));

    const finishing = Date.now();
    for (const o of orders)
      expect(await p.orderResult(t.tenantId, t.shopId, o.id, 90_000)).toEqual({
        status: 'completed',
      });
    console.log(
      `[temporal-postgres] all orders completed ${Date.now() - finishing} ms after the last shipment`,
    );

    // Once each, whatever was retried across the crash: one dispatch the supplier took, one
    // package on the marketplace, one fee (R-BIL-3).
    const dispatches = await dispatchRows();
    expect(dispatches.map((d) => d.orderId).sort()).toEqual([...ids].sort());
    const byOrder = (a: Array<[string, string]>) => a.sort(([x], [y]) => x.localeCompare(y));
    expect(
      byOrder(
        p.supplier
          .received()
          .filter((r) => ids.includes(r.orderNumber))
          .map((r) => [r.orderNumber, r.dispatchId]),
      ),
    ).toEqual(byOrder(dispatches.map((d) => [d.orderId, d.id])));
    for (const id of ids) expect(p.tts.packages(id)).toHaveLength(1);
    const pushCalls = await p.admin
      .selectFrom('api_calls as c')
      .innerJoin('orders as o', 'o.id', 'c.order_id')
      .select(['o.platform_order_id as orderId', 'c.http_status'])
      .where('o.platform_order_id', 'in', ids)
      .where('c.endpoint', 'like', '%/packages')
      .execute();
    console.log(
      `[temporal-postgres] marketplace push-back calls per order: ${ids
        .map((id) =>
          pushCalls
            .filter((c) => c.orderId === id)
            .map((c) => c.http_status ?? 'none')
            .join('+'),
        )
        .join(', ')}`,
    );
    const events = await p.admin
      .selectFrom('order_events as e')
      .innerJoin('orders as o', 'o.id', 'e.order_id')
      .select(['o.platform_order_id as orderId', 'e.kind'])
      .where('o.platform_order_id', 'in', ids)
      .where('e.kind', 'in', ['dispatched', 'tracking_pushed', 'charged', 'completed'])
      .execute();
    const count = (kind: string) =>
      ids.map((id) => events.filter((e) => e.orderId === id && e.kind === kind).length);
    for (const kind of ['dispatched', 'tracking_pushed', 'charged', 'completed'])
      expect(count(kind), kind).toEqual(ids.map(() => 1));
    const fees = await p.admin
      .selectFrom('ledger_entries as l')
      .innerJoin('orders as o', 'o.id', 'l.order_id')
      .select(['o.platform_order_id as orderId', 'l.kind', 'l.amount_minor'])
      .where('o.platform_order_id', 'in', ids)
      .where('l.kind', '=', 'order_fee')
      .execute();
    expect(fees.map((f) => [f.kind, f.amount_minor])).toEqual(ids.map(() => ['order_fee', '30']));
    expect(new Set(fees.map((f) => f.orderId)).size).toBe(ids.length);
  }, 180_000);
});
