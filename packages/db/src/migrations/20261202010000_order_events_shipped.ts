import { type Kysely, sql } from 'kysely';

/**
 * When each of a tenant's recent orders had its tracking handed back (R-SLA-5), for the
 * dashboard's orders per day and the promise report: one range of the tenant's hand-back events
 * since the window's first day, joined to the orders by hash, instead of a lookup per order
 * through every event of every order (seconds for a week at 1,000,000 orders). Kinds written
 * out: frozen with this migration.
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
