import { sql } from 'kysely';
import type { Db, Trx } from '../client.ts';
import type { NotificationKind, ShopStatus } from '../schema.ts';

/** Stores a fresh OAuth state (as a hash) bound to the initiating browser. */
export async function insertOauthState(
  db: Db,
  v: { stateHash: string; browserHash: string; tenantId: string | null; expiresAt: Date },
) {
  await db
    .insertInto('oauth_states')
    .values({
      state_hash: v.stateHash,
      browser_hash: v.browserHash,
      tenant_id: v.tenantId,
      expires_at: v.expiresAt,
    })
    .execute();
}

/**
 * Consumes a state exactly once: the first caller from the initiating browser gets its row;
 * replays, other browsers and expired states get nothing.
 */
export async function consumeOauthState(db: Db, stateHash: string, browserHash: string) {
  // Bound to the browser in the same statement: another browser's attempt consumes nothing.
  return db
    .updateTable('oauth_states')
    .set({ used_at: new Date() })
    .where('state_hash', '=', stateHash)
    .where('browser_hash', '=', browserHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning(['browser_hash', 'tenant_id'])
    .executeTakeFirst();
}

export async function insertSession(
  trx: Trx,
  v: { tenantId: string; tokenHash: string; expiresAt: Date },
) {
  await trx
    .insertInto('sessions')
    .values({ tenant_id: v.tenantId, token_hash: v.tokenHash, expires_at: v.expiresAt })
    .execute();
}

/** Ends a session (sign-out): its token no longer resolves. Runs under the tenant's RLS scope. */
export async function revokeSession(trx: Trx, tokenHash: string) {
  await trx
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Tenant of a live session, by its token hash (SECURITY DEFINER lookup). */
export async function resolveSession(db: Db, tokenHash: string): Promise<string | undefined> {
  const { rows } = await sql<{
    tenant_id: string | null;
  }>`select resolve_session(${tokenHash}) as tenant_id`.execute(db);
  return rows[0]?.tenant_id ?? undefined;
}

/** Tells the tenant something (deauthorized shop, expiring authorization…), once per dedupe key. */
export async function notifyTenant(
  trx: Trx,
  v: {
    tenantId: string;
    shopId: string | null;
    kind: NotificationKind;
    message: string;
    dedupeKey: string;
  },
) {
  await trx
    .insertInto('notifications')
    .values({
      tenant_id: v.tenantId,
      shop_id: v.shopId,
      kind: v.kind,
      message: v.message,
      dedupe_key: v.dedupeKey,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'dedupe_key']).doNothing())
    .execute();
}

export async function setShopStatus(trx: Trx, shopId: string, status: ShopStatus) {
  await trx
    .updateTable('shops')
    .set({ status, updated_at: new Date() })
    .where('id', '=', shopId)
    .execute();
}
