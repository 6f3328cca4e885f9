import { type Kysely, sql } from 'kysely';
import { APP_ROLE, CURRENT_SUPPLIER, CURRENT_TENANT, isolate } from './rls.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table tenants (
      id uuid primary key,
      name text not null check (length(name) between 1 and 200),
      created_at timestamptz not null default now()
    );
    create table shops (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id),
      platform text not null default 'tiktok',
      platform_shop_id text not null,
      name text not null,
      region text not null,
      cipher text not null,
      status text not null default 'active' check (status in ('active', 'needs_reauth', 'deauthorized')),
      access_token_enc text,
      refresh_token_enc text,
      access_expires_at timestamptz,
      refresh_expires_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (platform, platform_shop_id)
    );
    create index shops_tenant on shops (tenant_id);
    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id),
      name text not null,
      prefix text not null,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      revoked_at timestamptz
    );
    create table suppliers (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      name text not null,
      endpoint_url text not null,
      signing_secret_enc text not null,
      partner_key_hash text not null unique,
      countries text[] not null,
      carriers text[] not null,
      active boolean not null default true,
      created_at timestamptz not null default now()
    );
    create table orders (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id),
      shop_id uuid not null references shops(id),
      platform_order_id text not null,
      workflow_id text not null,
      status text not null,
      ship_country text,
      currency text,
      total_minor bigint,
      lines jsonb not null default '[]',
      recipient_enc text,
      ship_by timestamptz,
      supplier_id uuid references suppliers(id),
      tracking_number text,
      carrier text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (tenant_id, shop_id, platform_order_id)
    );
    create index orders_tenant_created on orders (tenant_id, created_at desc, id desc);
    create table order_events (
      id bigint generated always as identity primary key,
      tenant_id uuid not null references tenants(id),
      order_id uuid not null references orders(id),
      kind text not null,
      dedupe_key text not null,
      detail jsonb not null default '{}',
      at timestamptz not null default now(),
      unique (tenant_id, order_id, dedupe_key)
    );
    create table dispatches (
      id text primary key,
      tenant_id uuid not null references tenants(id),
      order_id uuid not null references orders(id),
      supplier_id uuid not null references suppliers(id),
      workflow_id text not null,
      attempt int not null,
      status text not null default 'sent' check (status in ('sent', 'acknowledged', 'rejected', 'shipped', 'withdrawn')),
      expected_ship_at timestamptz,
      tracking_number text,
      carrier text,
      created_at timestamptz not null default now(),
      acked_at timestamptz,
      shipped_at timestamptz
    );
    create index dispatches_supplier on dispatches (supplier_id, created_at desc);
    create table ledger_entries (
      id bigint generated always as identity primary key,
      tenant_id uuid not null references tenants(id),
      order_id uuid not null references orders(id),
      kind text not null check (kind in ('order_fee', 'logistics_markup', 'sla_credit', 'adjustment')),
      amount_minor bigint not null,
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      created_at timestamptz not null default now(),
      unique (tenant_id, order_id, kind)
    );
    create table webhook_inbox (
      id bigint generated always as identity primary key,
      tenant_id uuid not null references tenants(id),
      shop_id uuid not null references shops(id),
      notification_id text not null,
      type int not null,
      payload jsonb not null,
      received_at timestamptz not null default now(),
      processed_at timestamptz,
      unique (tenant_id, notification_id)
    );
    create index webhook_inbox_pending on webhook_inbox (received_at) where processed_at is null;
    create table api_calls (
      id bigint generated always as identity primary key,
      tenant_id uuid not null references tenants(id),
      order_id uuid references orders(id),
      target text not null,
      endpoint text not null,
      http_status int,
      code text,
      latency_ms int not null,
      at timestamptz not null default now()
    );
    create index api_calls_order on api_calls (tenant_id, order_id, at);
  `.execute(db);

  await isolate(db, 'tenants', `id = ${CURRENT_TENANT}`);
  for (const t of [
    'shops',
    'api_tokens',
    'orders',
    'order_events',
    'ledger_entries',
    'webhook_inbox',
    'api_calls',
  ]) {
    await isolate(db, t);
  }
  // A supplier sees the dispatches addressed to it, and nothing else of the tenant.
  await isolate(
    db,
    'dispatches',
    `tenant_id = ${CURRENT_TENANT} or supplier_id = ${CURRENT_SUPPLIER}`,
  );

  // Lookups that must cross tenants before a tenant is known. SECURITY DEFINER runs them as the
  // owner; each returns only the ids needed to open a tenant-scoped transaction.
  await sql`
    create function resolve_shop(p_platform text, p_shop_id text)
      returns table (tenant_id uuid, shop_id uuid, status text)
      language sql stable security definer set search_path = public
      as $$ select s.tenant_id, s.id, s.status from shops s where s.platform = p_platform and s.platform_shop_id = p_shop_id $$;
    create function resolve_api_token(p_hash text)
      returns uuid
      language sql stable security definer set search_path = public
      as $$ select t.tenant_id from api_tokens t where t.token_hash = p_hash and t.revoked_at is null $$;
  `.execute(db);
  await sql
    .raw(`grant select, insert, update, delete on all tables in schema public to ${APP_ROLE}`)
    .execute(db);
  await sql.raw(`grant usage on all sequences in schema public to ${APP_ROLE}`).execute(db);
  await sql.raw(`grant execute on all functions in schema public to ${APP_ROLE}`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the foundation migration is not reversible');
}
