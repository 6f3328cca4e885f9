import { sql } from 'kysely';
import type { Db, Trx } from '../client.ts';
import {
  type RoutingCandidateRow,
  type RoutingData,
  type RoutingDataNeed,
  routingDataFromRows,
  SCORECARD_DAYS,
} from '../repos/routing-data.ts';

/**
 * The previous statement behind routing (`routing_candidates` as 20261130170000 left it, with
 * its index): each candidate's record summed from its 30 daily rows on every call. Kept as the
 * reference the running totals must agree with, and as the "before" of the routing benchmark.
 * Created by the owner in a test's own database.
 */
export async function createRoutingReference(admin: Db): Promise<void> {
  await sql`
    create index if not exists supplier_days_record on supplier_days (supplier_id, day)
      include (dispatched, acked_in_time, shipped, shipped_on_time, valid_tracking);
    create or replace function routing_candidates_reference(p_codes text[], p_country text,
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
    grant execute on function routing_candidates_reference(text[], text, text, timestamptz, int)
      to switchyard_app;
  `.execute(admin);
}

/** loadRoutingData by the reference statement (createRoutingReference first). */
export async function loadRoutingDataByReference(
  trx: Trx,
  need: RoutingDataNeed,
): Promise<RoutingData> {
  const codes = [...new Set(need.itemCodes)];
  const { rows } = await sql<RoutingCandidateRow>`
    select * from routing_candidates_reference(${codes}::text[], ${need.country},
      ${need.carrier}, ${need.now}::timestamptz, ${SCORECARD_DAYS}::int)`.execute(trx);
  return routingDataFromRows(rows);
}
