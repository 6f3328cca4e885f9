import { type Kysely, sql } from 'kysely';

/**
 * platform_metrics() again, with two changes: holds counted by code over time (each `held`
 * event's codes, R-CHK-*), and re-routes counted right: a dispatch's attempt is 0 for the
 * order's (or line group's) first supplier, so every attempt above 0 is a re-route (the first
 * version counted from 2 and missed each order's first re-route).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function platform_metrics()
      returns table (metric text, label_a text, label_b text, value double precision)
      language sql stable security definer set search_path = public
      set statement_timeout = '5s'
      as $$
        select 'orders', status, '', count(*)::float8 from orders group by status
        union all
        select 'order_events', kind, '', count(*)::float8 from order_events
          where kind in ('completed', 'cancelled', 'no_supplier', 'held',
                         'tracking_rejected', 'tracking_refused', 'shipment_escalated')
          group by kind
        union all
        select 'held_orders', h->>'code', '', count(distinct o.id)::float8
          from orders o cross join lateral jsonb_array_elements(o.holds) h
          where o.status in ('received', 'on_hold') and jsonb_array_length(o.holds) > 0
          group by h->>'code'
        union all
        select 'hold_codes', h->>'code', '', count(*)::float8
          from order_events e cross join lateral jsonb_array_elements(e.detail->'holds') h
          where e.kind = 'held' and jsonb_typeof(e.detail->'holds') = 'array'
          group by h->>'code'
        union all
        select 'notifications', kind, '', count(*)::float8 from notifications
          where kind in ('supplier_no_ack', 'shipment_overdue', 'supplier_not_shipped',
                         'first_scan_missing')
          group by kind
        union all
        select 're_routes', '', '', count(*)::float8 from dispatches where attempt > 0
        union all
        select 'supplier_delivery_failures', substr(target, 10), '', count(*)::float8
          from api_calls
          where target like 'supplier:%' and endpoint = 'POST dispatch' and code is not null
          group by target
        union all
        select 'ledger_minor', kind, currency, sum(amount_minor)::float8
          from ledger_entries group by kind, currency
        union all
        select 'ledger_entries', kind, currency, count(*)::float8
          from ledger_entries group by kind, currency
        union all
        select 'inbox_unrouted', '', '', count(*)::float8
          from webhook_inbox where processed_at is null and parked_at is null
        union all
        select 'inbox_parked', '', '', count(*)::float8
          from webhook_inbox where processed_at is null and parked_at is not null
        union all
        select 'inbox_oldest_unrouted_s', '', '',
          coalesce(extract(epoch from now() - min(received_at)), 0)::float8
          from webhook_inbox where processed_at is null and parked_at is null
        union all
        select 'suppliers_paused', '', '', count(*)::float8
          from suppliers where paused_at is not null
      $$;
    revoke all on function platform_metrics() from public;
    grant execute on function platform_metrics() to switchyard_app;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
