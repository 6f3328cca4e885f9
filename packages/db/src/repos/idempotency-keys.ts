import { sql } from 'kysely';
import type { Db, Trx } from '../client.ts';

/** What a supplier's `Idempotency-Key` finds when its request arrives. */
export type IdempotencyClaim =
  /** First use (or a retry of one that died unanswered): this request does the work. */
  | { kind: 'claimed' }
  /** Answered before: the first answer, to send again. */
  | { kind: 'replay'; status: number; response: string }
  /** The key was used for another request (method, path or body). */
  | { kind: 'mismatch' }
  /** The first request with this key is still running. */
  | { kind: 'in_flight' };

/**
 * Claims `key` for this request, inside the supplier's scope (RLS: a supplier's keys are its
 * own, so two suppliers never collide). A concurrent claim of the same key waits on the
 * primary key until the first commits, then finds it. A claim left unanswered for
 * `staleAfterS` (its process died mid-request) may be taken over by a retry of the same request.
 */
export async function claimIdempotencyKey(
  trx: Trx,
  v: { supplierId: string; key: string; fingerprint: string; staleAfterS: number },
): Promise<IdempotencyClaim> {
  let row:
    | { fingerprint: string; status: number | null; response: string | null; stale: boolean }
    | undefined;
  // The key may be released (deleted) by the request holding it between our insert finding it
  // and our read: then it is free, and we try to take it again.
  for (let attempt = 1; !row; attempt++) {
    const inserted = await trx
      .insertInto('idempotency_keys')
      .values({ supplier_id: v.supplierId, key: v.key, fingerprint: v.fingerprint })
      .onConflict((oc) => oc.columns(['supplier_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) return { kind: 'claimed' };
    row = await trx
      .selectFrom('idempotency_keys')
      .select([
        'fingerprint',
        'status',
        'response',
        sql<boolean>`claimed_at < now() - make_interval(secs => ${v.staleAfterS})`.as('stale'),
      ])
      .where('supplier_id', '=', v.supplierId)
      .where('key', '=', v.key)
      .forUpdate()
      .executeTakeFirst();
    if (!row && attempt >= 3) return { kind: 'in_flight' };
  }
  if (row.fingerprint !== v.fingerprint) return { kind: 'mismatch' };
  if (row.status !== null)
    return { kind: 'replay', status: row.status, response: row.response ?? '' };
  if (!row.stale) return { kind: 'in_flight' };
  await trx
    .updateTable('idempotency_keys')
    .set({ claimed_at: sql`now()` })
    .where('supplier_id', '=', v.supplierId)
    .where('key', '=', v.key)
    .execute();
  return { kind: 'claimed' };
}

/** Stores the answer of a claimed key, for every retry to get. */
export async function completeIdempotencyKey(
  trx: Trx,
  v: { supplierId: string; key: string; status: number; response: string },
): Promise<void> {
  await trx
    .updateTable('idempotency_keys')
    .set({ status: v.status, response: v.response })
    .where('supplier_id', '=', v.supplierId)
    .where('key', '=', v.key)
    .where('status', 'is', null)
    .execute();
}

/** Gives a claimed key up unanswered (the request failed in a way worth retrying). */
export async function releaseIdempotencyKey(
  trx: Trx,
  v: { supplierId: string; key: string },
): Promise<void> {
  await trx
    .deleteFrom('idempotency_keys')
    .where('supplier_id', '=', v.supplierId)
    .where('key', '=', v.key)
    .where('status', 'is', null)
    .execute();
}

/**
 * Deletes every supplier's keys created before `before`; keys younger than 24 hours stay
 * whatever `before` says (the database function enforces it). Returns how many went.
 */
export async function purgeIdempotencyKeys(db: Db, before: Date): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select purge_idempotency_keys(${before}) as n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
