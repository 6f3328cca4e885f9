import { sql } from 'kysely';
import type { Db, Trx } from '../client.ts';
import { keysetPage, type PageRequest } from '../keyset.ts';

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

/**
 * Notifications of every tenant stored but not yet handed on, parked ones excepted, with their
 * failed attempts so far (SECURITY DEFINER read).
 */
export async function listPendingInbox(db: Db, olderThan: Date, limit: number) {
  const { rows } = await sql<{
    tenant_id: string;
    shop_id: string;
    notification_id: string;
    payload: string;
    attempts: number;
  }>`
    select * from pending_inbox(${olderThan}, ${limit})`.execute(db);
  return rows;
}

/** Counts a failed routing attempt and keeps its error; `park` takes the entry out of the sweep. */
export async function recordInboxFailure(
  trx: Trx,
  v: { notificationId: string; error: string; park: boolean },
) {
  await trx
    .updateTable('webhook_inbox')
    .set({
      attempts: sql`attempts + 1`,
      last_error: v.error,
      parked_at: v.park ? new Date() : null,
    })
    .where('notification_id', '=', v.notificationId)
    .where('processed_at', 'is', null)
    .execute();
}

/** A page of the parked entries of every tenant, oldest first (a SECURITY DEFINER read). */
export async function listParkedInbox(db: Db, page: PageRequest) {
  // parked_inbox() pages by id itself (it runs as its owner to read across tenants), so the
  // keyset goes to its arguments instead of into a where clause.
  return keysetPage(
    ['bigint'],
    page,
    async (after, limit) => (await parkedAfter(db, after?.[0] ?? '0', limit)).rows,
    (row) => [row.id],
  );
}

function parkedAfter(db: Db, after: string, limit: number) {
  return sql<{
    id: string;
    tenant_id: string;
    shop_id: string;
    notification_id: string;
    type: number;
    attempts: number;
    last_error: string | null;
    received_at: Date;
    parked_at: Date;
  }>`select * from parked_inbox(${after}, ${limit})`.execute(db);
}

/** Makes a parked entry eligible for the sweep again, with a fresh count; false if not parked. */
export async function requeueInbox(trx: Trx, notificationId: string): Promise<boolean> {
  const res = await trx
    .updateTable('webhook_inbox')
    .set({ parked_at: null, attempts: 0 })
    .where('notification_id', '=', notificationId)
    .where('parked_at', 'is not', null)
    .where('processed_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
