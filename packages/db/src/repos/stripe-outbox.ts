import type { StripeCallStatus } from '@switchyard/domain';
import { sql } from 'kysely';
import type { Db, Trx } from '../client.ts';

/**
 * Writes a Stripe call to the outbox before it is made, or counts one more attempt of it: the
 * idempotency key is the row's identity, so a retried or resumed step finds its own row.
 */
export async function beginStripeCall(
  trx: Trx,
  v: { tenantId: string; idempotencyKey: string; operation: string; request: unknown },
) {
  await trx
    .insertInto('stripe_calls')
    .values({
      tenant_id: v.tenantId,
      idempotency_key: v.idempotencyKey,
      operation: v.operation,
      request: JSON.stringify(v.request),
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'idempotency_key']).doUpdateSet({
        attempts: sql`stripe_calls.attempts + 1`,
        // A call that failed for good before may be made again (an operator re-runs a close).
        status: sql`case when stripe_calls.status = 'succeeded' then 'succeeded' else 'pending' end`,
      }),
    )
    .execute();
}

/** Records how a call ended: the Stripe object it made or touched, or Stripe's error code. */
export async function completeStripeCall(
  trx: Trx,
  v: {
    tenantId: string;
    idempotencyKey: string;
    status: Exclude<StripeCallStatus, 'pending'>;
    stripeObjectId?: string | null;
    errorCode?: string | null;
  },
) {
  await trx
    .updateTable('stripe_calls')
    .set({
      status: v.status,
      stripe_object_id: v.stripeObjectId ?? null,
      error_code: v.errorCode ?? null,
      completed_at: new Date(),
    })
    .where('tenant_id', '=', v.tenantId)
    .where('idempotency_key', '=', v.idempotencyKey)
    .execute();
}

export async function listStripeCalls(trx: Trx, tenantId: string) {
  return trx
    .selectFrom('stripe_calls')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
}

/**
 * Keeps a webhook event by id. Returns false for an id already kept: Stripe delivers at least
 * once, and a replay must change nothing.
 */
export async function recordStripeEvent(
  db: Db,
  v: { eventId: string; type: string; objectId: string | null; createdAtStripe: number },
): Promise<boolean> {
  const res = await db
    .insertInto('stripe_events')
    .values({
      event_id: v.eventId,
      type: v.type,
      object_id: v.objectId,
      created_at_stripe: v.createdAtStripe,
    })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function markStripeEventProcessed(db: Db, eventId: string) {
  await db
    .updateTable('stripe_events')
    .set({ processed_at: new Date() })
    .where('event_id', '=', eventId)
    .execute();
}

/** Events kept but not processed (the process died in between): handled again. */
export async function listUnprocessedStripeEvents(db: Db, limit = 100) {
  return db
    .selectFrom('stripe_events')
    .selectAll()
    .where('processed_at', 'is', null)
    .orderBy('received_at')
    .limit(limit)
    .execute();
}

/** Whether an event is in the inbox (kept, whether applied or not). */
export async function isStripeEventKept(db: Db, eventId: string): Promise<boolean> {
  const row = await db
    .selectFrom('stripe_events')
    .select('event_id')
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return row !== undefined;
}
