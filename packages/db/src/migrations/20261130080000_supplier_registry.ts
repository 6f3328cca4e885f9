import { type Kysely, sql } from 'kysely';
import { APP_ROLE, CURRENT_SUPPLIER, grantToApp, isolate } from './rls.ts';

/**
 * The supplier registry that routing reads (R-RT-1): what each supplier stocks and at what
 * unit cost, what a parcel costs it by destination and channel, when it ships (cut-off in its
 * own time zone, handling days), how much it takes a day, and its record by day. Costs are
 * integer minor units of the platform's settlement currency (USD cents).
 *
 * Catalog and rates are shared by every tenant's routing, so anyone may read them; only the
 * supplier itself writes them (its scope, `app.supplier_id`; operators act in that scope too).
 * The daily figures are written by the platform when an outcome happens, crossing tenants, so
 * they are kept per supplier and day, not per order, and hold no tenant data.
 * A tenant's pins and exclusions are the tenant's own (RLS by tenant).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The timeline records each routing decision ('routed'); the list is written out (frozen).
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
  ];
  await sql
    .raw(
      `alter table order_events drop constraint order_events_kind_check,
         add constraint order_events_kind_check check (kind in (${kinds.map((k) => `'${k}'`).join(', ')}))`,
    )
    .execute(db);
  await sql`
    alter table suppliers
      add column time_zone text not null default 'Asia/Shanghai',
      add column cutoff_minute int not null default 960
        check (cutoff_minute between 0 and 1439),
      add column handling_days int not null default 1 check (handling_days between 0 and 30),
      add column daily_capacity int check (daily_capacity >= 0);

    create table supplier_items (
      supplier_id uuid not null references suppliers(id),
      supplier_item_code text not null check (length(supplier_item_code) between 1 and 100),
      stock int not null check (stock >= 0),
      unit_cost_minor bigint not null check (unit_cost_minor >= 0),
      updated_at timestamptz not null default now(),
      primary key (supplier_id, supplier_item_code)
    );
    create index supplier_items_by_code on supplier_items (supplier_item_code);

    create table supplier_rates (
      supplier_id uuid not null references suppliers(id),
      country text not null check (country ~ '^[A-Z]{2}$'),
      carrier text not null,
      parcel_cost_minor bigint not null check (parcel_cost_minor >= 0),
      updated_at timestamptz not null default now(),
      primary key (supplier_id, country, carrier)
    );

    create table supplier_days (
      supplier_id uuid not null references suppliers(id),
      day date not null,
      dispatched int not null default 0,
      acked_in_time int not null default 0,
      shipped int not null default 0,
      shipped_on_time int not null default 0,
      valid_tracking int not null default 0,
      primary key (supplier_id, day)
    );

    create table supplier_preferences (
      tenant_id uuid not null references tenants(id),
      supplier_id uuid not null references suppliers(id),
      kind text not null check (kind in ('pin', 'exclude')),
      position int not null default 0,
      created_at timestamptz not null default now(),
      primary key (tenant_id, supplier_id)
    );
  `.execute(db);
  for (const table of ['supplier_items', 'supplier_rates']) {
    await sql.raw(`alter table ${table} enable row level security`).execute(db);
    await sql.raw(`alter table ${table} force row level security`).execute(db);
    await sql.raw(`create policy ${table}_read on ${table} for select using (true)`).execute(db);
    await sql
      .raw(
        `create policy ${table}_own on ${table} for all
           using (supplier_id = ${CURRENT_SUPPLIER}) with check (supplier_id = ${CURRENT_SUPPLIER})`,
      )
      .execute(db);
  }
  await isolate(db, 'supplier_preferences');
  await grantToApp(db, ['supplier_items', 'supplier_rates', 'supplier_preferences']);
  await sql.raw(`grant select, insert, update on supplier_days to ${APP_ROLE}`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
