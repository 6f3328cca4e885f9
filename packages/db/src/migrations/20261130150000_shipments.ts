import { type Kysely, sql } from 'kysely';
import { APP_ROLE, grantToApp, isolate } from './rls.ts';

/**
 * Parcels the platform pushed back, watched for their first carrier scan (R-SLA-1). One row
 * per tracking number of an order (a split order has several), written with the push-back.
 * The first-scan sweep finds the overdue ones across tenants through a SECURITY DEFINER
 * function, then records what the carrier says under each tenant's own RLS.
 *
 * The timeline and notification kinds grow by the carrier steps (lists written out: frozen).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const kinds = [
    'received',
    'address_cleaned',
    'held',
    'address_corrected',
    'hold_released',
    'routed',
    'dispatched',
    'dispatch_refused',
    'acknowledged',
    'dispatch_withdrawn',
    'supplier_reminded',
    'shipment_escalated',
    'tracking_refused',
    'tracking_rejected',
    'tracking_pushed',
    'tracking_ready_for_export',
    'charged',
    'completed',
    'cancelled',
    'no_supplier',
    'carrier_check_skipped',
    'first_scan_recorded',
    'first_scan_missing',
  ];
  const notificationKinds = [
    'shop_deauthorized',
    'authorization_expiring',
    'shop_needs_reauth',
    'strike_warning',
    'supplier_no_ack',
    'shipment_overdue',
    'supplier_not_shipped',
    'first_scan_missing',
  ];
  const list = (values: string[]) => values.map((k) => `'${k}'`).join(', ');
  await sql
    .raw(
      `alter table order_events drop constraint order_events_kind_check,
         add constraint order_events_kind_check check (kind in (${list(kinds)}));
       alter table notifications drop constraint notifications_kind_check,
         add constraint notifications_kind_check check (kind in (${list(notificationKinds)}))`,
    )
    .execute(db);
  await sql`
    create table shipments (
      tenant_id uuid not null references tenants(id),
      order_id uuid not null references orders(id),
      tracking_number text not null check (tracking_number ~ '^[A-Z0-9]{1,40}$'),
      carrier text not null check (length(carrier) between 1 and 32),
      dispatch_id text not null references dispatches(id),
      supplier_id uuid not null references suppliers(id),
      shop_id uuid not null references shops(id),
      pushed_at timestamptz not null default now(),
      carrier_status text check (carrier_status in ('unknown', 'label_created', 'in_transit', 'delivered', 'exception')),
      checked_at timestamptz,
      first_scan_at timestamptz,
      alerted_at timestamptz,
      primary key (tenant_id, order_id, tracking_number)
    );
    create index shipments_awaiting_first_scan on shipments (pushed_at)
      where first_scan_at is null and alerted_at is null;
  `.execute(db);
  await isolate(db, 'shipments');
  await grantToApp(db, ['shipments']);
  // Tenants' rows, read across tenants by the sweep only: ids and numbers, no buyer data.
  await sql`
    create function shipments_awaiting_first_scan(p_before timestamptz, p_limit int)
      returns table (
        tenant_id uuid, order_id uuid, tracking_number text, carrier text, dispatch_id text,
        supplier_id uuid, shop_id uuid, pushed_at timestamptz
      )
      language sql stable security definer set search_path = public
      as $$
        select s.tenant_id, s.order_id, s.tracking_number, s.carrier, s.dispatch_id,
               s.supplier_id, s.shop_id, s.pushed_at
        from shipments s
        where s.first_scan_at is null and s.alerted_at is null and s.pushed_at < p_before
        order by s.pushed_at, s.tenant_id, s.order_id, s.tracking_number
        limit p_limit
      $$;
  `.execute(db);
  await sql
    .raw(`grant execute on function shipments_awaiting_first_scan(timestamptz, int) to ${APP_ROLE}`)
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
