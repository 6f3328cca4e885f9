import { type Kysely, sql } from 'kysely';
import { APP_ROLE, grantToApp, isolate } from './rls.ts';

/**
 * A supplier's shipment message (R-SLA-3), recorded by the api before it answers, so that a
 * 2xx never depends on the order's workflow or its worker being up: the workflow is woken by a
 * signal and takes it from there. One row per dispatch and content (`content_key`, a digest of
 * the normalized number, carrier and lines): the same shipment sent again finds its row. The
 * message is kept as it was sent (`message`). `taken_at` is written by the push-back that took
 * it; `woken_at` by the sweep that re-wakes an order whose signal was lost. The sweep reads
 * across tenants through a SECURITY DEFINER function (ids, numbers, carriers: no buyer data).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table supplier_shipments (
      id bigint generated always as identity primary key,
      tenant_id uuid not null references tenants(id),
      order_id uuid not null references orders(id),
      dispatch_id text not null references dispatches(id),
      content_key text not null check (content_key ~ '^[0-9a-f]{64}$'),
      tracking_number text not null check (length(tracking_number) between 1 and 64),
      carrier text not null check (length(carrier) between 1 and 64),
      message jsonb not null,
      received_at timestamptz not null default now(),
      woken_at timestamptz not null default now(),
      taken_at timestamptz,
      unique (dispatch_id, content_key)
    );
    create index supplier_shipments_untaken on supplier_shipments (woken_at)
      where taken_at is null;
  `.execute(db);
  await isolate(db, 'supplier_shipments');
  await grantToApp(db, ['supplier_shipments']);
  await sql`
    create function supplier_shipments_to_wake(p_before timestamptz, p_limit int)
      returns table (
        id bigint, tenant_id uuid, dispatch_id text, workflow_id text, tracking_number text,
        carrier text, message jsonb
      )
      language sql stable security definer set search_path = public
      as $$
        select s.id, s.tenant_id, s.dispatch_id, d.workflow_id, s.tracking_number, s.carrier,
               s.message
        from supplier_shipments s
        join dispatches d on d.id = s.dispatch_id
        join orders o on o.id = s.order_id
        where s.taken_at is null and s.woken_at < p_before
          and d.status in ('sent', 'acknowledged')
          and o.status not in ('completed', 'cancelled', 'failed')
        order by s.woken_at, s.id
        limit p_limit
      $$;
  `.execute(db);
  await sql
    .raw(`grant execute on function supplier_shipments_to_wake(timestamptz, int) to ${APP_ROLE}`)
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
