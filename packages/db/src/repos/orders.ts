import { OPEN_ORDER_STATUSES } from '@switchyard/domain';
import { type ExpressionBuilder, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Trx } from '../client.ts';
import { byCreation, type PageRequest, pageByKeyset } from '../keyset.ts';
import type { Database, OrderLine, OrderSource, OrderStatus } from '../schema.ts';

export interface OrderInput {
  tenantId: string;
  shopId: string;
  platformOrderId: string;
  workflowId: string;
  status: OrderStatus;
  shipCountry: string | null;
  currency: string | null;
  totalMinor: bigint | null;
  lines: OrderLine[];
  recipientEnc: string | null;
  shipBy: Date | null;
  /** Where the order came from; the column's default (marketplace) when absent. */
  source?: OrderSource | undefined;
}

/** Records the order once; a replayed activity gets the same row back. */
export async function upsertOrder(trx: Trx, v: OrderInput): Promise<string> {
  const row = await trx
    .insertInto('orders')
    .values({
      tenant_id: v.tenantId,
      shop_id: v.shopId,
      platform_order_id: v.platformOrderId,
      workflow_id: v.workflowId,
      status: v.status,
      ship_country: v.shipCountry,
      currency: v.currency,
      total_minor: v.totalMinor,
      lines: JSON.stringify(v.lines),
      recipient_enc: v.recipientEnc,
      ship_by: v.shipBy,
      ...(v.source && { source: v.source }),
    })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'shop_id', 'platform_order_id'])
        .doUpdateSet({ updated_at: new Date(), ...(v.source && { source: v.source }) }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateOrder(
  trx: Trx,
  orderId: string,
  patch: { status?: OrderStatus; supplierId?: string; trackingNumber?: string; carrier?: string },
) {
  await trx
    .updateTable('orders')
    .set({
      updated_at: new Date(),
      ...(patch.status && { status: patch.status }),
      ...(patch.supplierId && { supplier_id: patch.supplierId }),
      ...(patch.trackingNumber && { tracking_number: patch.trackingNumber }),
      ...(patch.carrier && { carrier: patch.carrier }),
    })
    .where('id', '=', orderId)
    .execute();
}

/**
 * The order is with its supplier. Not over that supplier's acknowledgement: it may be recorded
 * before the dispatch call returns, and the order's status does not go back.
 */
export async function markOrderDispatched(
  trx: Trx,
  v: { orderId: string; supplierId: string; dispatchId: string },
) {
  await trx
    .updateTable('orders')
    .set({ status: 'dispatched', supplier_id: v.supplierId, updated_at: new Date() })
    .where('id', '=', v.orderId)
    .where(({ exists, not, selectFrom }) =>
      not(
        exists(
          selectFrom('dispatches')
            .select('id')
            .where('id', '=', v.dispatchId)
            .where('status', '!=', 'sent'),
        ),
      ),
    )
    .execute();
}

/** Of these marketplace order ids of one shop, the ones recorded in one of `statuses`. */
export async function platformOrdersIn(
  trx: Trx,
  shopId: string,
  platformOrderIds: readonly string[],
  statuses: readonly OrderStatus[],
): Promise<Set<string>> {
  if (platformOrderIds.length === 0) return new Set();
  const rows = await trx
    .selectFrom('orders')
    .select('platform_order_id')
    .where('shop_id', '=', shopId)
    .where('platform_order_id', 'in', platformOrderIds)
    .where('status', 'in', statuses)
    .execute();
  return new Set(rows.map((r) => r.platform_order_id));
}

export async function getOrder(trx: Trx, orderId: string) {
  return trx.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
}

/**
 * What a supplier is given of the tenant's orders behind its dispatches (R-IN-4): number,
 * mapped lines, encrypted recipient, carrier and deadline. Inside withTenant.
 */
export async function getOrdersForSupplier(trx: Trx, orderIds: readonly string[]) {
  if (orderIds.length === 0) return [];
  return trx
    .selectFrom('orders')
    .select(['id', 'platform_order_id', 'supplier_lines', 'recipient_enc', 'carrier', 'ship_by'])
    .where('id', 'in', orderIds)
    .execute();
}

/** The columns every order view shows (the summary a tenant lists). */
export const ORDER_SUMMARY_COLUMNS = [
  'o.id',
  'o.platform_order_id',
  'o.status',
  'o.ship_country',
  'o.tracking_number',
  'o.carrier',
  'o.ship_by',
  'o.created_at',
  'o.updated_at',
] as const;

/** An order's timeline (R-DIAG-1) as a JSON array, for a query over `orders as o`. */
export function timelineOf(eb: ExpressionBuilder<Database & { o: Database['orders'] }, 'o'>) {
  return jsonArrayFrom(
    eb
      .selectFrom('order_events as e')
      .select(['e.kind', 'e.detail', 'e.at'])
      .whereRef('e.order_id', '=', 'o.id')
      .orderBy('e.id'),
  ).as('timeline');
}

/** A page of the tenant's orders, newest first, each with its timeline. */
export async function listOrdersWithTimeline(trx: Trx, opts: PageRequest & OrderListFilters) {
  let q = trx.selectFrom('orders as o').select((eb) => [...ORDER_SUMMARY_COLUMNS, timelineOf(eb)]);
  if (opts.status) q = q.where('o.status', '=', opts.status);
  if (opts.shopId) q = q.where('o.shop_id', '=', opts.shopId);
  if (opts.shipByBefore)
    q = q
      // Literals, not parameters: the planner matches them to the partial index's predicate.
      .where(
        'o.status',
        'in',
        OPEN_ORDER_STATUSES.map((v) => sql.lit(v)),
      )
      .where('o.ship_by', '<', opts.shipByBefore);
  if (opts.createdFrom) q = q.where('o.created_at', '>=', opts.createdFrom);
  if (opts.createdBefore) q = q.where('o.created_at', '<', opts.createdBefore);
  if (opts.supplierId) {
    const supplierId = opts.supplierId;
    // The supplier holds (or held and shipped) one of its dispatches; taken-back ones do not count.
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('dispatches as d')
          .select(sql`1`.as('one'))
          .whereRef('d.order_id', '=', 'o.id')
          .where('d.supplier_id', '=', supplierId)
          .where('d.status', 'not in', ['withdrawn', 'rejected']),
      ),
    );
  }
  // Each filter has an index in this order (20261201040000_order_list_filters); none: the index
  // orders_tenant_created (tenant_id, created_at desc, id desc).
  return pageByKeyset(q, byCreation('desc', 'o'), opts);
}

/** What the tenant's orders list can be narrowed by; every filter is optional, all combine. */
export interface OrderListFilters {
  status?: OrderStatus | undefined;
  shopId?: string | undefined;
  supplierId?: string | undefined;
  /** Open orders whose ship-by deadline is before this (the SLA-risk filter, R-SLA-1). */
  shipByBefore?: Date | undefined;
  createdFrom?: Date | undefined;
  createdBefore?: Date | undefined;
}

/**
 * The shop's orders that have a tracking number, oldest change first, for the bulk-shipping
 * export (R-TRK-3).
 */
export async function listShippedForExport(trx: Trx, shopId: string) {
  return trx
    .selectFrom('orders')
    .select(['platform_order_id', 'carrier', 'tracking_number'])
    .where('shop_id', '=', shopId)
    .where('tracking_number', 'is not', null)
    .orderBy('updated_at')
    .$narrowType<{ tracking_number: string }>()
    .execute();
}
