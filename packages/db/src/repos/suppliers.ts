import type { SupplierPolicy } from '@switchyard/domain';
import type { Db, Trx } from '../client.ts';

export interface SupplierInput {
  code: string;
  name: string;
  endpointUrl: string;
  signingSecretEnc: string;
  partnerKeyHash: string;
  countries: string[];
  carriers: string[];
}

/** Registers a partner supplier, or updates it by code. Suppliers are platform-wide. */
export async function upsertSupplier(db: Db | Trx, v: SupplierInput): Promise<string> {
  const cols = {
    name: v.name,
    endpoint_url: v.endpointUrl,
    signing_secret_enc: v.signingSecretEnc,
    partner_key_hash: v.partnerKeyHash,
    countries: v.countries,
    carriers: v.carriers,
  };
  const row = await db
    .insertInto('suppliers')
    .values({ code: v.code, ...cols })
    .onConflict((oc) => oc.column('code').doUpdateSet(cols))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
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

export async function findSupplierByKeyHash(db: Db | Trx, hash: string) {
  return db
    .selectFrom('suppliers')
    .select(['id', 'code', 'name'])
    .where('partner_key_hash', '=', hash)
    .where('active', '=', true)
    .executeTakeFirst();
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
