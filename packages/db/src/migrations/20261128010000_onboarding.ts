import { type Kysely, sql } from 'kysely';
import { APP_ROLE, grantToApp, isolate } from './rls.ts';

/** OAuth state, tenant sessions and tenant notifications (R-ONB-1, R-ONB-2). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Not tenant data: a state exists before any tenant does. Only hashes are stored.
    create table oauth_states (
      state_hash text primary key,
      browser_hash text not null,
      tenant_id uuid references tenants(id),
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );
    create table sessions (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id),
      token_hash text not null unique,
      expires_at timestamptz not null,
      created_at timestamptz not null default now(),
      revoked_at timestamptz
    );
    create table notifications (
      id bigint generated always as identity primary key,
      tenant_id uuid not null references tenants(id),
      shop_id uuid references shops(id),
      kind text not null,
      message text not null,
      dedupe_key text not null,
      created_at timestamptz not null default now(),
      read_at timestamptz,
      unique (tenant_id, dedupe_key)
    );
    create function resolve_session(p_hash text)
      returns uuid
      language sql stable security definer set search_path = public
      as $$ select s.tenant_id from sessions s where s.token_hash = p_hash and s.revoked_at is null and s.expires_at > now() $$;
  `.execute(db);
  for (const t of ['sessions', 'notifications']) await isolate(db, t);
  await grantToApp(db, ['oauth_states', 'sessions', 'notifications']);
  await sql.raw(`grant execute on function resolve_session(text) to ${APP_ROLE}`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
