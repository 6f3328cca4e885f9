import type { SupplierPolicy } from '@switchyard/domain';
import { sql } from 'kysely';
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

/**
 * R-RT-2: one more failed delivery attempt to the supplier's endpoint. At the `pauseAfter`-th
 * in a row the endpoint is paused (routing skips it); `pausedNow` says this attempt paused it,
 * so the operator is told once.
 */
export async function recordDeliveryFailure(
  db: Db | Trx,
  id: string,
  pauseAfter: number,
): Promise<{ paused: boolean; pausedNow: boolean; failures: number }> {
  const { rows } = await sql<{ was_paused: boolean; paused: boolean; failures: number }>`
    with before as (select paused_at is not null as was_paused from suppliers where id = ${id})
    update suppliers set
      delivery_failures = delivery_failures + 1,
      paused_at = coalesce(paused_at,
        case when delivery_failures + 1 >= ${pauseAfter} then now() end)
    where id = ${id}
    returning (select was_paused from before) as was_paused, paused_at is not null as paused,
      delivery_failures as failures`.execute(db);
  const r = rows[0];
  if (!r) return { paused: false, pausedNow: false, failures: 0 };
  return { paused: r.paused, pausedNow: r.paused && !r.was_paused, failures: r.failures };
}

/** A delivery went through: the count of failures in a row starts again (no write if none). */
export async function recordDelivery(db: Db | Trx, id: string): Promise<void> {
  await db
    .updateTable('suppliers')
    .set({ delivery_failures: 0 })
    .where('id', '=', id)
    .where('delivery_failures', '>', 0)
    .execute();
}

/** An operator resumes a paused endpoint (fixed on the supplier's side). False: unknown id. */
export async function resumeSupplier(db: Db | Trx, id: string): Promise<boolean> {
  const row = await db
    .updateTable('suppliers')
    .set({ paused_at: null, delivery_failures: 0 })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
