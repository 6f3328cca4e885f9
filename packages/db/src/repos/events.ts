import { sql } from 'kysely';
import type { Trx } from '../client.ts';
import type { OrderEventKind } from '../schema.ts';

/** One step of an order's timeline (R-DIAG-1). */
export interface OrderEventInput {
  tenantId: string;
  orderId: string;
  kind: OrderEventKind;
  dedupeKey: string;
  detail?: Record<string, unknown>;
}

/**
 * Appends one step to an order's timeline (R-DIAG-1). `dedupeKey` makes a retried activity
 * write its event once.
 */
export async function appendOrderEvent(trx: Trx, v: OrderEventInput) {
  await appendOrderEvents(trx, [v]);
}

/** Appends steps in one statement, in their order on the timeline; each once by its key. */
export async function appendOrderEvents(trx: Trx, events: readonly OrderEventInput[]) {
  await trx
    .insertInto('order_events')
    .values(
      events.map((v) => ({
        tenant_id: v.tenantId,
        order_id: v.orderId,
        kind: v.kind,
        dedupe_key: v.dedupeKey,
        detail: JSON.stringify(v.detail ?? {}),
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'order_id', 'dedupe_key']).doNothing())
    .execute();
}

/** One HTTP attempt to an outside service, for the order's diagnosis (R-DIAG-1). */
export interface ApiCallInput {
  tenantId: string;
  orderId: string | null;
  target: string;
  endpoint: string;
  httpStatus: number | null;
  code: string | null;
  latencyMs: number;
}

export async function recordApiCall(trx: Trx, v: ApiCallInput) {
  await recordApiCalls(trx, [v]);
}

/** Several attempts in one statement, in their order. */
export async function recordApiCalls(trx: Trx, calls: readonly ApiCallInput[]) {
  if (calls.length === 0) return;
  await trx
    .insertInto('api_calls')
    .values(
      calls.map((v) => ({
        tenant_id: v.tenantId,
        order_id: v.orderId,
        target: v.target,
        endpoint: v.endpoint,
        http_status: v.httpStatus,
        code: v.code,
        latency_ms: Math.round(v.latencyMs),
      })),
    )
    .execute();
}

/** How many tracking numbers of a dispatch were refused, by our checks or the marketplace. */
export async function countRefusedNumbers(
  trx: Trx,
  orderId: string,
  dispatchId: string,
): Promise<number> {
  const row = await trx
    .selectFrom('order_events')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('order_id', '=', orderId)
    .where((eb) =>
      eb.or([
        eb('dedupe_key', 'like', `tracking_rejected:${dispatchId}:%`),
        eb('dedupe_key', 'like', `tracking_refused:${dispatchId}:%`),
      ]),
    )
    .executeTakeFirstOrThrow();
  return row.n;
}
