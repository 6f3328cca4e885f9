import { type Kysely, sql } from 'kysely';

/**
 * Shops without an API binding (R-IN-3): sellers who only exchange files. Their orders come
 * by CSV import and their tracking goes back by the bulk-shipping export, never by API.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table shops add column mode text not null default 'api' check (mode in ('api', 'csv'))`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
