import { type Kysely, sql } from 'kysely';

/**
 * The dashboard's orders per day (issue 12, R-SLA-5): when each order's tracking went back, read
 * as a range of the tenant's shipping events since the window's first day, beside the range of
 * orders_tenant_created, instead of one lookup per order. Kinds written out: frozen with this
 * migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index order_events_tenant_shipped on order_events (tenant_id, at, order_id)
      where kind in ('tracking_pushed', 'tracking_ready_for_export');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index order_events_tenant_shipped;`.execute(db);
}
