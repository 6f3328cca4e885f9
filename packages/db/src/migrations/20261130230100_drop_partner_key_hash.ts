import { type Kysely, sql } from 'kysely';

/**
 * Partner keys live in `partner_keys` (hashed, several per supplier during a rotation) since
 * 20261130140000_partner_api, which copied the last of these hashes there; this column has been
 * neither read nor written since.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table suppliers drop column partner_key_hash`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
