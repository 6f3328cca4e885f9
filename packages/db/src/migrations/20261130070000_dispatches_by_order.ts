import { type Kysely, sql } from 'kysely';

/**
 * The partner API records a supplier's acknowledgement itself, and only for the dispatch its
 * order still waits on: the latest of the order. That check, like the diagnosis's list of an
 * order's dispatches, reads the dispatches of one order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index dispatches_order on dispatches (order_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index dispatches_order`.execute(db);
}
