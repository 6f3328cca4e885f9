import type { Db } from '@switchyard/db';
import { sql } from 'kysely';
import { decrypt, encrypt, type Keyring, keyIdOf } from './encryption.ts';

/** Every encrypted column, with the key that identifies its row. */
const ENCRYPTED: ReadonlyArray<{ table: string; key: string; columns: readonly string[] }> = [
  { table: 'shops', key: 'id', columns: ['access_token_enc', 'refresh_token_enc'] },
  { table: 'suppliers', key: 'id', columns: ['signing_secret_enc'] },
  {
    table: 'supplier_file_settings',
    key: 'supplier_id',
    columns: ['sftp_password_enc', 'sftp_private_key_enc'],
  },
  {
    table: 'orders',
    key: 'id',
    columns: ['recipient_enc', 'recipient_original_enc', 'recipient_override_enc'],
  },
  {
    table: 'imported_orders',
    key: "tenant_id::text || '/' || shop_id::text || '/' || platform_order_id",
    columns: ['data_enc'],
  },
];

/**
 * Re-encrypts every value not yet under the keyring's current key, in batches, without
 * downtime: readers decrypt with any key of the ring, so old and new values coexist while this
 * runs. Needs a connection that sees all tenants (the owner/admin URL). Returns counts per table.
 */
export async function rotateEncryptionKeys(
  db: Db,
  ring: Keyring,
  batch = 500,
): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  const current = ring.currentKeyId;
  for (const { table, key, columns } of ENCRYPTED) {
    done[table] = 0;
    for (const column of columns) {
      for (;;) {
        const { rows } = await sql<{ k: string; v: string }>`
          select ${sql.raw(key)} as k, ${sql.ref(column)} as v from ${sql.table(table)}
          where ${sql.ref(column)} is not null and split_part(${sql.ref(column)}, '.', 2) <> ${current}
          limit ${batch}`.execute(db);
        if (rows.length === 0) break;
        await db.transaction().execute(async (trx) => {
          for (const r of rows) {
            if (keyIdOf(r.v) === current) continue;
            const fresh = encrypt(ring, decrypt(ring, r.v));
            // Compare-and-set: a value changed meanwhile by the app is left for the next pass.
            await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${fresh}
              where ${sql.raw(key)} = ${r.k} and ${sql.ref(column)} = ${r.v}`.execute(trx);
          }
        });
        done[table] += rows.length;
      }
    }
  }
  return done;
}
