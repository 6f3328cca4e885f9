import type { Db } from '@switchyard/db';
import { sql } from 'kysely';

/** Where a tenant's bulk orders go: its shops (the first takes most) and the suppliers. */
export interface SeedTarget {
  tenantId: string;
  shopIds: readonly string[];
  supplierIds: readonly string[];
  /** Marketplace order ids start with it, unique per tenant's run. */
  prefix: string;
  orders: number;
  /** Spread evenly over this many days before now. */
  days: number;
}

/**
 * A large seller's history, written in bulk by the owner into the tables the platform writes
 * (orders, dispatches, order_events, with their constraints, foreign keys and indexes): a few
 * statements of generate_series, one pseudo-random draw per order (`setseed`, so a run's mix is
 * the same at the same size).
 *
 * The mix, by age: the last two days are in flight (received, held, with a supplier, partly
 * shipped, some shipped); the last week mostly shipped or completed, a few stuck; older ones
 * completed, with cancellations, failures and old holds sprinkled. Deadlines (R-SLA-1) are three
 * days after receipt, absent for a few. One order in twenty of those routed was rejected by a
 * first supplier before the one that holds it (its dispatch kept, as the platform keeps it).
 */
export async function seedOrders(admin: Db, t: SeedTarget): Promise<void> {
  const shops = sql`${`{${t.shopIds.join(',')}}`}::uuid[]`;
  const suppliers = sql`${`{${t.supplierIds.join(',')}}`}::uuid[]`;
  await admin.transaction().execute(async (trx) => {
    await sql`set local synchronous_commit = off`.execute(trx);
    await sql`select setseed(0.42)`.execute(trx);
    await sql`
      insert into orders (tenant_id, shop_id, platform_order_id, workflow_id, status,
        ship_country, currency, total_minor, lines, recipient_enc, ship_by, supplier_id,
        tracking_number, carrier, created_at, updated_at)
      select ${t.tenantId}::uuid, s.shop_id, s.pid, 'order-' || s.pid, s.status,
        'US', 'USD', 500 + (s.r2 * 20000)::bigint,
        jsonb_build_array(jsonb_build_object('skuId', 'sku-' || (s.r2 * 400)::int,
          'sellerSku', 'SELLER-' || (s.r2 * 400)::int, 'name', 'Item', 'quantity', 1)),
        'v1.' || md5(s.pid) || md5(s.pid || 'r') || md5(s.pid || 'e'),
        case when s.r2 > 0.03 then s.created_at + interval '3 days' end,
        case when s.status in ('dispatched', 'acknowledged', 'partially_shipped', 'shipped',
            'completed') then (${suppliers})[1 + least(floor(s.r3 * s.r3 * ${t.supplierIds.length})::int, ${t.supplierIds.length - 1})] end,
        case when s.status in ('partially_shipped', 'shipped', 'completed')
          then '9400' || lpad(s.g::text, 18, '0') end,
        case when s.status in ('partially_shipped', 'shipped', 'completed') then 'USPS' end,
        s.created_at, s.created_at + interval '1 hour'
      from (
        select g, pid, created_at, r, r2, r3, shop_id,
          case
            when age < interval '2 days' then case
              when r < 0.10 then 'received' when r < 0.15 then 'on_hold'
              when r < 0.40 then 'dispatched' when r < 0.75 then 'acknowledged'
              when r < 0.80 then 'partially_shipped' when r < 0.95 then 'shipped'
              when r < 0.98 then 'cancelled' else 'failed' end
            when age < interval '7 days' then case
              when r < 0.40 then 'shipped' when r < 0.90 then 'completed'
              when r < 0.93 then 'acknowledged' when r < 0.95 then 'on_hold'
              when r < 0.99 then 'cancelled' else 'failed' end
            else case
              when r < 0.93 then 'completed' when r < 0.98 then 'cancelled'
              when r < 0.99 then 'failed' when r < 0.995 then 'on_hold' else 'shipped' end
          end as status
        from (
          select g, ${t.prefix} || g as pid, random() as r, random() as r2, random() as r3,
            now() - ${t.days} * interval '1 day' * (g::float8 / ${t.orders}) as created_at,
            ${t.days} * interval '1 day' * (g::float8 / ${t.orders}) as age,
            (${shops})[1 + least(floor(random() * random() * ${t.shopIds.length})::int, ${t.shopIds.length - 1})] as shop_id
          from generate_series(1, ${t.orders}) g
        ) x
      ) s`.execute(trx);

    // The dispatch that holds each routed order, and now and then a first supplier's refusal.
    await sql`
      insert into dispatches (id, tenant_id, order_id, supplier_id, workflow_id, attempt, status,
        created_at, acked_at, shipped_at, tracking_number, carrier)
      select 'd-' || o.platform_order_id, o.tenant_id, o.id, o.supplier_id, o.workflow_id, 1,
        case o.status when 'dispatched' then 'sent' when 'acknowledged' then 'acknowledged'
          else 'shipped' end,
        o.created_at + interval '10 minutes',
        case when o.status <> 'dispatched' then o.created_at + interval '1 hour' end,
        case when o.tracking_number is not null then o.created_at + interval '20 hours' end,
        o.tracking_number, o.carrier
      from orders o
      where o.tenant_id = ${t.tenantId} and o.supplier_id is not null
      union all
      select 'd0-' || o.platform_order_id, o.tenant_id, o.id,
        (${suppliers})[1 + (hashtext(o.platform_order_id) & 1023) % ${t.supplierIds.length}],
        o.workflow_id, 0, 'rejected', o.created_at + interval '5 minutes', null, null, null, null
      from orders o
      where o.tenant_id = ${t.tenantId} and o.supplier_id is not null
        and hashtext(o.platform_order_id) % 20 = 0`.execute(trx);

    // The timeline: received; routed to a supplier; tracking pushed back (R-SLA-5); completed.
    await sql`
      insert into order_events (tenant_id, order_id, kind, dedupe_key, detail, at)
      select o.tenant_id, o.id, e.kind, e.kind, e.detail, least(o.created_at + e.after, now())
      from orders o
      cross join lateral (values
        ('received', '{}'::jsonb, interval '0', true),
        ('dispatched', jsonb_build_object('supplierId', o.supplier_id), interval '10 minutes',
          o.supplier_id is not null),
        ('tracking_pushed', jsonb_build_object('trackingNumber', o.tracking_number),
          interval '20 hours', o.tracking_number is not null),
        ('completed', '{}'::jsonb, interval '5 days', o.status = 'completed')
      ) e(kind, detail, after, present)
      where o.tenant_id = ${t.tenantId} and e.present`.execute(trx);
  });
}

/** More shops for a tenant, copies of its first one under other marketplace ids. */
export async function addShops(admin: Db, tenantId: string, n: number): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    insert into shops (tenant_id, platform, platform_shop_id, name, region, cipher, status)
    select s.tenant_id, s.platform, s.platform_shop_id || '-bench-' || g, s.name || ' ' || g,
      s.region, s.cipher, s.status
    from (select * from shops where tenant_id = ${tenantId} order by created_at limit 1) s
    cross join generate_series(1, ${n}) g
    returning id`.execute(admin);
  return rows.rows.map((r) => r.id);
}
