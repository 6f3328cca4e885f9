import { type Kysely, sql } from 'kysely';

/**
 * The orders list's filters (issue 12), each a keyset walk in (created_at desc, id desc) order
 * over an index that starts with the filter: by status, by shop, and the open orders (where
 * the SLA-risk filter reads ship_by; they are few beside the shipped ones). The supplier filter
 * checks each order's dispatches through dispatches_order; a date range is a range of
 * orders_tenant_created itself. Open statuses written out: frozen with this migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index orders_tenant_status_created on orders (tenant_id, status, created_at desc, id desc);
    create index orders_tenant_shop_created on orders (tenant_id, shop_id, created_at desc, id desc);
    create index orders_tenant_open_created on orders (tenant_id, created_at desc, id desc)
      where status in ('received', 'on_hold', 'dispatched', 'acknowledged', 'partially_shipped');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index orders_tenant_status_created;
    drop index orders_tenant_shop_created;
    drop index orders_tenant_open_created;
  `.execute(db);
}
