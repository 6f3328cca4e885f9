import type { Trx } from '../client.ts';

/** Records a dispatch once; the id is derived from the workflow and attempt. */
export async function insertDispatch(
  trx: Trx,
  v: {
    id: string;
    tenantId: string;
    orderId: string;
    supplierId: string;
    workflowId: string;
    attempt: number;
  },
) {
  await trx
    .insertInto('dispatches')
    .values({
      id: v.id,
      tenant_id: v.tenantId,
      order_id: v.orderId,
      supplier_id: v.supplierId,
      workflow_id: v.workflowId,
      attempt: v.attempt,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Visible only inside withSupplier for its supplier, or withTenant for its tenant (RLS). */
export async function getDispatch(trx: Trx, id: string) {
  return trx.selectFrom('dispatches').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markDispatchAcknowledged(trx: Trx, id: string, expectedShipAt: Date | null) {
  await trx
    .updateTable('dispatches')
    .set({ status: 'acknowledged', acked_at: new Date(), expected_ship_at: expectedShipAt })
    .where('id', '=', id)
    .where('status', '=', 'sent')
    .execute();
}

export async function markDispatchShipped(
  trx: Trx,
  id: string,
  trackingNumber: string,
  carrier: string,
) {
  await trx
    .updateTable('dispatches')
    .set({ status: 'shipped', shipped_at: new Date(), tracking_number: trackingNumber, carrier })
    .where('id', '=', id)
    .where('status', 'in', ['sent', 'acknowledged'])
    .execute();
}

export async function markDispatchRejected(trx: Trx, id: string) {
  await trx
    .updateTable('dispatches')
    .set({ status: 'rejected' })
    .where('id', '=', id)
    .where('status', 'in', ['sent', 'acknowledged'])
    .execute();
}
