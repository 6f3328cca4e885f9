import type { OperatorAlertKind } from '@switchyard/domain';
import { sql } from 'kysely';
import type { Db, Trx } from '../client.ts';
import { type PageRequest, pageByKeyset } from '../keyset.ts';

export interface NewOperatorAlert {
  kind: OperatorAlertKind;
  /** The same key twice (a retried step) is one alert. */
  dedupeKey: string;
  supplierId?: string | null;
  tenantId?: string | null;
  orderId?: string | null;
  message: string;
  detail?: Record<string, unknown>;
  /** Whether an operator webhook will carry it: due at once, or never. */
  deliver: boolean;
}

/** Raises an alert once per dedupe key; returns its id when this call created it. */
export async function raiseOperatorAlert(
  db: Db | Trx,
  a: NewOperatorAlert,
): Promise<string | undefined> {
  const row = await db
    .insertInto('operator_alerts')
    .values({
      kind: a.kind,
      dedupe_key: a.dedupeKey,
      supplier_id: a.supplierId ?? null,
      tenant_id: a.tenantId ?? null,
      order_id: a.orderId ?? null,
      message: a.message,
      detail: JSON.stringify(a.detail ?? {}),
      next_delivery_at: a.deliver ? sql<Date>`now()` : null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

const ALERT_COLUMNS = [
  'id',
  'kind',
  'supplier_id',
  'tenant_id',
  'order_id',
  'message',
  'detail',
  'created_at',
  'acked_at',
  'acked_by',
  'delivery_attempts',
  'delivered_at',
  'last_delivery_error',
] as const;

/** Alerts newest first; `open` keeps those no operator has acknowledged. */
export function listOperatorAlerts(db: Db, page: PageRequest, opts: { open?: boolean } = {}) {
  let q = db.selectFrom('operator_alerts').select([...ALERT_COLUMNS]);
  if (opts.open) q = q.where('acked_at', 'is', null);
  return pageByKeyset(q, { columns: [{ ref: 'id', kind: 'bigint' }], direction: 'desc' }, page);
}

/** An operator has seen to it. Undefined: no such alert; a second ack keeps the first. */
export async function ackOperatorAlert(db: Db, id: string, operatorId: string) {
  return db
    .updateTable('operator_alerts')
    .set({
      acked_at: sql<Date>`coalesce(acked_at, now())`,
      acked_by: sql<string>`coalesce(acked_by, ${operatorId}::uuid)`,
    })
    .where('id', '=', id)
    .returning(['id', 'acked_at', 'acked_by'])
    .executeTakeFirst();
}

/**
 * Claims up to `limit` alerts due for the operator webhook: each claimed one is pushed
 * `leaseMs` into the future, so a second sender (another worker) skips it while this one tries.
 */
export async function claimDueAlerts(db: Db, limit: number, leaseMs: number) {
  const { rows } = await sql<{
    id: string;
    kind: OperatorAlertKind;
    supplier_id: string | null;
    tenant_id: string | null;
    order_id: string | null;
    message: string;
    detail: Record<string, unknown>;
    created_at: Date;
    delivery_attempts: number;
  }>`
    update operator_alerts set next_delivery_at = now() + make_interval(secs => ${leaseMs / 1000})
    where id in (
      select id from operator_alerts
      where delivered_at is null and next_delivery_at <= now()
      order by next_delivery_at limit ${limit} for update skip locked)
    returning id, kind, supplier_id, tenant_id, order_id, message, detail, created_at,
      delivery_attempts`.execute(db);
  return rows;
}

/** The operator webhook took it (2xx). */
export async function markAlertDelivered(db: Db, id: string): Promise<void> {
  await db
    .updateTable('operator_alerts')
    .set({
      delivered_at: sql<Date>`now()`,
      next_delivery_at: null,
      delivery_attempts: sql<number>`delivery_attempts + 1`,
      last_delivery_error: null,
    })
    .where('id', '=', id)
    .execute();
}

/** One failed attempt; `retryInMs` null gives up (the alert stays listed by ops.alerts.list). */
export async function markAlertDeliveryFailed(
  db: Db,
  id: string,
  error: string,
  retryInMs: number | null,
): Promise<void> {
  await db
    .updateTable('operator_alerts')
    .set({
      delivery_attempts: sql<number>`delivery_attempts + 1`,
      last_delivery_error: error.slice(0, 500),
      next_delivery_at:
        retryInMs === null ? null : sql<Date>`now() + make_interval(secs => ${retryInMs / 1000})`,
    })
    .where('id', '=', id)
    .execute();
}

/** Whose a dispatch is, for an operator procedure that must open that tenant's scope. */
export async function getDispatchScope(
  db: Db,
  dispatchId: string,
): Promise<{ tenantId: string; supplierId: string } | undefined> {
  const { rows } = await sql<{ tenant_id: string; supplier_id: string }>`
    select tenant_id, supplier_id from dispatch_scope(${dispatchId})`.execute(db);
  const r = rows[0];
  return r && { tenantId: r.tenant_id, supplierId: r.supplier_id };
}
