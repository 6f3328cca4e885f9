import { sql } from 'kysely';
import type { Db } from '../client.ts';

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
 * Claims `key` for this request, in the supplier's scope (RLS: a supplier's keys are its own,
 * so two suppliers never collide), in one statement of its own (not inside a transaction: it
 * commits at once, so a concurrent request with the same key finds the claim). A concurrent
 * claim of the same key waits on the primary key until the first commits, then finds it. A
 * claim left unanswered for `staleAfterS` (its process died mid-request) may be taken over by
 * a retry of the same request.
 */
export async function claimIdempotencyKey(
  db: Db,
  v: { supplierId: string; key: string; fingerprint: string; staleAfterS: number },
): Promise<IdempotencyClaim> {
  const { rows } = await sql<{
    kind: IdempotencyClaim['kind'];
    status: number | null;
    response: string | null;
  }>`
    select * from claim_idempotency_key(${v.supplierId}, ${v.key}, ${v.fingerprint}, ${v.staleAfterS})`.execute(
    db,
  );
  const row = rows[0];
  if (row?.kind === 'replay')
    return { kind: 'replay', status: row.status ?? 200, response: row.response ?? '' };
  return { kind: row?.kind === 'claimed' || row?.kind === 'mismatch' ? row.kind : 'in_flight' };
}

/**
 * Stores the answer of a claimed key, for every retry to get; with no answer (`status`
 * undefined: the request failed in a way worth retrying) gives the claim up. One statement,
 * outside any transaction.
 */
export async function settleIdempotencyKey(
  db: Db,
  v: { supplierId: string; key: string; answer?: { status: number; response: string } },
): Promise<void> {
  await sql`select settle_idempotency_key(${v.supplierId}, ${v.key}, ${v.answer?.status ?? null}::int, ${v.answer?.response ?? null}::text)`.execute(
    db,
  );
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
