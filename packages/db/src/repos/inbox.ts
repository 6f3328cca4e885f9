import { sql } from 'kysely';
import type { Db, Trx } from '../client.ts';

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

/** Notifications of every tenant stored but not yet handed on (SECURITY DEFINER read). */
export async function listPendingInbox(db: Db, olderThan: Date, limit: number) {
  const { rows } = await sql<{
    tenant_id: string;
    shop_id: string;
    notification_id: string;
    payload: string;
  }>`
    select * from pending_inbox(${olderThan}, ${limit})`.execute(db);
  return rows;
}
