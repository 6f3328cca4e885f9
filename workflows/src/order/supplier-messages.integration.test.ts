import { randomUUID } from 'node:crypto';
import { createTenant, type Dispatch, withTenant } from '@switchyard/db';
import { seedOrder, seedShop } from '@switchyard/db/testing';
import { validateTrackingNumber } from '@switchyard/domain';
import { generateTrackingNumber, seededRng } from '@switchyard/domain/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { useDbAndTemporal } from '../../../test/harness/db-and-temporal.ts';
import {
  deliverSupplierMessage,
  type SupplierMessageDeps,
  SupplierMessageError,
} from './supplier-messages.ts';

/**
 * A supplier's messages against real PostgreSQL and a real Temporal server: each refusal is
 * typed, a refused tracking number lands on the order's timeline, and a message no worker
 * takes in time says so. The delivered path is the e2e suites' (it needs the order workflow).
 */
describe('deliverSupplierMessage', () => {
  const t = useDbAndTemporal('partner');
  const { taskQueue, started } = t;
  let deps: SupplierMessageDeps;
  let tenantId: string;
  let orderId: string;

  /** A dispatch of the seeded order, as the partner route loads it. */
  const dispatch = (patch: Partial<Dispatch> = {}): Dispatch => ({
    id: `d_${randomUUID().replaceAll('-', '')}`,
    tenant_id: tenantId,
    order_id: orderId,
    supplier_id: randomUUID(),
    workflow_id: `wf-${randomUUID()}`,
    attempt: 1,
    status: 'sent',
    expected_ship_at: null,
    tracking_number: null,
    carrier: null,
    created_at: new Date(),
    acked_at: null,
    shipped_at: null,
    ...patch,
  });

  async function refusal(call: Promise<unknown>) {
    const err = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SupplierMessageError);
    const e = err as SupplierMessageError;
    return { code: e.code, message: e.message, details: e.details };
  }
  const refusedOnTimeline = () =>
    t.env.admin
      .selectFrom('order_events')
      .select('detail')
      .where('order_id', '=', orderId)
      .where('kind', '=', 'tracking_refused')
      .execute()
      .then((rows) => rows.map((r) => r.detail));

  beforeAll(async () => {
    deps = { db: t.env.db, temporal: t.temporal, partnerUpdateWaitMs: 1500 };
    tenantId = await createTenant(t.env.db, 'A');
    orderId = await withTenant(t.env.db, tenantId, async (trx) => {
      const shopId = await seedShop(trx, tenantId, `s-${randomUUID()}`);
      return seedOrder(trx, { tenantId, shopId, platformOrderId: `o-${randomUUID()}` });
    });
  });

  it('answers a repeat with the dispatch status and refuses what its state does not allow', async () => {
    // Neither reaches the workflow: it does not even exist.
    expect(
      await deliverSupplierMessage(deps, dispatch({ status: 'acknowledged' }), { kind: 'ack' }),
    ).toEqual({ repeat: 'acknowledged' });
    expect(
      await refusal(
        deliverSupplierMessage(deps, dispatch({ status: 'rejected' }), { kind: 'ack' }),
      ),
    ).toEqual({ code: 'DISPATCH_CLOSED', message: 'dispatch is rejected', details: undefined });
  });

  it("refuses a number that is not the carrier's, or an unknown carrier, and notes it on the timeline", async () => {
    const good = generateTrackingNumber('USPS', seededRng(7), { format: 'USPS_IMPB' });
    const bad = `${good.slice(0, -1)}${(Number(good.at(-1)) + 1) % 10}`;
    expect(validateTrackingNumber(bad, 'USPS').status).toBe('invalid_check_digit');
    const d = dispatch();
    const ship = (trackingNumber: string, carrier: string) =>
      refusal(deliverSupplierMessage(deps, d, { kind: 'shipment', trackingNumber, carrier }));

    expect(await ship(bad, 'USPS')).toMatchObject({
      code: 'TRACKING_INVALID',
      details: { status: 'invalid_check_digit' },
    });
    expect(await ship(good, 'Pigeon Post')).toEqual({
      code: 'CARRIER_UNKNOWN',
      message: "Pigeon Post is not a carrier of the marketplace's preset list",
      details: undefined,
    });
    expect(await refusedOnTimeline()).toEqual([
      { dispatchId: d.id, trackingNumber: bad, carrier: 'USPS', verdict: 'invalid_check_digit' },
      {
        dispatchId: d.id,
        trackingNumber: good,
        carrier: 'Pigeon Post',
        verdict: 'carrier_unknown',
      },
    ]);
  });

  it('says the order is closed when its workflow is gone, and asks for a retry when no worker takes the message', async () => {
    const gone = dispatch();
    expect(await refusal(deliverSupplierMessage(deps, gone, { kind: 'ack' }))).toMatchObject({
      code: 'DISPATCH_CLOSED',
      message: `order of dispatch ${gone.id} is closed`,
    });

    const waiting = dispatch();
    await deps.temporal.workflow.start('orderFulfillment', {
      taskQueue,
      workflowId: waiting.workflow_id,
      args: [],
    });
    started.push(waiting.workflow_id);
    expect(
      await refusal(deliverSupplierMessage(deps, waiting, { kind: 'reject', reason: 'no stock' })),
    ).toMatchObject({ code: 'NOT_TAKEN_IN_TIME' });
  });
});
