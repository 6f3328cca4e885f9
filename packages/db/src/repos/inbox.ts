import type { Trx } from '../client.ts';

/** Stores a marketplace notification durably; false when it was already received (R-IN-1). */
export async function insertInbox(
  trx: Trx,
  v: { tenantId: string; shopId: string; notificationId: string; type: number; payload: unknown },
): Promise<boolean> {
  const res = await trx
    .insertInto('webhook_inbox')
    .values({
      tenant_id: v.tenantId,
      shop_id: v.shopId,
      notification_id: v.notificationId,
      type: v.type,
      payload: JSON.stringify(v.payload),
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'notification_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function markInboxProcessed(trx: Trx, notificationId: string) {
  await trx
    .updateTable('webhook_inbox')
    .set({ processed_at: new Date() })
    .where('notification_id', '=', notificationId)
    .where('processed_at', 'is', null)
    .execute();
}

/** Notifications stored but not yet handed to a workflow (e.g. Temporal was down). */
export async function listPendingInbox(trx: Trx, olderThan: Date, limit: number) {
  return trx
    .selectFrom('webhook_inbox')
    .selectAll()
    .where('processed_at', 'is', null)
    .where('received_at', '<', olderThan)
    .orderBy('received_at')
    .limit(limit)
    .execute();
}
