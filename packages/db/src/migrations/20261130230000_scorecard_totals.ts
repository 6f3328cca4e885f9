import { type Kysely, sql } from 'kysely';

/**
 * R-RT-1 at network scale: routing read each candidate's 30 daily rows and summed them on every
 * order. Each day row now also carries the supplier's running totals up to and including that
 * day, kept by triggers whatever writes the counts, so a window's sum is the difference of two
 * rows: the supplier's latest and its latest before the window.
 *
 * Totals of later days move with any change to an earlier day (a transaction that began before
 * midnight and counts on the day before; a supplier whose time zone changed). Writers of one
 * supplier's days take its advisory lock first, so a new day's row never starts from totals
 * another transaction is about to change; outcomes of one supplier already queued on its day's
 * row for the length of their transactions.
 *
 * `routing_candidates` keeps its signature and rows. Besides the record, it reads each catalog
 * row once (grouped by supplier, where it read them twice) and looks up each candidate's
 * supplier, rate and days by key: written as subqueries the planner may not flatten, so the
 * plan the function keeps cannot become a scan of every supplier and rate. Each lookup is of a
 * different supplier, so caching their results (memoize) only costs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table supplier_days
      add column total_dispatched bigint not null default 0,
      add column total_acked_in_time bigint not null default 0,
      add column total_shipped bigint not null default 0,
      add column total_shipped_on_time bigint not null default 0,
      add column total_valid_tracking bigint not null default 0;
    update supplier_days d set
        total_dispatched = t.dispatched, total_acked_in_time = t.acked_in_time,
        total_shipped = t.shipped, total_shipped_on_time = t.shipped_on_time,
        total_valid_tracking = t.valid_tracking
      from (
        select supplier_id, day, sum(dispatched) over w as dispatched,
          sum(acked_in_time) over w as acked_in_time, sum(shipped) over w as shipped,
          sum(shipped_on_time) over w as shipped_on_time,
          sum(valid_tracking) over w as valid_tracking
        from supplier_days
        window w as (partition by supplier_id order by day)
      ) t
      where t.supplier_id = d.supplier_id and t.day = d.day;

    -- The totals are read by key and day, latest first; the 30-day sum's index goes.
    drop index supplier_days_record;
    create index supplier_days_totals on supplier_days (supplier_id, day)
      include (dispatched, total_dispatched, total_acked_in_time, total_shipped,
        total_shipped_on_time, total_valid_tracking);

    create function supplier_days_totals() returns trigger
      language plpgsql set search_path = public
      as $$
      declare
        v_supplier uuid := coalesce(new.supplier_id, old.supplier_id);
        v_day date := coalesce(new.day, old.day);
        d_dispatched bigint := coalesce(new.dispatched, 0) - coalesce(old.dispatched, 0);
        d_acked bigint := coalesce(new.acked_in_time, 0) - coalesce(old.acked_in_time, 0);
        d_shipped bigint := coalesce(new.shipped, 0) - coalesce(old.shipped, 0);
        d_on_time bigint := coalesce(new.shipped_on_time, 0) - coalesce(old.shipped_on_time, 0);
        d_valid bigint := coalesce(new.valid_tracking, 0) - coalesce(old.valid_tracking, 0);
      begin
        perform pg_advisory_xact_lock(hashtext('supplier_days_totals'), hashtext(v_supplier::text));
        if tg_op = 'INSERT' then
          -- A new day starts from the totals of the supplier's day before it.
          update supplier_days d set
              total_dispatched = d.dispatched + coalesce(p.total_dispatched, 0),
              total_acked_in_time = d.acked_in_time + coalesce(p.total_acked_in_time, 0),
              total_shipped = d.shipped + coalesce(p.total_shipped, 0),
              total_shipped_on_time = d.shipped_on_time + coalesce(p.total_shipped_on_time, 0),
              total_valid_tracking = d.valid_tracking + coalesce(p.total_valid_tracking, 0)
            from (select 1) one
            left join lateral (
              select * from supplier_days x
              where x.supplier_id = v_supplier and x.day < v_day
              order by x.day desc limit 1
            ) p on true
            where d.supplier_id = v_supplier and d.day = v_day;
        end if;
        -- Days after this one (rare: see the migration) carry its change too.
        update supplier_days d set
            total_dispatched = d.total_dispatched + d_dispatched,
            total_acked_in_time = d.total_acked_in_time + d_acked,
            total_shipped = d.total_shipped + d_shipped,
            total_shipped_on_time = d.total_shipped_on_time + d_on_time,
            total_valid_tracking = d.total_valid_tracking + d_valid
          where d.supplier_id = v_supplier and d.day > v_day;
        return null;
      end $$;
    -- An outcome counted on a day already written (most are) carries its own totals in the same
    -- row version; the days after it are moved by the trigger above.
    create function supplier_days_own_totals() returns trigger
      language plpgsql
      as $$
      begin
        new.total_dispatched := old.total_dispatched + new.dispatched - old.dispatched;
        new.total_acked_in_time := old.total_acked_in_time + new.acked_in_time - old.acked_in_time;
        new.total_shipped := old.total_shipped + new.shipped - old.shipped;
        new.total_shipped_on_time :=
          old.total_shipped_on_time + new.shipped_on_time - old.shipped_on_time;
        new.total_valid_tracking :=
          old.total_valid_tracking + new.valid_tracking - old.valid_tracking;
        return new;
      end $$;
    -- Fired by changes of the counts only: the triggers' own writes set totals alone.
    create trigger supplier_days_totals_insert after insert or delete on supplier_days
      for each row execute function supplier_days_totals();
    create trigger supplier_days_own_totals
      before update of dispatched, acked_in_time, shipped, shipped_on_time, valid_tracking
      on supplier_days for each row execute function supplier_days_own_totals();
    create trigger supplier_days_totals_update
      after update of dispatched, acked_in_time, shipped, shipped_on_time, valid_tracking
      on supplier_days for each row execute function supplier_days_totals();
    -- A key change would move counts between a supplier's days; nothing does it, so refuse it.
    create function supplier_days_fixed_key() returns trigger
      language plpgsql
      as $$
      begin
        raise exception 'supplier_days: supplier and day are fixed';
      end $$;
    create trigger supplier_days_fixed_key before update of supplier_id, day on supplier_days
      for each row when (old.supplier_id is distinct from new.supplier_id
        or old.day is distinct from new.day)
      execute function supplier_days_fixed_key();

    create or replace function routing_candidates(p_codes text[], p_country text,
        p_carrier text, p_now timestamptz, p_days int)
      returns table (id uuid, code text, countries text[], carriers text[], time_zone text,
        cutoff_minute int, handling_days int, daily_capacity int, items jsonb,
        parcel_cost_minor bigint, dispatched_today bigint, dispatched bigint,
        acked_in_time bigint, shipped bigint, shipped_on_time bigint, valid_tracking bigint,
        preference text, "position" int)
      language plpgsql stable security invoker set search_path = public
        set enable_memoize = off
      as $$
      #variable_conflict use_column
      begin
        return query
          with stocked as (
            select i.supplier_id,
              jsonb_object_agg(i.supplier_item_code,
                jsonb_build_array(greatest(i.stock - i.reserved, 0), i.unit_cost_minor::text))
                as items
            from supplier_items i
            where i.supplier_item_code = any(p_codes)
            group by i.supplier_id
          ),
          wanted as (
            select coalesce(st.supplier_id, p.supplier_id) as supplier_id, st.items,
              p.kind, p.position
            from stocked st full join supplier_preferences p on p.supplier_id = st.supplier_id
          )
          select s.id, s.code, s.countries, s.carriers, s.time_zone, s.cutoff_minute,
            s.handling_days, s.daily_capacity, w.items, r.parcel_cost_minor,
            -- Today's load is the latest row's, unless days ahead of the order's own exist.
            coalesce(case when la.day = l.day then la.dispatched
              when la.day > l.day then (select x.dispatched from supplier_days x
                where x.supplier_id = s.id and x.day = l.day) end, 0)::bigint,
            -- The window (day - p_days, …]: everything counted after the last day before it.
            coalesce(la.total_dispatched - coalesce(b.total_dispatched, 0), 0)::bigint,
            coalesce(la.total_acked_in_time - coalesce(b.total_acked_in_time, 0), 0)::bigint,
            coalesce(la.total_shipped - coalesce(b.total_shipped, 0), 0)::bigint,
            coalesce(la.total_shipped_on_time - coalesce(b.total_shipped_on_time, 0), 0)::bigint,
            coalesce(la.total_valid_tracking - coalesce(b.total_valid_tracking, 0), 0)::bigint,
            w.kind, w.position
          from wanted w
          cross join lateral (
            select * from suppliers x
            where x.id = w.supplier_id and x.active and x.paused_at is null
            offset 0
          ) s
          cross join lateral (select (p_now at time zone s.time_zone)::date as day) l
          left join lateral (
            select x.parcel_cost_minor from supplier_rates x
            where x.supplier_id = s.id and x.country = p_country and x.carrier = p_carrier
            offset 0
          ) r on true
          left join lateral (
            select * from supplier_days x where x.supplier_id = s.id
            order by x.day desc limit 1
          ) la on true
          left join lateral (
            select * from supplier_days x where x.supplier_id = s.id and x.day <= l.day - p_days
            order by x.day desc limit 1
          ) b on true;
      end $$;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
