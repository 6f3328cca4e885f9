import { sql } from 'kysely';
import type { Trx } from '../client.ts';

/**
 * R-DIAG-1 "three-level tracing" of one order: what the marketplace told us about it (webhook
 * receipts), every call we made for it (marketplace and supplier, status, code, latency), and
 * the supplier side (each dispatch: to whom, when received, acknowledged, shipped), and each
 * routing decision with its explanation (R-RT-1).
 */
export async function getOrderDiagnosis(trx: Trx, orderId: string) {
  const order = await trx
    .selectFrom('orders')
    .select(['id', 'shop_id', 'platform_order_id', 'status', 'created_at'])
    .where('id', '=', orderId)
    .executeTakeFirst();
  if (!order) return undefined;
  const [notifications, calls, dispatches, routing] = await Promise.all([
    trx
      .selectFrom('webhook_inbox')
      .select([
        'notification_id',
        'type',
        'received_at',
        'processed_at',
        sql<string | null>`payload->'data'->>'order_status'`.as('order_status'),
      ])
      .where('shop_id', '=', order.shop_id)
      .where(sql<string>`payload->'data'->>'order_id'`, '=', order.platform_order_id)
      .orderBy('received_at')
      .execute(),
    trx
      .selectFrom('api_calls')
      .select(['target', 'endpoint', 'http_status', 'code', 'latency_ms', 'at'])
      .where('order_id', '=', orderId)
      .orderBy('at')
      .orderBy('id')
      .execute(),
    trx
      .selectFrom('dispatches as d')
      .innerJoin('suppliers as s', 's.id', 'd.supplier_id')
      .select([
        'd.id',
        'd.attempt',
        'd.status',
        'd.created_at',
        'd.acked_at',
        'd.expected_ship_at',
        'd.shipped_at',
        'd.tracking_number',
        'd.line_group',
        'd.lines',
        's.code',
        's.name',
      ])
      .where('d.order_id', '=', orderId)
      .orderBy('d.line_group')
      .orderBy('d.attempt')
      .execute(),
    trx
      .selectFrom('order_events')
      .select(['at', 'detail'])
      .where('order_id', '=', orderId)
      .where('kind', '=', 'routed')
      .orderBy('id')
      .execute(),
  ]);
  return { order, notifications, calls, dispatches, routing };
}
