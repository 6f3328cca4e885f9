import { type Kysely, sql } from 'kysely';
import { APP_ROLE, grantToApp, isolate } from './rls.ts';

/**
 * Billing reconciliation and changes to closed periods (issue 11).
 *
 * `billing_carryovers`: what a close billed of an earlier, already invoiced period (a late
 * charge, credit or adjustment dated in it), one row per (tenant, currency, invoice period,
 * period carried), written with the invoice row of the close that bills it.
 *
 * `billing_findings`: what the reconciliation found wrong, one row per (kind, subject), open
 * until a run no longer finds it. A platform table like `operator_alerts` (operators read it;
 * ids and amounts only), so no tenant policy. A finding raises a `billing_discrepancy` alert.
 *
 * The `billing_recon_*` functions read across tenants for the reconciliation only, as their
 * owner, returning ids.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table billing_carryovers (
      tenant_id uuid not null references tenants(id),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      for_period text not null check (for_period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      amount_minor bigint not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, currency, period, for_period),
      check (for_period < period)
    );
    create table billing_findings (
      id bigint generated always as identity primary key,
      kind text not null check (kind in
        ('order_fee_missing', 'markup_missing', 'total_mismatch', 'close_stuck', 'stripe_unknown')),
      subject text not null,
      tenant_id uuid references tenants(id),
      detail jsonb not null default '{}'::jsonb,
      first_seen_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      opened_at timestamptz not null default now(),
      resolved_at timestamptz,
      unique (kind, subject)
    );
    create index billing_findings_open on billing_findings (kind) where resolved_at is null;

    alter table operator_alerts drop constraint operator_alerts_kind_check;
    alter table operator_alerts add constraint operator_alerts_kind_check
      check (kind in ('supplier_paused', 'order_unfulfilled', 'billing_discrepancy'));

    create function billing_recon_unbilled_orders()
      returns table (tenant_id uuid, order_id uuid, completed_at timestamptz)
      language sql stable security definer set search_path = public
      as $$ select o.tenant_id, o.id, o.updated_at from orders o
            where o.status = 'completed'
              and not exists (select 1 from ledger_entries l
                where l.tenant_id = o.tenant_id and l.entry_key = 'order_fee:' || o.id) $$;
    create function billing_recon_unbilled_dispatches()
      returns table (tenant_id uuid, order_id uuid, dispatch_id text, supplier_id uuid,
        shipped_at timestamptz)
      language sql stable security definer set search_path = public
      as $$ select d.tenant_id, d.order_id, d.id, d.supplier_id, d.shipped_at from dispatches d
            where d.status = 'shipped'
              and not exists (select 1 from ledger_entries l
                where l.tenant_id = d.tenant_id and l.entry_key = 'logistics_markup:' || d.id) $$;
    create function billing_recon_invoices()
      returns table (tenant_id uuid, period text, currency text, stripe_invoice_id text,
        status text, ledger_total_minor bigint, created_at timestamptz)
      language sql stable security definer set search_path = public
      as $$ select tenant_id, period, currency, stripe_invoice_id, status, ledger_total_minor,
              created_at from billing_invoices $$;
    create function billing_recon_customers()
      returns table (tenant_id uuid, stripe_customer_id text)
      language sql stable security definer set search_path = public
      as $$ select tenant_id, stripe_customer_id from billing_customers $$;
    revoke all on function billing_recon_unbilled_orders(), billing_recon_unbilled_dispatches(),
      billing_recon_invoices(), billing_recon_customers() from public;
  `.execute(db);
  await isolate(db, 'billing_carryovers');
  await grantToApp(db, ['billing_carryovers', 'billing_findings']);
  await sql
    .raw(
      `grant execute on function billing_recon_unbilled_orders(), billing_recon_unbilled_dispatches(), billing_recon_invoices(), billing_recon_customers() to ${APP_ROLE}`,
    )
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
