import { type Kysely, sql } from 'kysely';

/**
 * The promise report (R-SLA-5, the portal's dashboard) needs, for each of a tenant's orders of
 * the last days, the first time its tracking went back. Probed order by order through
 * (tenant_id, order_id, dedupe_key) that was every event of every order, seconds for a week at
 * 1,000,000 orders. This partial index holds only the hand-back events, by time, with their
 * order: the window's events are one index-only range, joined to the orders by hash. Kinds
 * written out: frozen with this migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index order_events_tracking_back on order_events (tenant_id, at) include (order_id)
      where kind in ('tracking_pushed', 'tracking_ready_for_export')
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index order_events_tracking_back`.execute(db);
}
