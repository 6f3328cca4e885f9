import { sql } from 'kysely';
import type { Db, Trx } from '../client.ts';

/** A key counts while it is neither revoked nor past the end of its overlap. */
const live = sql<boolean>`revoked_at is null and (expires_at is null or expires_at > now())`;

/** The active supplier holding a live key with this hash. */
export async function findSupplierByKeyHash(db: Db | Trx, hash: string) {
  return db
    .selectFrom('partner_keys as k')
    .innerJoin('suppliers as s', 's.id', 'k.supplier_id')
    .select(['s.id', 's.code', 's.name', 'k.id as keyId'])
    .where('k.key_hash', '=', hash)
    .where('k.revoked_at', 'is', null)
    .where((eb) =>
      eb.or([eb('k.expires_at', 'is', null), eb('k.expires_at', '>', sql<Date>`now()`)]),
    )
    .where('s.active', '=', true)
    .executeTakeFirst();
}

/**
 * Takes the supplier's row lock, so that key changes of one supplier run one after another
 * (two concurrent issues cannot both see room for a second key). False for no such supplier.
 */
export async function lockSupplierKeys(trx: Trx, supplierId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('suppliers')
    .select('id')
    .where('id', '=', supplierId)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

/** The supplier's live keys, oldest first. */
export async function listLivePartnerKeys(db: Db | Trx, supplierId: string) {
  return db
    .selectFrom('partner_keys')
    .select(['id', 'prefix', 'created_at', 'expires_at'])
    .where('supplier_id', '=', supplierId)
    .where(live)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Every key of the supplier, revoked and expired ones included, newest first. */
export async function listPartnerKeys(db: Db | Trx, supplierId: string) {
  return db
    .selectFrom('partner_keys')
    .select(['id', 'prefix', 'created_at', 'expires_at', 'revoked_at'])
    .where('supplier_id', '=', supplierId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function insertPartnerKey(
  db: Db | Trx,
  v: { supplierId: string; prefix: string; keyHash: string },
): Promise<string> {
  const row = await db
    .insertInto('partner_keys')
    .values({ supplier_id: v.supplierId, prefix: v.prefix, key_hash: v.keyHash })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The key of a (re-)registration: a new row, or the same key registered again made live
 * again. A hash that belongs to another supplier is refused (a unique violation would say so
 * less clearly).
 */
export async function registerPartnerKey(
  db: Db | Trx,
  v: { supplierId: string; prefix: string; keyHash: string },
): Promise<string> {
  const row = await db
    .insertInto('partner_keys')
    .values({ supplier_id: v.supplierId, prefix: v.prefix, key_hash: v.keyHash })
    .onConflict((oc) =>
      oc
        .column('key_hash')
        .doUpdateSet({ revoked_at: null, expires_at: null })
        .where('partner_keys.supplier_id', '=', v.supplierId),
    )
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new Error('this partner key belongs to another supplier');
  return row.id;
}

/** Ends the overlap of the supplier's live keys other than `keep` at `at`, unless sooner. */
export async function expireOtherPartnerKeys(
  db: Db | Trx,
  supplierId: string,
  keep: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('partner_keys')
    .set({ expires_at: sql`least(coalesce(expires_at, ${at}), ${at})` })
    .where('supplier_id', '=', supplierId)
    .where('id', '!=', keep)
    .where(live)
    .execute();
}

/** Revokes one live key of the supplier at once; false when it has no such live key. */
export async function revokePartnerKey(
  db: Db | Trx,
  supplierId: string,
  keyId: string,
): Promise<boolean> {
  const row = await db
    .updateTable('partner_keys')
    .set({ revoked_at: new Date() })
    .where('supplier_id', '=', supplierId)
    .where('id', '=', keyId)
    .where(live)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Revokes every key of the supplier but `keep`: a re-registration replaces its keys. */
export async function revokeOtherPartnerKeys(
  db: Db | Trx,
  supplierId: string,
  keep: string,
): Promise<void> {
  await db
    .updateTable('partner_keys')
    .set({ revoked_at: new Date() })
    .where('supplier_id', '=', supplierId)
    .where('id', '!=', keep)
    .where('revoked_at', 'is', null)
    .execute();
}
