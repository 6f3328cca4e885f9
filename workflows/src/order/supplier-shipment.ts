import { createHash } from 'node:crypto';
import {
  type Db,
  type Dispatch,
  getDispatchStanding,
  listUntakenSupplierShipments,
  markSupplierShipmentsWoken,
  recordSupplierShipment,
  withTenant,
} from '@switchyard/db';
import { findCarrier, normalizeTrackingNumber } from '@switchyard/domain';
import type { Client } from '@temporalio/client';
import { type SupplierShipment, supplierShippedSignal } from './messages.ts';
import { type SupplierMessageDeps, SupplierMessageError } from './supplier-delivery.ts';

// The signal after the record is a courtesy that saves the sweep's delay: it never holds the
// supplier's answer long while Temporal is unreachable.
const WAKE_WAIT_MS = 2000;

/** One digest per shipment content: the normalized number, the carrier's code, the lines. */
const contentKey = (s: Omit<SupplierShipment, 'dispatchId'>) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        normalizeTrackingNumber(s.trackingNumber),
        findCarrier(s.carrier)?.code ?? s.carrier.trim().toLowerCase(),
        s.lines ?? null,
      ]),
    )
    .digest('hex');

async function signal(temporal: Client, workflowId: string, s: SupplierShipment) {
  await temporal.withDeadline(Date.now() + WAKE_WAIT_MS, () =>
    temporal.workflow.getHandle(workflowId).signal(supplierShippedSignal, s),
  );
}

/**
 * R-SLA-3: a shipment that passed every check the api can make (the caller's) is recorded, in
 * one transaction in the tenant's scope, while its dispatch is still its open order's current
 * one; then the order's workflow is woken by a signal. The answer depends on the record alone:
 * a signal that does not reach the workflow (Temporal down, the process dying after the commit)
 * is sent again by the sweep (sweepSupplierShipments) until the workflow's push-back takes the
 * record. The same shipment sent again finds its record and wakes the workflow again, which
 * takes each record once (by `shipmentId`).
 */
export async function recordAndWakeShipment(
  deps: SupplierMessageDeps,
  d: Dispatch,
  s: Omit<SupplierShipment, 'dispatchId' | 'shipmentId'>,
): Promise<{ delivered: true }> {
  const message: SupplierShipment = { dispatchId: d.id, ...s };
  const { id } = await withTenant(deps.db, d.tenant_id, async (trx) => {
    const row = await getDispatchStanding(trx, d.id);
    if (!row?.orderOpen)
      throw new SupplierMessageError('DISPATCH_CLOSED', `order of dispatch ${d.id} is closed`);
    if (!row.latest)
      throw new SupplierMessageError(
        'DISPATCH_NOT_CURRENT',
        'this dispatch is no longer current for the order',
      );
    return recordSupplierShipment(trx, {
      tenantId: d.tenant_id,
      orderId: d.order_id,
      dispatchId: d.id,
      contentKey: contentKey(s),
      trackingNumber: s.trackingNumber,
      carrier: s.carrier,
      message: { ...message },
    });
  });
  // Recorded: whatever happens to the signal, the supplier's answer is 2xx.
  await signal(deps.temporal, d.workflow_id, { ...message, shipmentId: id }).catch(() => {});
  return { delivered: true };
}

/**
 * Wakes again the orders of recorded shipments their workflows have not taken, last woken
 * before `olderThanMs` ago (a lost signal, Temporal restarted). Stops at the first failure of
 * Temporal itself; the next run starts over. Returns how many it woke.
 */
export async function sweepSupplierShipments(
  deps: { db: Db; temporal: Client },
  opts: { olderThanMs: number; limit: number },
): Promise<number> {
  const due = await listUntakenSupplierShipments(
    deps.db,
    new Date(Date.now() - opts.olderThanMs),
    opts.limit,
  );
  const woken = new Map<string, string[]>();
  try {
    for (const r of due) {
      const s = { ...(r.message as unknown as SupplierShipment), shipmentId: r.id };
      try {
        await signal(deps.temporal, r.workflowId, s);
      } catch (err) {
        // A workflow that has ended takes nothing any more; being marked, it waits its turn.
        if ((err as Error).name !== 'WorkflowNotFoundError') throw err;
      }
      woken.set(r.tenantId, [...(woken.get(r.tenantId) ?? []), r.id]);
    }
  } finally {
    for (const [tenantId, ids] of woken)
      await withTenant(deps.db, tenantId, (trx) => markSupplierShipmentsWoken(trx, ids));
  }
  return [...woken.values()].reduce((n, ids) => n + ids.length, 0);
}
