import {
  type Db,
  expireOtherPartnerKeys,
  findSupplierByKeyHash,
  insertPartnerKey,
  listLivePartnerKeys,
  lockSupplierKeys,
  revokePartnerKey,
} from '@switchyard/db';
import { generateSecret, hashSecret } from '../secrets.ts';

/** How long the previous key keeps working after a new one is issued, unless said otherwise. */
export const PARTNER_KEY_OVERLAP_MS = 7 * 24 * 60 * 60 * 1000;

/** A supplier holds at most this many live keys: the one in use and the one replacing it. */
export const MAX_LIVE_PARTNER_KEYS = 2;

/**
 * The active supplier holding a live partner key (`sy_pk_…`); undefined for anything else:
 * unknown, revoked, past its overlap, or another kind of credential. Keys are stored only as
 * hashes.
 */
export async function authenticatePartnerKey(
  db: Db,
  key: string,
): Promise<{ id: string; code: string; keyId: string } | undefined> {
  if (!key.startsWith('sy_pk_')) return undefined;
  const supplier = await findSupplierByKeyHash(db, hashSecret(key));
  return supplier && { id: supplier.id, code: supplier.code, keyId: supplier.keyId };
}

export type IssuePartnerKeyResult =
  | { ok: true; keyId: string; key: string; previousExpireAt: Date | null }
  | { ok: false; reason: 'SUPPLIER_NOT_FOUND' | 'PARTNER_KEYS_FULL' };

/**
 * Operator action, the first half of a rotation: issues the supplier a new key (returned
 * once; stored as a hash) and ends the other live key's overlap `overlapMs` from now, so the
 * supplier can switch without a moment where nothing works. Refused while the supplier
 * already holds two live keys: revoke one first. Key changes of one supplier are serialized
 * by its row lock.
 */
export async function issuePartnerKey(
  db: Db,
  supplierId: string,
  opts: { overlapMs?: number } = {},
): Promise<IssuePartnerKeyResult> {
  const overlapMs = opts.overlapMs ?? PARTNER_KEY_OVERLAP_MS;
  return db.transaction().execute(async (trx) => {
    if (!(await lockSupplierKeys(trx, supplierId)))
      return { ok: false, reason: 'SUPPLIER_NOT_FOUND' } as const;
    const live = await listLivePartnerKeys(trx, supplierId);
    if (live.length >= MAX_LIVE_PARTNER_KEYS)
      return { ok: false, reason: 'PARTNER_KEYS_FULL' } as const;
    const { secret, prefix, hash } = generateSecret('sy_pk');
    const keyId = await insertPartnerKey(trx, { supplierId, prefix, keyHash: hash });
    const previousExpireAt = live.length > 0 ? new Date(Date.now() + overlapMs) : null;
    if (previousExpireAt) await expireOtherPartnerKeys(trx, supplierId, keyId, previousExpireAt);
    return { ok: true, keyId, key: secret, previousExpireAt } as const;
  });
}

/** Operator action: revokes one live key of the supplier at once. False when it has no such key. */
export async function revokeSupplierPartnerKey(
  db: Db,
  supplierId: string,
  keyId: string,
): Promise<boolean> {
  return revokePartnerKey(db, supplierId, keyId);
}
