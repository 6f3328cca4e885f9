import { type Kysely, sql } from 'kysely';
import { APP_ROLE, CURRENT_SUPPLIER, grantToApp, isolate } from './rls.ts';

/**
 * The partner API, complete (R-RT-2, R-SLA-2):
 *
 * - `partner_keys`: a supplier may hold two live keys at once while it rotates; each key is a
 *   row (hash only) that is revoked, or expires at the end of its overlap. The keys registered
 *   so far move here; `suppliers.partner_key_hash` is no longer read or written and becomes
 *   nullable so an api of the previous release keeps authenticating while it is replaced (a
 *   later migration drops it). Keys are looked up before any supplier is known and hold no
 *   tenant data, so they sit outside row-level security, as `suppliers` does.
 * - `idempotency_keys`: the first answer to each `Idempotency-Key` a supplier sends on a POST,
 *   replayed to a retry of the same request. A supplier sees and writes only its own (RLS by
 *   `app.supplier_id`); `purge_idempotency_keys` deletes old ones across suppliers.
 * - an index for the pull listing: a supplier's dispatches in creation order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table partner_keys (
      id uuid primary key default gen_random_uuid(),
      supplier_id uuid not null references suppliers(id),
      prefix text not null,
      key_hash text not null unique,
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      revoked_at timestamptz
    );
    create index partner_keys_supplier on partner_keys (supplier_id) where revoked_at is null;
    insert into partner_keys (supplier_id, prefix, key_hash, created_at)
      select id, '', partner_key_hash, created_at from suppliers
      where partner_key_hash is not null;
    alter table suppliers alter column partner_key_hash drop not null;

    create table idempotency_keys (
      supplier_id uuid not null references suppliers(id),
      key text not null check (key ~ '^[ -~]{1,255}$'),
      fingerprint text not null,
      status int,
      response text,
      claimed_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      primary key (supplier_id, key)
    );
    create index idempotency_keys_created on idempotency_keys (created_at);

    create index dispatches_supplier_keyset on dispatches (supplier_id, created_at, id);

    -- Keys are promised for 24 hours: whatever the caller asks, younger ones stay.
    create function purge_idempotency_keys(p_before timestamptz)
      returns bigint
      language sql volatile security definer set search_path = public
      as $$ with gone as (
              delete from idempotency_keys
              where created_at < least(p_before, now() - interval '24 hours') returning 1)
            select count(*) from gone $$;
  `.execute(db);
  await isolate(db, 'idempotency_keys', `supplier_id = ${CURRENT_SUPPLIER}`);
  await grantToApp(db, ['partner_keys', 'idempotency_keys']);
  await sql
    .raw(`grant execute on function purge_idempotency_keys(timestamptz) to ${APP_ROLE}`)
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
