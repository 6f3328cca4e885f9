import { type Kysely, sql } from 'kysely';
import { CURRENT_SUPPLIER, CURRENT_TENANT, grantToApp, isolate } from './rls.ts';

/**
 * TikTok Shipping labels (issue 10 item 7, R-CHK-3): the platform buys one package per order
 * whose shipping type is TIKTOK and keeps its label. The document is kept, not TikTok's link:
 * a `doc_url` lasts 24 hours and a file supplier may print days later. It shows the buyer's
 * address, so it is stored encrypted and erased with the order's other buyer data (R-ONB-3).
 *
 * A supplier reads the label of an order only through a dispatch addressed to it and not taken
 * back (withdrawn, rejected): a re-routed parcel is the next supplier's. The policy reads
 * `dispatches`, whose own policy shows a supplier only its dispatches.
 *
 * The timeline grows by `label_purchased` (lists written out: frozen).
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
    'label_purchased',
  ];
  const list = (values: string[]) => values.map((k) => `'${k}'`).join(', ');
  await sql
    .raw(
      `alter table order_events drop constraint order_events_kind_check,
         add constraint order_events_kind_check check (kind in (${list(kinds)}))`,
    )
    .execute(db);
  await sql`
    create table order_labels (
      tenant_id uuid not null references tenants(id),
      order_id uuid not null references orders(id),
      package_id text not null check (package_id ~ '^[0-9A-Za-z_-]{1,64}$'),
      tracking_number text not null check (tracking_number ~ '^[A-Z0-9]{1,40}$'),
      carrier text not null check (length(carrier) between 1 and 32),
      service_id text check (length(service_id) between 1 and 64),
      service_name text check (length(service_name) between 1 and 200),
      price_minor bigint check (price_minor >= 0),
      currency text check (currency ~ '^[A-Z]{3}$'),
      document_enc text,
      document_type text not null check (length(document_type) between 1 and 100),
      created_at timestamptz not null default now(),
      handed_over_at timestamptz,
      primary key (tenant_id, order_id)
    );
  `.execute(db);
  await isolate(
    db,
    'order_labels',
    `tenant_id = ${CURRENT_TENANT} or exists (select 1 from dispatches d where d.order_id = order_labels.order_id and d.supplier_id = ${CURRENT_SUPPLIER} and d.status not in ('withdrawn', 'rejected'))`,
  );
  await grantToApp(db, ['order_labels']);
  // Erased with the order's buyer data: the purge clears recipient_enc (purge_buyer_data).
  await sql`
    create function erase_order_label() returns trigger
      language plpgsql security definer set search_path = public
      as $$
      begin
        update order_labels set document_enc = null
          where tenant_id = new.tenant_id and order_id = new.id;
        return new;
      end $$;
    create trigger orders_erase_label after update of recipient_enc on orders
      for each row when (old.recipient_enc is not null and new.recipient_enc is null)
      execute function erase_order_label();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
