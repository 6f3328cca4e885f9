import { type Kysely, sql } from 'kysely';
import { grantToApp } from './rls.ts';

/**
 * Operator alerts (issue 10 item 4): what the on-call must know of, such as a supplier endpoint
 * paused after failing (R-RT-2) or an order no supplier could take. A platform table like
 * `operator_tokens`: only operators read it, and it holds ids and codes, no buyer data, so no
 * tenant policy applies; a tenant's procedures never touch it. `dedupe_key` makes raising the
 * same alert twice (a retried activity) one alert. The delivery columns drive the signed
 * operator webhook, retried with backoff.
 *
 * `dispatch_scope(id)` tells an operator procedure whose rows a dispatch is (tenant, supplier)
 * before it opens that tenant's transaction: as its owner, like `parked_inbox()`, because the
 * dispatch's tenant is not known until it is read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table operator_alerts (
      id bigint generated always as identity primary key,
      kind text not null check (kind in ('supplier_paused', 'order_unfulfilled')),
      dedupe_key text not null unique,
      supplier_id uuid references suppliers(id),
      tenant_id uuid references tenants(id),
      order_id uuid,
      message text not null,
      detail jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now(),
      acked_at timestamptz,
      acked_by uuid,
      delivery_attempts integer not null default 0,
      next_delivery_at timestamptz,
      delivered_at timestamptz,
      last_delivery_error text
    );
    create index operator_alerts_undelivered on operator_alerts (next_delivery_at)
      where delivered_at is null and next_delivery_at is not null;

    create function dispatch_scope(p_id text)
      returns table (tenant_id uuid, supplier_id uuid)
      language sql stable security definer set search_path = public
      as $$ select d.tenant_id, d.supplier_id from dispatches d where d.id = p_id $$;
    revoke all on function dispatch_scope(text) from public;
  `.execute(db);
  await grantToApp(db, ['operator_alerts']);
  await sql`grant execute on function dispatch_scope(text) to switchyard_app`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
