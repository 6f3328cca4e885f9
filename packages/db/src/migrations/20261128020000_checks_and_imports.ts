import { type Kysely, sql } from 'kysely';
import { grantToApp, isolate } from './rls.ts';

/**
 * The three checks' data (R-CHK-1 SKU mappings, R-CHK-3 carriers authorized per shop), the
 * per-shop strike counter (R-PEN-1), tenant address corrections, and CSV intake (R-IN-3).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sku_mappings (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id),
      marketplace_sku_id text not null,
      seller_sku text,
      supplier_item_code text not null,
      supplier_id uuid references suppliers(id),
      units_per_sku int not null default 1 check (units_per_sku >= 1),
      components jsonb,
      active boolean not null default true,
      updated_at timestamptz not null default now(),
      unique (tenant_id, marketplace_sku_id, supplier_item_code)
    );
    create index sku_mappings_seller_sku on sku_mappings (tenant_id, seller_sku);

    alter table shops add column carriers text[] not null default '{USPS,UPS,FEDEX,TIKTOK_SHIPPING}';
    alter table shops add column consecutive_strikes int not null default 0;
    alter table shops add column total_strikes int not null default 0;

    alter table orders add column source text not null default 'marketplace' check (source in ('marketplace', 'csv'));
    alter table orders add column recipient_original_enc text;
    alter table orders add column recipient_override_enc text;
    alter table orders add column supplier_lines jsonb not null default '[]';
    alter table orders add column holds jsonb not null default '[]';

    create table csv_imports (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id),
      shop_id uuid not null references shops(id),
      file_sha256 text not null,
      filename text not null,
      rows int not null,
      accepted int not null,
      rejected int not null,
      report jsonb not null,
      created_at timestamptz not null default now(),
      unique (tenant_id, shop_id, file_sha256)
    );
    create table imported_orders (
      tenant_id uuid not null references tenants(id),
      shop_id uuid not null references shops(id),
      platform_order_id text not null,
      import_id uuid not null references csv_imports(id),
      data_enc text not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, shop_id, platform_order_id)
    );
    create index imported_orders_import on imported_orders (import_id);
  `.execute(db);
  for (const t of ['sku_mappings', 'csv_imports', 'imported_orders']) await isolate(db, t);
  await grantToApp(db, ['sku_mappings', 'csv_imports', 'imported_orders']);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
