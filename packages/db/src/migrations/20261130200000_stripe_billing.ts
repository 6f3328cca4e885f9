import { type Kysely, sql } from 'kysely';
import { APP_ROLE, grantToApp, isolate } from './rls.ts';

/**
 * Invoicing through Stripe (issue 11). `billing_customers`: the tenant's Stripe customer,
 * created once, and whether the tenant is past due. `billing_invoices`: one Stripe invoice per
 * (tenant, period, currency) of a month close, with our status. `stripe_calls`: the outbox,
 * one row per Stripe call by its idempotency key, written before the call and completed after.
 * `stripe_events`: the webhook inbox by event id; it holds ids and types only (the object is
 * re-fetched), and is outside row-level security because an event arrives before its tenant
 * is known.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table billing_customers (
      tenant_id uuid primary key references tenants(id),
      stripe_customer_id text not null unique,
      default_payment_method text,
      past_due_since timestamptz,
      created_at timestamptz not null default now()
    );
    create table billing_invoices (
      id bigint generated always as identity primary key,
      tenant_id uuid not null references tenants(id),
      period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      stripe_invoice_id text not null unique,
      status text not null default 'draft'
        check (status in ('draft', 'finalized', 'paid', 'payment_failed', 'voided', 'uncollectible')),
      ledger_total_minor bigint not null,
      stripe_total_minor bigint,
      hosted_invoice_url text,
      invoice_pdf text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (tenant_id, period, currency)
    );
    create table stripe_calls (
      id bigint generated always as identity primary key,
      tenant_id uuid not null references tenants(id),
      idempotency_key text not null,
      operation text not null,
      request jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
      attempts int not null default 1,
      stripe_object_id text,
      error_code text,
      created_at timestamptz not null default now(),
      completed_at timestamptz,
      unique (tenant_id, idempotency_key)
    );
    create index stripe_calls_pending on stripe_calls (created_at) where status = 'pending';
    create table stripe_events (
      event_id text primary key check (event_id ~ '^evt_[A-Za-z0-9]{1,250}$'),
      type text not null,
      object_id text,
      created_at_stripe bigint not null,
      received_at timestamptz not null default now(),
      processed_at timestamptz
    );
    -- The close's aggregate reads ledger_entries_period (20261130190000_billing_ledger).

    create function billing_tenant_of_customer(p_customer text)
      returns uuid
      language sql stable security definer set search_path = public
      as $$ select tenant_id from billing_customers where stripe_customer_id = p_customer $$;
    create function billing_tenants_with_entries(p_from timestamptz, p_to timestamptz)
      returns setof uuid
      language sql stable security definer set search_path = public
      as $$ select distinct tenant_id from ledger_entries where created_at >= p_from and created_at < p_to $$;
  `.execute(db);
  for (const t of ['billing_customers', 'billing_invoices', 'stripe_calls']) await isolate(db, t);
  await grantToApp(db, ['billing_customers', 'billing_invoices', 'stripe_calls', 'stripe_events']);
  await sql
    .raw(
      `grant execute on function billing_tenant_of_customer(text), billing_tenants_with_entries(timestamptz, timestamptz) to ${APP_ROLE}`,
    )
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
