import { type Kysely, sql } from 'kysely';
import { APP_ROLE, CURRENT_TENANT } from './rls.ts';

/**
 * R-RT-1: what a supplier can take now. Its stock less what its open dispatches hold, and
 * whether its endpoint is paused (R-RT-2: an endpoint failing for long is skipped until an
 * operator resumes it; `delivery_failures` counts consecutive failed attempts).
 *
 * A dispatch reserves its units at its supplier, so that a burst of orders routed by
 * stock does not send a hundred orders to ten units. `supplier_items.reserved` counts the units
 * of dispatches not yet shipped or given back; routing sees `stock - reserved`. A supplier's
 * feed sets `stock` (what it has on hand, reserved units included) and leaves `reserved` alone;
 * a shipment consumes its units from both.
 *
 * Catalog rows are written only in a supplier's scope (RLS), and a dispatch is the tenant's: the
 * one way a tenant's transaction moves stock is `move_dispatch_stock`, for a dispatch of its own
 * (checked against the transaction's tenant, as a SECURITY DEFINER function sees every row).
 * `dispatches.stock` says where the dispatch's units are: held, released or consumed; each
 * move happens once, so a retried activity moves nothing twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table supplier_items add column reserved int not null default 0 check (reserved >= 0);
    alter table suppliers add column delivery_failures int not null default 0
      check (delivery_failures >= 0);
    alter table suppliers add column paused_at timestamptz;
    alter table dispatches add column stock text
      check (stock in ('held', 'released', 'consumed'));

    create function move_dispatch_stock(p_dispatch text, p_to text) returns boolean
      language plpgsql security definer set search_path = public
      as $$
      declare
        v_supplier uuid;
        v_state text;
        v_status text;
        v_codes text[];
        v_qtys int[];
        v_short int;
      begin
        select x.supplier_id, x.stock, x.status into v_supplier, v_state, v_status
          from dispatches x
          where x.id = p_dispatch and x.tenant_id = ${sql.raw(CURRENT_TENANT)}
          for update;
        if not found then return false; end if;
        -- Reserving is answered by where the units are, and only an open dispatch reserves;
        -- the other moves take held units only.
        if p_to = 'held' and v_state is not null then return v_state = 'held'; end if;
        if p_to = 'held' and v_status not in ('sent', 'acknowledged') then return false; end if;
        if p_to <> 'held' and v_state is distinct from 'held' then return false; end if;

        select array_agg(l.code order by l.code), array_agg(l.qty order by l.code)
          into v_codes, v_qtys
          from (
            select e->>'supplierItemCode' as code, sum((e->>'quantity')::int)::int as qty
            from dispatches x join orders o on o.id = x.order_id,
              jsonb_array_elements(o.supplier_lines) e
            where x.id = p_dispatch
            group by 1
          ) l;
        if v_codes is null then return false; end if;

        if p_to = 'held' then
          -- Locked in code order, so two reservations of the same items cannot deadlock.
          perform 1 from supplier_items i
            where i.supplier_id = v_supplier and i.supplier_item_code = any(v_codes)
            order by i.supplier_item_code for update;
          select count(*) into v_short
            from unnest(v_codes, v_qtys) q(code, qty)
            left join supplier_items i
              on i.supplier_id = v_supplier and i.supplier_item_code = q.code
            where i.supplier_item_code is null or i.stock - i.reserved < q.qty;
          if v_short > 0 then return false; end if;
          update supplier_items i set reserved = i.reserved + q.qty
            from unnest(v_codes, v_qtys) q(code, qty)
            where i.supplier_id = v_supplier and i.supplier_item_code = q.code;
        else
          update supplier_items i set
              reserved = greatest(i.reserved - q.qty, 0),
              stock = case when p_to = 'consumed' then greatest(i.stock - q.qty, 0) else i.stock end
            from unnest(v_codes, v_qtys) q(code, qty)
            where i.supplier_id = v_supplier and i.supplier_item_code = q.code;
        end if;
        update dispatches set stock = p_to where id = p_dispatch;
        return true;
      end $$;
    revoke execute on function move_dispatch_stock(text, text) from public;
  `.execute(db);
  await sql
    .raw(`grant execute on function move_dispatch_stock(text, text) to ${APP_ROLE}`)
    .execute(db);

  // Routing sees what is left to promise (on hand less what open dispatches hold), from
  // suppliers whose endpoint is not paused.
  await sql`
    create or replace function routing_candidates(p_codes text[], p_country text,
        p_carrier text, p_now timestamptz, p_days int)
      returns table (id uuid, code text, countries text[], carriers text[], time_zone text,
        cutoff_minute int, handling_days int, daily_capacity int, items jsonb,
        parcel_cost_minor bigint, dispatched_today bigint, dispatched bigint,
        acked_in_time bigint, shipped bigint, shipped_on_time bigint, valid_tracking bigint,
        preference text, "position" int)
      language plpgsql stable security invoker set search_path = public
      as $$
      #variable_conflict use_column
      begin
        return query
          with wanted as (
            select distinct si.supplier_id from supplier_items si
            where si.supplier_item_code = any(p_codes)
            union
            select sp.supplier_id from supplier_preferences sp
          )
          select s.id, s.code, s.countries, s.carriers, s.time_zone, s.cutoff_minute,
            s.handling_days, s.daily_capacity,
            (select jsonb_object_agg(i.supplier_item_code,
                      jsonb_build_array(greatest(i.stock - i.reserved, 0),
                        i.unit_cost_minor::text))
               from supplier_items i
               where i.supplier_id = s.id and i.supplier_item_code = any(p_codes)),
            r.parcel_cost_minor, coalesce(rec.today, 0)::bigint,
            coalesce(rec.dispatched, 0)::bigint, coalesce(rec.acked_in_time, 0)::bigint,
            coalesce(rec.shipped, 0)::bigint, coalesce(rec.shipped_on_time, 0)::bigint,
            coalesce(rec.valid_tracking, 0)::bigint,
            p.kind, p.position
          from wanted w
          cross join lateral (
            select * from suppliers x
            where x.id = w.supplier_id and x.active and x.paused_at is null
          ) s
          cross join lateral (select (p_now at time zone s.time_zone)::date as day) l
          left join supplier_rates r
            on r.supplier_id = s.id and r.country = p_country and r.carrier = p_carrier
          left join lateral (
            select sum(d.dispatched) filter (where d.day = l.day) as today,
              sum(d.dispatched) as dispatched, sum(d.acked_in_time) as acked_in_time,
              sum(d.shipped) as shipped, sum(d.shipped_on_time) as shipped_on_time,
              sum(d.valid_tracking) as valid_tracking
            from supplier_days d
            where d.supplier_id = s.id and d.day > l.day - p_days
          ) rec on true
          left join supplier_preferences p on p.supplier_id = s.id;
      end $$;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
