import { type Kysely, sql } from 'kysely';
import { grantToApp, isolate } from './rls.ts';

/**
 * Issue 11: fee plans per tenant and an append-only ledger that explains each of its lines.
 *
 * - `fee_plans`: a tenant's terms from `effective_from` on (R-BIL-1 base fee and markup, the
 *   R-SLA-5 credit rule, whether cancelled orders pay); the plan in effect at a time is the
 *   latest one started by then, the platform default (in @switchyard/billing) before any.
 * - `ledger_entries` keeps its columns and their meanings (tenant_id, order_id, kind,
 *   amount_minor, currency, created_at) and gains: `entry_key`, the one idempotency key of a
 *   line (unique per tenant: `order_fee:<order>`, `logistics_markup:<dispatch>`,
 *   `sla_credit:<order>:<sla>`, `adjustment:<operator's key>`), so each charge is written once
 *   whatever is retried (R-BIL-3) while an order may carry several adjustments; the plan and
 *   explanation it was computed with; what it references (dispatch, SLA, operator and reason).
 *   `order_id` becomes optional: an operator's adjustment may concern no single order.
 * - The ledger is append-only: a trigger refuses UPDATE, DELETE and TRUNCATE, whoever asks. A
 *   wrong line is corrected by an adjustment, never by editing it.
 * - `ledger_entries_period` serves the month close's one aggregate per tenant and month as an
 *   index-only scan.
 *
 * Value lists written out, not imported: a migration is frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table fee_plans (
      id bigint generated always as identity primary key,
      tenant_id uuid not null references tenants(id),
      effective_from timestamptz not null,
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      order_fee_minor bigint not null check (order_fee_minor >= 0),
      markup_bp int not null check (markup_bp between 0 and 10000),
      sla_credit_kind text not null check (sla_credit_kind in ('none', 'amount', 'percent')),
      sla_credit_value bigint not null check (sla_credit_value >= 0),
      charge_cancelled boolean not null,
      set_by text not null,
      created_at timestamptz not null default now(),
      unique (tenant_id, effective_from)
    );

    alter table ledger_entries
      alter column order_id drop not null,
      add column entry_key text,
      add column plan_id bigint references fee_plans(id),
      add column explanation jsonb not null default '{}'::jsonb
        check (jsonb_typeof(explanation) = 'object'),
      add column dispatch_id text references dispatches(id),
      add column sla text check (sla in ('R-SLA-5', 'R-SLA-1')),
      add column reason text check (length(reason) between 1 and 500),
      add column operator_id text;
    update ledger_entries set entry_key = kind || ':' || order_id;
    alter table ledger_entries
      alter column entry_key set not null,
      drop constraint ledger_entries_tenant_id_order_id_kind_key,
      add constraint ledger_entries_entry_key_key unique (tenant_id, entry_key),
      add constraint ledger_entries_entry_key_kind check (starts_with(entry_key, kind || ':')),
      add constraint ledger_entries_sign check (
        case kind when 'sla_credit' then amount_minor < 0
                  when 'adjustment' then amount_minor <> 0
                  else amount_minor >= 0 end),
      add constraint ledger_entries_refs check (
        case kind when 'order_fee' then order_id is not null
                  when 'logistics_markup' then order_id is not null and dispatch_id is not null
                  when 'sla_credit' then order_id is not null and sla is not null
                  else reason is not null and operator_id is not null end);

    create index ledger_entries_period on ledger_entries (tenant_id, created_at)
      include (kind, currency, amount_minor);
    create index ledger_entries_by_order on ledger_entries (tenant_id, order_id, id);

    create function ledger_entries_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'ledger_entries is append-only: % refused', tg_op
          using errcode = 'restrict_violation',
                hint = 'correct a line with an adjustment';
      end
    $$;
    create trigger ledger_entries_no_update_delete before update or delete on ledger_entries
      for each row execute function ledger_entries_append_only();
    create trigger ledger_entries_no_truncate before truncate on ledger_entries
      for each statement execute function ledger_entries_append_only();
  `.execute(db);
  await isolate(db, 'fee_plans');
  await grantToApp(db, ['fee_plans']);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
