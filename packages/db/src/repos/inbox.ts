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

/** A marketplace notification addressed by the marketplace's shop id, before it is stored. */
export interface IncomingNotification {
  platformShopId: string;
  notificationId: string;
  type: number;
  payload: unknown;
}

/**
 * Stores notifications of any shops of `platform` in one statement, each under its shop's
 * tenant with RLS applying (store_inbox). Returns those that were stored and those whose shop
 * is not bound, by platform shop id and notification id; any other was received before.
 */
export async function storeInbox(
  db: Db,
  platform: string,
  items: readonly IncomingNotification[],
): Promise<
  Array<{ platformShopId: string; notificationId: string; outcome: 'stored' | 'shop-unknown' }>
> {
  if (items.length === 0) return [];
  const json = JSON.stringify(
    items.map((v) => ({
      shop: v.platformShopId,
      id: v.notificationId,
      type: v.type,
      payload: v.payload,
    })),
  );
  const { rows } = await sql<{
    platform_shop_id: string;
    notification_id: string;
    outcome: 'stored' | 'shop-unknown';
  }>`select * from store_inbox(${platform}, ${json}::jsonb)`.execute(db);
  return rows.map((r) => ({
    platformShopId: r.platform_shop_id,
    notificationId: r.notification_id,
    outcome: r.outcome,
  }));
}

/** A stored notification claimed for hand-on, with its failed attempts so far. */
export interface ClaimedInbox {
  id: string;
  tenant_id: string;
  shop_id: string;
  notification_id: string;
  payload: string;
  attempts: number;
}

/**
 * Claims up to `limit` entries of every tenant that are due (not handed on, not parked, not
 * waiting to be retried), oldest first, skipping those another transaction holds. They stay
 * claimed until `trx` ends: mark them in it (SECURITY DEFINER read).
 */
export async function claimInbox(trx: Trx, limit: number): Promise<ClaimedInbox[]> {
  const { rows } = await sql<ClaimedInbox>`select * from claim_inbox(${limit})`.execute(trx);
  return rows;
}

/** Marks entries of the transaction's tenant handed on. */
export async function markInboxHandedOn(trx: Trx, ids: readonly string[]) {
  if (ids.length === 0) return;
  await trx
    .updateTable('webhook_inbox')
    .set({ processed_at: new Date() })
    .where('id', 'in', ids)
    .where('processed_at', 'is', null)
    .execute();
}

/**
 * Counts a failed routing attempt and keeps its error; `park` takes the entry out of the
 * dispatch, `retryAt` (null: at once) keeps it back until then.
 */
export async function recordInboxFailure(
  trx: Trx,
  v: { id: string; error: string; park: boolean; retryAt: Date | null },
) {
  await trx
    .updateTable('webhook_inbox')
    .set({
      attempts: sql`attempts + 1`,
      last_error: v.error,
      parked_at: v.park ? new Date() : null,
      retry_at: v.retryAt,
    })
    .where('id', '=', v.id)
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

/** Makes a parked entry due again, with a fresh count; false if not parked. */
export async function requeueInbox(trx: Trx, notificationId: string): Promise<boolean> {
  const res = await trx
    .updateTable('webhook_inbox')
    .set({ parked_at: null, attempts: 0, retry_at: null })
    .where('notification_id', '=', notificationId)
    .where('parked_at', 'is not', null)
    .where('processed_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
