import { type Kysely, sql } from 'kysely';
import { APP_ROLE, grantToApp } from './rls.ts';

/**
 * A stored notification whose routing fails for a reason that will not change (a payload an
 * earlier release accepted and no release can route) was retried by the sweep forever. Each
 * failure is now counted with its error, and after a bounded number the entry is parked: no
 * longer swept, listed for operators, who can requeue it.
 *
 * Operators act across tenants, so they get their own bearer tokens (`sy_op_…`, stored only as
 * SHA-256 like tenant tokens). `operator_tokens` stays outside row-level security because that
 * is its point: an operator is no tenant, and a token is resolved before any scope exists. The
 * inbox itself stays under tenant RLS; operators read parked entries through one SECURITY
 * DEFINER function that returns what the listing shows and never the payload, and requeue an
 * entry inside its tenant's transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table webhook_inbox
      add column attempts int not null default 0,
      add column last_error text,
      add column parked_at timestamptz;
    drop index webhook_inbox_pending;
    create index webhook_inbox_pending on webhook_inbox (received_at)
      where processed_at is null and parked_at is null;
    create index webhook_inbox_parked on webhook_inbox (id) where parked_at is not null;

    drop function pending_inbox(timestamptz, int);
    create function pending_inbox(p_older_than timestamptz, p_limit int)
      returns table (tenant_id uuid, shop_id uuid, notification_id text, payload text, attempts int)
      language sql stable security definer set search_path = public
      as $$ select i.tenant_id, i.shop_id, i.notification_id, i.payload::text, i.attempts
            from webhook_inbox i
            where i.processed_at is null and i.parked_at is null and i.received_at < p_older_than
            order by i.received_at limit p_limit $$;

    create function parked_inbox(p_after bigint, p_limit int)
      returns table (id bigint, tenant_id uuid, shop_id uuid, notification_id text, type int,
                     attempts int, last_error text, received_at timestamptz, parked_at timestamptz)
      language sql stable security definer set search_path = public
      as $$ select i.id, i.tenant_id, i.shop_id, i.notification_id, i.type, i.attempts,
                   i.last_error, i.received_at, i.parked_at
            from webhook_inbox i
            where i.parked_at is not null and i.processed_at is null and i.id > p_after
            order by i.id limit p_limit $$;

    create table operator_tokens (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 100),
      prefix text not null,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      revoked_at timestamptz
    );
  `.execute(db);
  await grantToApp(db, ['operator_tokens']);
  await sql
    .raw(
      `grant execute on function pending_inbox(timestamptz, int), parked_inbox(bigint, int) to ${APP_ROLE}`,
    )
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
