import type { SupplierPolicy } from '@switchyard/domain';
import type { Db, Trx } from '../client.ts';
import { registerPartnerKey, revokeOtherPartnerKeys } from './partner-keys.ts';

export interface SupplierInput {
  code: string;
  name: string;
  endpointUrl: string;
  signingSecretEnc: string;
  /** The hash of the key issued with this registration; it replaces the supplier's others. */
  partnerKeyHash: string;
  /** The key's first characters, to recognise it in a listing. */
  partnerKeyPrefix?: string;
  countries: string[];
  carriers: string[];
}

/**
 * Registers a partner supplier, or updates it by code. Suppliers are platform-wide. The key
 * given replaces every key the supplier held: registering again is starting over, without
 * the overlap a rotation gives (see issuePartnerKey in @switchyard/auth).
 */
export async function upsertSupplier(db: Db | Trx, v: SupplierInput): Promise<string> {
  const run = async (trx: Db | Trx) => {
    const cols = {
      name: v.name,
      endpoint_url: v.endpointUrl,
      signing_secret_enc: v.signingSecretEnc,
      partner_key_hash: null,
      countries: v.countries,
      carriers: v.carriers,
    };
    const row = await trx
      .insertInto('suppliers')
      .values({ code: v.code, ...cols })
      .onConflict((oc) => oc.column('code').doUpdateSet(cols))
      .returning('id')
      .executeTakeFirstOrThrow();
    const keyId = await registerPartnerKey(trx, {
      supplierId: row.id,
      prefix: v.partnerKeyPrefix ?? '',
      keyHash: v.partnerKeyHash,
    });
    await revokeOtherPartnerKeys(trx, row.id, keyId);
    return row.id;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

export async function listActiveSuppliers(db: Db | Trx) {
  return db
    .selectFrom('suppliers')
    .selectAll()
    .where('active', '=', true)
    .orderBy('code')
    .execute();
}

export async function getSupplier(db: Db | Trx, id: string) {
  return db.selectFrom('suppliers').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Sets the clocks a supplier's contract holds it to (operators); dispatches made from then on
 * carry them. Returns false for an unknown supplier.
 */
export async function setSupplierSlaPolicy(
  db: Db | Trx,
  id: string,
  policy: SupplierPolicy,
): Promise<boolean> {
  const row = await db
    .updateTable('suppliers')
    .set({ sla_policy: JSON.stringify(policy) })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
