import { type Kysely, sql } from 'kysely';
import { APP_ROLE, grantToApp } from './rls.ts';

/**
 * Portal sessions for suppliers and operators, and one-time sign-in links (issue 12, item 6).
 *
 * `actor_sessions` is the supplier's or operator's counterpart of the tenant `sessions` table:
 * one kind per row, never both, resolved from the cookie before any scope exists, so outside
 * row-level security like `operator_tokens`. An operator session names the operator token it
 * was exchanged for (the operator's identity in acks and ledger adjustments stays that id).
 *
 * `sign_in_links` are single use, short-lived and stored only as hashes; a link names exactly
 * one subject of its kind (tenant, supplier or operator).
 *
 * The operator pages read across tenants through three SECURITY DEFINER functions, like
 * `parked_inbox()`: tenants with their counts, the SLA board (open orders due soon or late:
 * ids, numbers, statuses and deadlines, never buyer data) and the month closes (invoices).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table actor_sessions (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('supplier', 'operator')),
      supplier_id uuid references suppliers(id),
      operator_token_id uuid references operator_tokens(id),
      token_hash text not null unique,
      expires_at timestamptz not null,
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      check ((kind = 'supplier') = (supplier_id is not null)),
      check ((kind = 'operator') = (operator_token_id is not null))
    );
    create table sign_in_links (
      token_hash text primary key,
      kind text not null check (kind in ('tenant', 'supplier', 'operator')),
      tenant_id uuid references tenants(id),
      supplier_id uuid references suppliers(id),
      operator_token_id uuid references operator_tokens(id),
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now(),
      check ((kind = 'tenant') = (tenant_id is not null)),
      check ((kind = 'supplier') = (supplier_id is not null)),
      check ((kind = 'operator') = (operator_token_id is not null))
    );
  `.execute(db);
  await grantToApp(db, ['actor_sessions', 'sign_in_links']);
  await sql`
    create function operator_tenants(p_limit int)
      returns table (id uuid, name text, created_at timestamptz, shops bigint, open_orders bigint)
      language sql stable security definer set search_path = public
      as $$
        select t.id, t.name, t.created_at,
          (select count(*) from shops s where s.tenant_id = t.id),
          (select count(*) from orders o where o.tenant_id = t.id
             and o.status not in ('shipped', 'completed', 'cancelled', 'failed'))
        from tenants t order by t.created_at, t.id limit p_limit
      $$;
    create function operator_sla_board(p_horizon interval, p_limit int)
      returns table (tenant_id uuid, tenant_name text, order_id uuid, platform_order_id text,
                     status text, ship_by timestamptz)
      language sql stable security definer set search_path = public
      as $$
        select o.tenant_id, t.name, o.id, o.platform_order_id, o.status::text, o.ship_by
        from orders o join tenants t on t.id = o.tenant_id
        where o.status not in ('shipped', 'completed', 'cancelled', 'failed')
          and o.ship_by is not null and o.ship_by < now() + p_horizon
        order by o.ship_by, o.id limit p_limit
      $$;
    create function operator_month_closes(p_limit int)
      returns table (tenant_id uuid, tenant_name text, period text, currency text, status text,
                     ledger_total_minor bigint, stripe_total_minor bigint,
                     hosted_invoice_url text, updated_at timestamptz)
      language sql stable security definer set search_path = public
      as $$
        select i.tenant_id, t.name, i.period, i.currency, i.status::text, i.ledger_total_minor,
          i.stripe_total_minor, i.hosted_invoice_url, i.updated_at
        from billing_invoices i join tenants t on t.id = i.tenant_id
        order by i.period desc, t.name, i.currency limit p_limit
      $$;
  `.execute(db);
  await sql
    .raw(
      `grant execute on function operator_tenants(int), operator_sla_board(interval, int), operator_month_closes(int) to ${APP_ROLE}`,
    )
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
