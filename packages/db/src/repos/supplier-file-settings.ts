import type { SupplierConnectorKind } from '@switchyard/domain';
import type { Db, Trx } from '../client.ts';

/** Where a file supplier's batches go and when (R-RT-2); secrets already encrypted. */
export interface FileSettingsInput {
  scheduleMinutes: number[];
  email?: string | null;
  sftp?: {
    host: string;
    port: number;
    user: string;
    uploadDir: string;
    outboxDir: string;
    hostKeySha256: string;
    passwordEnc: string | null;
    privateKeyEnc: string | null;
  } | null;
}

/**
 * Sets how a supplier is reached. A file connector's settings are written with it, in the
 * caller's transaction, so a supplier never reads `file_*` without its schedule.
 */
export async function setSupplierConnector(
  db: Db | Trx,
  supplierId: string,
  connector: SupplierConnectorKind,
  file?: FileSettingsInput,
): Promise<void> {
  await db.updateTable('suppliers').set({ connector }).where('id', '=', supplierId).execute();
  if (!file) return;
  const cols = {
    schedule_minutes: file.scheduleMinutes,
    email: file.email ?? null,
    sftp_host: file.sftp?.host ?? null,
    sftp_port: file.sftp?.port ?? null,
    sftp_user: file.sftp?.user ?? null,
    sftp_upload_dir: file.sftp?.uploadDir ?? null,
    sftp_outbox_dir: file.sftp?.outboxDir ?? null,
    sftp_host_key_sha256: file.sftp?.hostKeySha256 ?? null,
    sftp_password_enc: file.sftp?.passwordEnc ?? null,
    sftp_private_key_enc: file.sftp?.privateKeyEnc ?? null,
    updated_at: new Date(),
  };
  await db
    .insertInto('supplier_file_settings')
    // A new file supplier's first batch is at its first slot from now, not a past one.
    .values({ supplier_id: supplierId, ...cols, last_slot_at: new Date() })
    .onConflict((oc) => oc.column('supplier_id').doUpdateSet(cols))
    .execute();
}

/** The active file suppliers with their settings and time zone, for the batch sweep. */
export async function listFileSuppliers(db: Db | Trx) {
  return db
    .selectFrom('suppliers as s')
    .innerJoin('supplier_file_settings as f', 'f.supplier_id', 's.id')
    .select(['s.id', 's.code', 's.name', 's.connector', 's.time_zone'])
    .selectAll('f')
    .where('s.active', '=', true)
    .where('s.connector', 'in', ['file_email', 'file_sftp'])
    .orderBy('s.code')
    .execute();
}

export type FileSupplier = Awaited<ReturnType<typeof listFileSuppliers>>[number];

/** One file supplier as the sweep reads it; undefined when it is not (or no longer) one. */
export async function getFileSupplier(db: Db | Trx, supplierId: string) {
  const all = await db
    .selectFrom('suppliers as s')
    .innerJoin('supplier_file_settings as f', 'f.supplier_id', 's.id')
    .select(['s.id', 's.code', 's.name', 's.connector', 's.time_zone'])
    .selectAll('f')
    .where('s.id', '=', supplierId)
    .where('s.active', '=', true)
    .where('s.connector', 'in', ['file_email', 'file_sftp'])
    .executeTakeFirst();
  return all;
}

/** The active supplier whose registered file address is `email` (case-insensitive). */
export async function findSupplierByFileEmail(db: Db | Trx, email: string) {
  return db
    .selectFrom('suppliers as s')
    .innerJoin('supplier_file_settings as f', 'f.supplier_id', 's.id')
    .select(['s.id', 's.code'])
    .where('s.active', '=', true)
    .where('s.connector', '=', 'file_email')
    .where((eb) => eb(eb.fn('lower', ['f.email']), '=', email.toLowerCase()))
    .execute();
}
