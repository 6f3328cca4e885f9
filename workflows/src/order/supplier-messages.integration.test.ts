import { randomUUID } from 'node:crypto';
import {
  createTenant,
  type Dispatch,
  getDispatch,
  insertDispatch,
  updateOrder,
  upsertSupplier,
  withTenant,
} from '@switchyard/db';
import { seedOrder, seedShop } from '@switchyard/db/testing';
import { type DispatchStatus, type OrderStatus, validateTrackingNumber } from '@switchyard/domain';
import { generateTrackingNumber, seededRng } from '@switchyard/domain/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { useDbAndTemporal } from '../../../test/harness/db-and-temporal.ts';
import {
  deliverSupplierMessage,
  type SupplierMessageDeps,
  SupplierMessageError,
} from './supplier-messages.ts';
import { sweepSupplierShipments } from './supplier-shipment.ts';

/**
 * A supplier's messages against real PostgreSQL and a real Temporal server: each refusal is
 * typed, a refused tracking number lands on the order's timeline, an acknowledgement is recorded
 * before its workflow is told and handed over again when repeated, and a message no worker
 * takes in time says so. The workflow's side is the e2e suites' (it needs the order workflow).
 */
describe('deliverSupplierMessage', () => {
  const t = useDbAndTemporal('partner');
  const { taskQueue, started } = t;
  let deps: SupplierMessageDeps;
  let tenantId: string;
  let shopId: string;
  let supplierId: string;

  const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) =>
    withTenant(t.env.db, tenantId, fn);

  /**
   * Dispatches of a new order, written as dispatchToSupplier writes them, the last one with
   * `status`; loaded as the partner route loads them. `workflow`: a workflow of the order exists
   * (on a task queue no worker polls), so messages wait for it and time out.
   */
  async function dispatches(
    opts: { status?: DispatchStatus; count?: number; order?: OrderStatus; workflow?: boolean } = {},
  ): Promise<Dispatch[]> {
    const workflowId = `wf-${randomUUID()}`;
    const ids = await inTenant(async (trx) => {
      const orderId = await seedOrder(trx, { tenantId, shopId, platformOrderId: randomUUID() });
      const ids: string[] = [];
      for (let attempt = 0; attempt < (opts.count ?? 1); attempt++) {
        const id = `d_${randomUUID().replaceAll('-', '')}`;
        await insertDispatch(trx, { id, tenantId, orderId, supplierId, workflowId, attempt });
        ids.push(id);
      }
      await updateOrder(trx, orderId, { status: opts.order ?? 'dispatched', supplierId });
      if (opts.status)
        await trx
          .updateTable('dispatches')
          .set({ status: opts.status })
          .where('id', '=', ids.at(-1)!)
          .execute();
      return ids;
    });
    if (opts.workflow) {
      await deps.temporal.workflow.start('orderFulfillment', { taskQueue, workflowId, args: [] });
      started.push(workflowId);
    }
    return inTenant(async (trx) =>
      Promise.all(ids.map(async (id) => (await getDispatch(trx, id))!)),
    );
  }

  async function refusal(call: Promise<unknown>) {
    const err = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SupplierMessageError);
    const e = err as SupplierMessageError;
    return { code: e.code, message: e.message, details: e.details };
  }
  const timeline = (orderId: string) =>
    t.env.admin
      .selectFrom('order_events')
      .select(['kind', 'dedupe_key', 'detail'])
      .where('order_id', '=', orderId)
      .orderBy('id')
      .execute();
  const stateOf = async (d: Dispatch) => ({
    dispatch: await t.env.admin
      .selectFrom('dispatches')
      .select(['status', 'expected_ship_at'])
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow(),
    order: await t.env.admin
      .selectFrom('orders')
      .select(['status'])
      .where('id', '=', d.order_id)
      .executeTakeFirstOrThrow(),
    timeline: await timeline(d.order_id),
  });
  const ack = { kind: 'ack', expectedShipAt: '2030-01-02T03:04:05.000Z', channel: 'USPS' } as const;

  beforeAll(async () => {
    deps = { db: t.env.db, temporal: t.temporal, partnerUpdateWaitMs: 1500 };
    tenantId = await createTenant(t.env.db, 'A');
    shopId = await inTenant((trx) => seedShop(trx, tenantId, `s-${randomUUID()}`));
    supplierId = await upsertSupplier(t.env.db, {
      code: 'factory-a',
      name: 'Factory A',
      endpointUrl: 'http://127.0.0.1:9/dispatches',
      signingSecretEnc: 'x',
      partnerKeyHash: randomUUID(),
      countries: ['US'],
      carriers: ['USPS'],
    });
  });

  it('records an acknowledgement with the order’s status and timeline before the workflow takes it (R-SLA-2)', async () => {
    const [d] = await dispatches({ workflow: true });
    // No worker runs: the database has it, and the workflow is woken by a signal the server
    // keeps for it, which waits for no worker.
    expect(await deliverSupplierMessage(deps, d!, ack)).toEqual({ delivered: true });
    const after = await stateOf(d!);
    expect(after.dispatch).toEqual({
      status: 'acknowledged',
      expected_ship_at: new Date(ack.expectedShipAt),
    });
    expect(after.order.status).toBe('acknowledged');
    // The dispatched step too, as dispatchToSupplier writes it: the ack came before the call's
    // return was recorded, and the timeline stays in order.
    expect(after.timeline).toEqual([
      {
        kind: 'dispatched',
        dedupe_key: `dispatched:${d!.id}`,
        detail: { supplier: 'factory-a', dispatchId: d!.id },
      },
      {
        kind: 'acknowledged',
        dedupe_key: `acknowledged:${d!.id}`,
        detail: { dispatchId: d!.id, expectedShipAt: ack.expectedShipAt, channel: 'USPS' },
      },
    ]);

    // A retry finds the dispatch acknowledged and wakes the workflow again (a wake-up that was
    // lost is not the end of it), changing nothing else.
    const repeat = (await inTenant((trx) => getDispatch(trx, d!.id)))!;
    expect(await deliverSupplierMessage(deps, repeat, ack)).toEqual({ repeat: 'acknowledged' });
    expect(await stateOf(d!)).toEqual(after);
    const history = await deps.temporal.workflow.getHandle(d!.workflow_id).fetchHistory();
    const signals = (history.events ?? []).flatMap((e) => {
      const name = e.workflowExecutionSignaledEventAttributes?.signalName;
      return name ? [name] : [];
    });
    expect(signals).toEqual(['supplierAcked', 'supplierAcked']);
  });

  it('records two acknowledgements of one dispatch at once only once', async () => {
    const [d] = await dispatches({ workflow: true });
    const both = await Promise.all([
      deliverSupplierMessage(deps, d!, ack),
      deliverSupplierMessage(deps, d!, { kind: 'ack', channel: 'UPS' }),
    ]);
    expect(both).toContainEqual({ delivered: true });
    expect(both).toContainEqual({ repeat: 'acknowledged' });
    const kinds = (await timeline(d!.order_id)).map((e) => e.kind);
    expect(kinds).toEqual(['dispatched', 'acknowledged']);
  });

  it('answers a repeat by the row when the workflow is gone, and refuses what the state does not allow', async () => {
    const [acked] = await dispatches({ status: 'acknowledged' });
    expect(await deliverSupplierMessage(deps, acked!, { kind: 'ack' })).toEqual({
      repeat: 'acknowledged',
    });
    const [shipped] = await dispatches({ status: 'shipped' });
    expect(await deliverSupplierMessage(deps, shipped!, { kind: 'ack' })).toEqual({
      repeat: 'shipped',
    });
    for (const status of ['rejected', 'withdrawn'] as const) {
      const [d] = await dispatches({ status });
      expect(await refusal(deliverSupplierMessage(deps, d!, { kind: 'ack' }))).toEqual({
        code: 'DISPATCH_CLOSED',
        message: `dispatch is ${status}`,
        details: undefined,
      });
      expect(await timeline(d!.order_id)).toEqual([]);
    }
  });

  it('refuses, writing nothing, an acknowledgement of a dispatch its order no longer waits on', async () => {
    // Given up on (the call kept failing) and re-routed: a later dispatch of the order exists.
    const [givenUp, later] = await dispatches({ count: 2, workflow: true });
    expect(await refusal(deliverSupplierMessage(deps, givenUp!, ack))).toMatchObject({
      code: 'DISPATCH_NOT_CURRENT',
    });
    // The last dispatch of an order that failed.
    const [ofFailed] = await dispatches({ order: 'failed', workflow: true });
    expect(await refusal(deliverSupplierMessage(deps, ofFailed!, ack))).toMatchObject({
      code: 'DISPATCH_CLOSED',
    });
    for (const d of [givenUp!, ofFailed!]) {
      const after = await stateOf(d);
      expect(after.dispatch.status).toBe('sent');
      expect(after.order.status).not.toBe('acknowledged');
      expect(after.timeline).toEqual([]);
    }
    expect((await stateOf(later!)).dispatch.status).toBe('sent');
  });

  it('says the order is closed when its workflow is gone', async () => {
    const [gone] = await dispatches();
    expect(await refusal(deliverSupplierMessage(deps, gone!, ack))).toMatchObject({
      code: 'DISPATCH_CLOSED',
      message: `order of dispatch ${gone!.id} is closed`,
    });
  });

  it("refuses a number that is not the carrier's, or an unknown carrier, and notes it on the timeline", async () => {
    const good = generateTrackingNumber('USPS', seededRng(7), { format: 'USPS_IMPB' });
    const bad = `${good.slice(0, -1)}${(Number(good.at(-1)) + 1) % 10}`;
    expect(validateTrackingNumber(bad, 'USPS').status).toBe('invalid_check_digit');
    const [d] = await dispatches();
    const ship = (trackingNumber: string, carrier: string) =>
      refusal(deliverSupplierMessage(deps, d!, { kind: 'shipment', trackingNumber, carrier }));

    expect(await ship(bad, 'USPS')).toMatchObject({
      code: 'TRACKING_INVALID',
      details: { status: 'invalid_check_digit' },
    });
    expect(await ship(good, 'Pigeon Post')).toEqual({
      code: 'CARRIER_UNKNOWN',
      message: "Pigeon Post is not a carrier of the marketplace's preset list",
      details: undefined,
    });
    const refused = (await timeline(d!.order_id)).filter((e) => e.kind === 'tracking_refused');
    expect(refused.map((e) => e.detail)).toEqual([
      { dispatchId: d!.id, trackingNumber: bad, carrier: 'USPS', verdict: 'invalid_check_digit' },
      {
        dispatchId: d!.id,
        trackingNumber: good,
        carrier: 'Pigeon Post',
        verdict: 'carrier_unknown',
      },
    ]);
  });

  const signalsOf = async (workflowId: string) => {
    const history = await deps.temporal.workflow.getHandle(workflowId).fetchHistory();
    return (history.events ?? []).flatMap((e) => {
      const a = e.workflowExecutionSignaledEventAttributes;
      return a?.signalName ? [a.signalName] : [];
    });
  };
  const recorded = (dispatchId: string) =>
    t.env.admin
      .selectFrom('supplier_shipments')
      .select(['id', 'tracking_number', 'carrier', 'message', 'taken_at'])
      .where('dispatch_id', '=', dispatchId)
      .orderBy('id')
      .execute();

  it('records a shipment while no worker runs and wakes the workflow; the same content once (R-SLA-3)', async () => {
    const [d] = await dispatches({ status: 'acknowledged', workflow: true });
    const number = generateTrackingNumber('USPS', seededRng(11), { format: 'USPS_IMPB' });
    const ship = { kind: 'shipment', trackingNumber: number, carrier: 'USPS' } as const;
    expect(await deliverSupplierMessage(deps, d!, ship)).toEqual({ delivered: true });
    // The same content, spelled otherwise (carrier's case), finds the same record.
    expect(await deliverSupplierMessage(deps, d!, { ...ship, carrier: 'usps' })).toEqual({
      delivered: true,
    });
    const rows = await recorded(d!.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      tracking_number: number,
      carrier: 'USPS',
      message: { dispatchId: d!.id, trackingNumber: number, carrier: 'USPS' },
      taken_at: null,
    });
    expect(await signalsOf(d!.workflow_id)).toEqual(['supplierShipped', 'supplierShipped']);
    // The dispatch and order are the workflow's to move: nothing else changed.
    expect((await stateOf(d!)).dispatch.status).toBe('acknowledged');
  });

  it('refuses, recording nothing, a shipment of a dispatch its order no longer waits on', async () => {
    const number = generateTrackingNumber('USPS', seededRng(12), { format: 'USPS_IMPB' });
    const ship = { kind: 'shipment', trackingNumber: number, carrier: 'USPS' } as const;
    const [givenUp] = await dispatches({ count: 2, workflow: true });
    expect(await refusal(deliverSupplierMessage(deps, givenUp!, ship))).toMatchObject({
      code: 'DISPATCH_NOT_CURRENT',
    });
    const [ofFailed] = await dispatches({ order: 'failed', workflow: true });
    expect(await refusal(deliverSupplierMessage(deps, ofFailed!, ship))).toMatchObject({
      code: 'DISPATCH_CLOSED',
    });
    expect(await recorded(givenUp!.id)).toEqual([]);
    expect(await recorded(ofFailed!.id)).toEqual([]);
  });

  it('wakes again the order of a recorded shipment whose wake-up was lost, until it is taken', async () => {
    const [d] = await dispatches({ status: 'acknowledged', workflow: true });
    const number = generateTrackingNumber('USPS', seededRng(13), { format: 'USPS_IMPB' });
    await deliverSupplierMessage(deps, d!, {
      kind: 'shipment',
      trackingNumber: number,
      carrier: 'USPS',
    });
    const [row] = await recorded(d!.id);
    // Not yet due: woken just now.
    const sweep = () => sweepSupplierShipments(deps, { olderThanMs: 60_000, limit: 1000 });
    await sweep();
    expect(await signalsOf(d!.workflow_id)).toEqual(['supplierShipped']);
    // Its wake-up long ago, and not taken: woken again, with the record's id.
    await t.env.admin
      .updateTable('supplier_shipments')
      .set({ woken_at: new Date(Date.now() - 120_000) })
      .where('id', '=', row!.id)
      .execute();
    expect(await sweep()).toBeGreaterThanOrEqual(1);
    expect(await signalsOf(d!.workflow_id)).toEqual(['supplierShipped', 'supplierShipped']);
    // Taken by the push-back: never woken again.
    await t.env.admin
      .updateTable('supplier_shipments')
      .set({ woken_at: new Date(Date.now() - 120_000), taken_at: new Date() })
      .where('id', '=', row!.id)
      .execute();
    await sweep();
    expect(await signalsOf(d!.workflow_id)).toHaveLength(2);
  });

  it('asks for a retry when no worker takes a message in time', async () => {
    const [waiting] = await dispatches({ workflow: true });
    expect(
      await refusal(deliverSupplierMessage(deps, waiting!, { kind: 'reject', reason: 'no stock' })),
    ).toMatchObject({ code: 'NOT_TAKEN_IN_TIME' });
  });
});
