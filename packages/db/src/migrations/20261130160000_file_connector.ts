import { type Kysely, sql } from 'kysely';
import { CURRENT_SUPPLIER, grantToApp, isolate } from './rls.ts';

/**
 * The file connector (R-RT-2): suppliers without IT get their dispatches as a CSV batch on
 * their schedule, by e-mail or SFTP, and answer with CSV files.
 *
 * - `suppliers.connector` says how a supplier is reached; today's suppliers keep `api_push`.
 * - `supplier_file_settings`: the schedule (local minutes of day in the supplier's time zone),
 *   the e-mail address or SFTP location, the SFTP server's pinned host key (public), and the
 *   SFTP password or private key, encrypted like every other supplier secret. Platform data
 *   about a partner, like `suppliers`: outside row-level security; `last_slot_at` is the slot
 *   the batch sweep last handled, so a slot is handled once.
 * - `supplier_file_batches`: one per supplier and slot that had dispatches. Recorded, and its
 *   dispatches marked (`dispatches.file_batch_id`), in one transaction before anything is sent,
 *   so each dispatch is in exactly one batch however often the sweep runs; a sender claims the
 *   batch for a short lease (`send_claimed_at`) so racing sweeps send it once; `sent_at` is set
 *   once the file went out, and a batch without it is sent again under the same file name.
 * - `supplier_files`: each answer file received, by content hash per supplier, with its report.
 *   Batches and files are the supplier's own: row-level security by supplier.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table suppliers
      add column connector text not null default 'api_push'
        check (connector in ('api_push', 'api_pull', 'file_email', 'file_sftp'));

    create table supplier_file_settings (
      supplier_id uuid primary key references suppliers(id),
      schedule_minutes int[] not null check (
        cardinality(schedule_minutes) between 1 and 24
        and 0 <= all(schedule_minutes) and 1439 >= all(schedule_minutes)),
      email text check (length(email) between 3 and 254),
      sftp_host text check (length(sftp_host) between 1 and 253),
      sftp_port int check (sftp_port between 1 and 65535),
      sftp_user text check (length(sftp_user) between 1 and 64),
      sftp_upload_dir text check (length(sftp_upload_dir) between 1 and 255),
      sftp_outbox_dir text check (length(sftp_outbox_dir) between 1 and 255),
      sftp_host_key_sha256 text,
      sftp_password_enc text,
      sftp_private_key_enc text,
      last_slot_at timestamptz,
      updated_at timestamptz not null default now()
    );

    create table supplier_file_batches (
      id uuid primary key default gen_random_uuid(),
      supplier_id uuid not null references suppliers(id),
      slot_at timestamptz not null,
      file_name text not null,
      dispatch_count int not null check (dispatch_count > 0),
      attempts int not null default 0,
      last_error text,
      send_claimed_at timestamptz,
      sent_at timestamptz,
      created_at timestamptz not null default now(),
      unique (supplier_id, slot_at)
    );
    create index supplier_file_batches_unsent on supplier_file_batches (supplier_id)
      where sent_at is null;

    alter table dispatches add column file_batch_id uuid references supplier_file_batches(id);
    create index dispatches_awaiting_batch on dispatches (supplier_id, created_at)
      where file_batch_id is null and status = 'sent';

    create table supplier_files (
      id uuid primary key default gen_random_uuid(),
      supplier_id uuid not null references suppliers(id),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      source text not null check (source in ('upload', 'sftp', 'email')),
      file_name text not null check (length(file_name) between 1 and 255),
      status text not null check (status in ('processing', 'done', 'incomplete')),
      rows int not null default 0,
      applied int not null default 0,
      refused int not null default 0,
      report jsonb not null default '{}',
      claimed_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      unique (supplier_id, sha256)
    );
  `.execute(db);
  for (const table of ['supplier_file_batches', 'supplier_files'])
    await isolate(db, table, `supplier_id = ${CURRENT_SUPPLIER}`);
  await grantToApp(db, ['supplier_file_settings', 'supplier_file_batches', 'supplier_files']);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
