import { sql } from 'kysely';
import type { Db, Trx } from '../client.ts';

/** A supplier's shipment message as the api records it before answering (R-SLA-3). */
export interface SupplierShipmentInput {
  tenantId: string;
  orderId: string;
  dispatchId: string;
  /** sha-256 hex of the message's normalized content: one row per dispatch and content. */
  contentKey: string;
  trackingNumber: string;
  carrier: string;
  /** The message exactly as the workflow is to take it. */
  message: Record<string, unknown>;
}

/**
 * Records a shipment message in the caller's transaction, in the tenant's scope. Returns its
 * row id and whether this call wrote it (false: the same shipment was recorded before).
 */
export async function recordSupplierShipment(
  trx: Trx,
  v: SupplierShipmentInput,
): Promise<{ id: string; inserted: boolean }> {
  const inserted = await trx
    .insertInto('supplier_shipments')
    .values({
      tenant_id: v.tenantId,
      order_id: v.orderId,
      dispatch_id: v.dispatchId,
      content_key: v.contentKey,
      tracking_number: v.trackingNumber,
      carrier: v.carrier,
      message: JSON.stringify(v.message),
    })
    .onConflict((oc) => oc.columns(['dispatch_id', 'content_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: String(inserted.id), inserted: true };
  const row = await trx
    .selectFrom('supplier_shipments')
    .select('id')
    .where('dispatch_id', '=', v.dispatchId)
    .where('content_key', '=', v.contentKey)
    .executeTakeFirstOrThrow();
  return { id: String(row.id), inserted: false };
}

/**
 * Marks a dispatch's recorded shipment of this number taken by its workflow (the push-back ran,
 * whatever it concluded); the sweep leaves it alone from then on.
 */
export async function markSupplierShipmentTaken(
  trx: Trx,
  dispatchId: string,
  trackingNumber: string,
) {
  await trx
    .updateTable('supplier_shipments')
    .set({ taken_at: new Date() })
    .where('dispatch_id', '=', dispatchId)
    .where('tracking_number', '=', trackingNumber)
    .where('taken_at', 'is', null)
    .execute();
}

/** A recorded shipment its workflow has not taken, as the sweep reads it (no buyer data). */
export interface UntakenSupplierShipment {
  id: string;
  tenantId: string;
  dispatchId: string;
  workflowId: string;
  message: Record<string, unknown>;
}

/**
 * Recorded shipments not taken, last woken before `before`, of dispatches still open (sent or
 * acknowledged) of open orders, every tenant's (a SECURITY DEFINER read), longest waiting first.
 */
export async function listUntakenSupplierShipments(
  db: Db,
  before: Date,
  limit: number,
): Promise<UntakenSupplierShipment[]> {
  const { rows } = await sql<{
    id: string;
    tenant_id: string;
    dispatch_id: string;
    workflow_id: string;
    message: Record<string, unknown>;
  }>`select * from supplier_shipments_to_wake(${before}, ${limit})`.execute(db);
  return rows.map((r) => ({
    id: String(r.id),
    tenantId: r.tenant_id,
    dispatchId: r.dispatch_id,
    workflowId: r.workflow_id,
    message: r.message,
  }));
}

/** The sweep woke the order of these shipments (of the transaction's tenant) again. */
export async function markSupplierShipmentsWoken(trx: Trx, ids: readonly string[]) {
  if (ids.length === 0) return;
  await trx
    .updateTable('supplier_shipments')
    .set({ woken_at: new Date() })
    .where('id', 'in', ids)
    .execute();
}
